#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::state {

// How a named operator state is redistributed when a job restores (Flink's
// OperatorStateHandle.Mode): SPLIT_DISTRIBUTE deals the elements of all old instances out in
// even, contiguous shares (getListState); UNION gives every new instance all of them
// (getUnionListState); BROADCAST gives every new instance one old instance's copy
// (getBroadcastState, whose instances all hold the same state).
enum class OperatorStateDistributionMode : int8_t { SPLIT_DISTRIBUTE = 0, UNION = 1, BROADCAST = 2 };

// One named operator state of one operator instance in the canonical format: every element
// serialized on its own (a list element, or a broadcast state's key and value), so that
// elements can be redistributed without knowing their type. A value type.
struct OperatorStateSnapshot {
  std::string name;
  OperatorStateDistributionMode mode = OperatorStateDistributionMode::SPLIT_DISTRIBUTE;
  std::vector<std::string> elements;

  // Bytes of the snapshot, to embed in checkpoint metadata; readFrom reads them back
  // (Corruption if truncated or of an unknown mode).
  void writeTo(types::DataOutputSerializer& out) const;
  static Result<OperatorStateSnapshot> readFrom(types::DataInputDeserializer& in);
  bool operator==(const OperatorStateSnapshot&) const = default;
};

// The name Flink prints for a distribution mode.
const char* distributionModeName(OperatorStateDistributionMode mode);

}  // namespace eddy::state
