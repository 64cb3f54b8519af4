#include "eddy/operators/committing_sink_state.h"

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::operators {

namespace {

constexpr int32_t kFormatVersion = 1;

Status readCount(types::DataInputDeserializer& in, int32_t& count) {
  EDDY_RETURN_IF_ERROR(in.readInt(count));
  // Every element takes at least 4 bytes, which bounds a garbled count before reserving.
  if (count < 0 || static_cast<size_t>(count) > in.available() / 4) {
    return Corruption(fmt::format("bad element count {} in a committing sink state", count));
  }
  return Status::OK();
}

}  // namespace

std::string CommittingSinkState::encode() const {
  types::DataOutputSerializer out;
  out.writeInt(kFormatVersion);
  out.writeInt(committable_version);
  out.writeInt(static_cast<int32_t>(committables.size()));
  for (const Committable& c : committables) {
    out.writeLong(c.checkpoint_id);
    out.writeLengthPrefixed(c.bytes);
  }
  out.writeInt(writer_state_version);
  out.writeInt(static_cast<int32_t>(writer_states.size()));
  for (const std::string& s : writer_states) out.writeLengthPrefixed(s);
  return out.buffer();
}

Result<CommittingSinkState> CommittingSinkState::decode(std::string_view bytes) {
  types::DataInputDeserializer in(bytes);
  int32_t format = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(format));
  if (format != kFormatVersion) {
    return NotSupported(fmt::format("committing sink state format version {} (this release reads {})", format,
                                    kFormatVersion));
  }
  CommittingSinkState state;
  int32_t count = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(state.committable_version));
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  state.committables.resize(static_cast<size_t>(count));
  for (Committable& c : state.committables) {
    EDDY_RETURN_IF_ERROR(in.readLong(c.checkpoint_id));
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(c.bytes));
  }
  EDDY_RETURN_IF_ERROR(in.readInt(state.writer_state_version));
  EDDY_RETURN_IF_ERROR(readCount(in, count));
  state.writer_states.resize(static_cast<size_t>(count));
  for (std::string& s : state.writer_states) EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(s));
  if (in.available() != 0) return Corruption("trailing bytes after a committing sink state");
  return state;
}

}  // namespace eddy::operators
