#include "sql/runtime/udaf_accumulator.h"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

#include "sql/planner/aggregate_udf_call.h"
#include "sql/runtime/sortable_codec.h"

namespace eddy::sql {

namespace {

void check(const Status& status, const AggregateUdfCall& udaf) {
  if (!status.ok()) throw std::runtime_error(fmt::format("The aggregate function '{}' failed: {}", udaf.name, status.message()));
}

}  // namespace

void accumulateUserDefined(Accumulator& acc, const AggregateCall& call, const types::ColumnBatch& input, size_t row,
                           bool retract) {
  const AggregateUdfCall& udaf = *call.udaf;
  std::array<const types::ColumnVector*, kMaxAggregateUdfArguments> args{};
  size_t arity = 0;
  if (call.argument >= 0) args[arity++] = &input.column(static_cast<size_t>(call.argument));
  for (int more : call.more_arguments) args[arity++] = &input.column(static_cast<size_t>(more));
  if (acc.extras().values.empty()) acc.extras().values.push_back(udaf.function->createAccumulator());
  const std::span<const types::ColumnVector* const> view(args.data(), arity);
  if (retract) {
    check(udaf.function->retract(udaf.signature, acc.extras().values[0], view, row), udaf);
  } else {
    check(udaf.function->accumulate(udaf.signature, acc.extras().values[0], view, row), udaf);
  }
}

void mergeUserDefined(Accumulator& target, const Accumulator& source, const AggregateCall& call) {
  if (source.extras().values.empty()) return;
  std::vector<std::string>& values = target.extras().values;
  if (values.empty()) {
    values.push_back(source.extras().values[0]);
    return;
  }
  const AggregateUdfCall& udaf = *call.udaf;
  check(udaf.function->merge(udaf.signature, values[0], source.extras().values[0]), udaf);
}

void appendUserDefinedResult(const Accumulator& acc, const AggregateCall& call, std::string& out) {
  const AggregateUdfCall& udaf = *call.udaf;
  types::ColumnVector result(call.result_type);
  const std::string empty = acc.extras().values.empty() ? udaf.function->createAccumulator() : std::string();
  check(udaf.function->getValue(udaf.signature, acc.extras().values.empty() ? empty : acc.extras().values[0], result), udaf);
  if (result.size() != 1) {
    check(Internal(fmt::format("getValue returned {} values instead of one", result.size())), udaf);
  }
  appendSortable(result, 0, out);
}

}  // namespace eddy::sql
