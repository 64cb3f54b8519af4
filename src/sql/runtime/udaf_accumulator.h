#pragma once

#include <cstddef>
#include <string>

#include "eddy/types/column_batch.h"
#include "sql/planner/plan_node.h"
#include "sql/runtime/aggregate_accumulators.h"

namespace eddy::sql {

// The most arguments a user-defined aggregate call takes (the row's argument columns are
// gathered on the stack).
inline constexpr size_t kMaxAggregateUdfArguments = 16;

// The accumulator of a user-defined aggregate call (AggregateCall::Function::kUserDefined)
// is the function's own bytes, kept as the Accumulator's only value and created by
// createAccumulator on first use, so it is serialized with the group like any other.
// Errors of the function are thrown as std::runtime_error: the operator fails the job with
// its name.

// accumulate (or retract) row `row` of `input` into `acc`.
void accumulateUserDefined(Accumulator& acc, const AggregateCall& call, const types::ColumnBatch& input, size_t row,
                           bool retract);

// Merges the accumulator of `source` into `target` with the function's merge; an
// accumulator not created yet is empty, so `target` takes a copy of `source`'s.
// REQUIRES: the function implementsMerge (checkMergeable).
void mergeUserDefined(Accumulator& target, const Accumulator& source, const AggregateCall& call);

// Appends getValue's result, encoded as appendResults encodes results, to `out`.
void appendUserDefinedResult(const Accumulator& acc, const AggregateCall& call, std::string& out);

}  // namespace eddy::sql
