#include "eddy/state/operator_state_snapshot.h"

#include <fmt/format.h>

#include "eddy/types/type_serializer.h"

namespace eddy::state {

void OperatorStateSnapshot::writeTo(types::DataOutputSerializer& out) const {
  types::TypeSerializer<std::string>::serialize(name, out);
  out.writeByte(static_cast<int8_t>(mode));
  types::TypeSerializer<std::vector<std::string>>::serialize(elements, out);
}

Result<OperatorStateSnapshot> OperatorStateSnapshot::readFrom(types::DataInputDeserializer& in) {
  OperatorStateSnapshot snapshot;
  EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::string>::deserialize(in, snapshot.name));
  int8_t mode = 0;
  EDDY_RETURN_IF_ERROR(in.readByte(mode));
  if (mode < 0 || mode > static_cast<int8_t>(OperatorStateDistributionMode::BROADCAST)) {
    return Corruption(fmt::format("unknown distribution mode {} of operator state '{}'", mode, snapshot.name));
  }
  snapshot.mode = static_cast<OperatorStateDistributionMode>(mode);
  EDDY_RETURN_IF_ERROR(types::TypeSerializer<std::vector<std::string>>::deserialize(in, snapshot.elements));
  return snapshot;
}

const char* distributionModeName(OperatorStateDistributionMode mode) {
  switch (mode) {
    case OperatorStateDistributionMode::SPLIT_DISTRIBUTE: return "SPLIT_DISTRIBUTE";
    case OperatorStateDistributionMode::UNION: return "UNION";
    case OperatorStateDistributionMode::BROADCAST: return "BROADCAST";
  }
  return "UNKNOWN";
}

}  // namespace eddy::state
