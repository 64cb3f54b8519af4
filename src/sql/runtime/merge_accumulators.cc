#include "sql/runtime/merge_accumulators.h"

namespace eddy::sql {

void mergeAccumulators(GroupAccumulators& target, const GroupAccumulators& source,
                       const std::vector<AggregateCall>& calls) {
  target.record_count += source.record_count;
  for (size_t c = 0; c < calls.size(); ++c) {
    Accumulator& to = target.calls[c];
    const Accumulator& from = source.calls[c];
    const AccumulatorExtras& more = from.extras();
    if (!calls[c].distinct) {
      to.count += from.count;
      to.exact_sum += from.exact_sum;
      to.double_sum += from.double_sum;
    }
    if (more.empty()) continue;
    AccumulatorExtras& into = to.extras();
    for (const auto& [value, count] : more.multiset) into.multiset[value] += count;
    if (calls[c].distinct) {
      for (const auto& [value, count] : more.distinct) into.distinct[value] += count;
      to.count = 0;
      for (const auto& [value, count] : into.distinct) to.count += count > 0 ? 1 : 0;
      continue;
    }
    into.exact_square_sum += more.exact_square_sum;
    into.double_square_sum += more.double_square_sum;
    into.values.insert(into.values.end(), more.values.begin(), more.values.end());
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
