#pragma once

#include <vector>

#include "eddy/state/operator_state_snapshot.h"

namespace eddy::runtime {

// Redistributes the managed operator state of one operator over its new parallel instances
// on restore, exactly as Flink's RoundRobinOperatorStateRepartitioner:
//
// - at the same parallelism every instance keeps its own states, but for UNION states,
//   which every instance gets whole;
// - at another parallelism, per SPLIT_DISTRIBUTE state (by name), the elements of all old
//   instances in subtask order are cut into contiguous shares of total / n, the first
//   total % n instances getting one more; the instance that starts the next state's round
//   moves on, so that the odd elements of several states do not all land on instance 0;
//   every UNION state goes whole to every instance; new instance i gets old instance
//   (i % old instances holding it)'s copy of every BROADCAST state.
//
// `old_states[i]` holds the states of old subtask i. Returns the states of each new subtask.
std::vector<std::vector<state::OperatorStateSnapshot>> repartitionOperatorState(
    const std::vector<std::vector<state::OperatorStateSnapshot>>& old_states, int new_parallelism);

}  // namespace eddy::runtime
