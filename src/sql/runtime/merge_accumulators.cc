#include "sql/runtime/merge_accumulators.h"

namespace eddy::sql {

void mergeAccumulators(GroupAccumulators& target, const GroupAccumulators& source,
                       const std::vector<AggregateCall>& calls) {
  target.record_count += source.record_count;
  for (size_t c = 0; c < calls.size(); ++c) {
    Accumulator& to = target.calls[c];
    const Accumulator& from = source.calls[c];
    for (const auto& [value, count] : from.multiset) to.multiset[value] += count;
    if (calls[c].distinct) {
      for (const auto& [value, count] : from.distinct) to.distinct[value] += count;
      to.count = 0;
      for (const auto& [value, count] : to.distinct) to.count += count > 0 ? 1 : 0;
      continue;
    }
    to.count += from.count;
    to.exact_sum += from.exact_sum;
    to.double_sum += from.double_sum;
    to.exact_square_sum += from.exact_square_sum;
    to.double_square_sum += from.double_square_sum;
    to.values.insert(to.values.end(), from.values.begin(), from.values.end());
  }
}

Status checkMergeable(const AggregateCall& call) {
  if (call.function == AggregateCall::Function::kUserDefined) {
    return NotSupported("user-defined aggregate functions in SESSION windows are not supported yet");
  }
  if (call.distinct && call.function != AggregateCall::Function::kCount) {
    return NotSupported("DISTINCT aggregates other than COUNT(DISTINCT ...) in SESSION windows are not supported yet");
  }
  return Status::OK();
}

}  // namespace eddy::sql
