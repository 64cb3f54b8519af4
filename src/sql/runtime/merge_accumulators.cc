#include "sql/runtime/merge_accumulators.h"

#include <fmt/format.h>

#include "sql/planner/aggregate_udf_call.h"
#include "sql/runtime/udaf_accumulator.h"

namespace eddy::sql {

void mergeAccumulators(GroupAccumulators& target, const GroupAccumulators& source,
                       const std::vector<AggregateCall>& calls) {
  target.record_count += source.record_count;
  for (size_t c = 0; c < calls.size(); ++c) {
    Accumulator& to = target.calls[c];
    const Accumulator& from = source.calls[c];
    if (calls[c].function == AggregateCall::Function::kUserDefined) {
      mergeUserDefined(to, from, calls[c]);
      continue;
    }
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
  if (call.function == AggregateCall::Function::kUserDefined && !call.udaf->function->implementsMerge()) {
    // Flink's UserDefinedFunctionHelper#validateClassForRuntime, without a Java class.
    return InvalidArgument(fmt::format("Could not find an implementation method 'merge' for function '{}' that "
                                       "matches the following signature:\nStatus merge(size_t, std::string&, std::string_view)",
                                       call.udaf->name));
  }
  if (call.distinct && call.function != AggregateCall::Function::kCount) {
    return NotSupported("DISTINCT aggregates other than COUNT(DISTINCT ...) in SESSION windows are not supported yet");
  }
  return Status::OK();
}

}  // namespace eddy::sql
