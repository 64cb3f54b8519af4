#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::operators {

// The checkpointed state of one CommittingSinkOperator instance, as one operator-state
// entry: the committables not yet committed, each with the checkpoint that produced it,
// and the writer's state, each already serialized by the sink's versioned serializers
// (whose versions are kept here). The layout (big-endian, Flink's DataOutputView
// conventions) starts with its own format version. A value type.
struct CommittingSinkState {
  struct Committable {
    int64_t checkpoint_id = 0;
    std::string bytes;
    friend bool operator==(const Committable&, const Committable&) = default;
  };

  int committable_version = 0;
  int writer_state_version = 0;
  std::vector<Committable> committables;
  std::vector<std::string> writer_states;

  std::string encode() const;
  // Corruption for bytes that are not an encoded state; NotSupported for a newer format.
  static Result<CommittingSinkState> decode(std::string_view bytes);

  friend bool operator==(const CommittingSinkState&, const CommittingSinkState&) = default;
};

}  // namespace eddy::operators
