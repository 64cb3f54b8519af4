#include "runtime/channel_state_serializer.h"

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"

namespace eddy::runtime {

bool writeChannelElement(const ChannelElement& element, const BatchSerializer& serializer,
                         types::DataOutputSerializer& out) {
  switch (element.kind) {
    case ChannelElement::Kind::kBatch:
      out.writeByte(static_cast<int8_t>(element.kind));
      serializer.serialize(*element.batch, out);
      return true;
    case ChannelElement::Kind::kWatermark:
      out.writeByte(static_cast<int8_t>(element.kind));
      out.writeLong(element.watermark);
      return true;
    case ChannelElement::Kind::kIdle:
    case ChannelElement::Kind::kActive:
      out.writeByte(static_cast<int8_t>(element.kind));
      return true;
    case ChannelElement::Kind::kEndOfPartition:
    case ChannelElement::Kind::kBarrier:
      break;
  }
  return false;
}

Result<std::vector<ChannelElement>> readChannelElements(std::string_view data, const BatchSerializer& serializer) {
  types::DataInputDeserializer in(data);
  std::vector<ChannelElement> elements;
  while (in.available() > 0) {
    int8_t kind = 0;
    EDDY_RETURN_IF_ERROR(in.readByte(kind));
    ChannelElement element;
    element.kind = static_cast<ChannelElement::Kind>(kind);
    switch (element.kind) {
      case ChannelElement::Kind::kBatch: {
        EDDY_ASSIGN_OR_RETURN(element.batch, serializer.deserialize(in));
        break;
      }
      case ChannelElement::Kind::kWatermark:
        EDDY_RETURN_IF_ERROR(in.readLong(element.watermark));
        break;
      case ChannelElement::Kind::kIdle:
      case ChannelElement::Kind::kActive:
        break;
      default:
        return Corruption(fmt::format("unknown element kind {} in channel state", kind));
    }
    elements.push_back(std::move(element));
  }
  return elements;
}

}  // namespace eddy::runtime
