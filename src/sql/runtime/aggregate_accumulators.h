#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// The accumulator of one aggregate call for one group (Flink's accumulators of
// CountAggFunction, SumAggFunction, AvgAggFunction, the retractable MIN/MAX, FIRST_VALUE,
// LAST_VALUE and LISTAGG, and the SUM(x*x), SUM(x), COUNT(x) that Calcite reduces STDDEV and
// VAR to), all in one shape so every function can retract:
//   - count of the values taken, their sum and the sum of their squares;
//   - an ordered multiset of encoded values (sortable_codec.h) for MIN and MAX;
//   - for a DISTINCT call, the count of each encoded value in a hash map (Flink's distinct
//     MapView): the call counts and sums a value when it enters the map and when it leaves;
//     over an insert-only input MIN and MAX keep only their extreme, as Flink's MinAggFunction
//     and MaxAggFunction do (AggregateCall::needs_retraction);
//   - the values in arrival order for FIRST_VALUE/LAST_VALUE (encoded) and LISTAGG (the
//     strings); a retraction removes the earliest equal value, as Flink's retract does. Over
//     an insert-only input FIRST_VALUE and LAST_VALUE keep only their one value.
// COUNT, SUM and AVG need only the counters, which are inline; the rest is allocated when a
// call first needs it, so that the many small groups of a window or group aggregation stay
// small.
struct AccumulatorExtras {
  __int128 exact_square_sum = 0;  // STDDEV/VAR: the sum of x*x, each wrapped to the argument's width
  double double_square_sum = 0;
  std::map<std::string, int64_t> multiset;
  absl::flat_hash_map<std::string, int64_t> distinct;
  std::vector<std::string> values;

  bool empty() const {
    return exact_square_sum == 0 && double_square_sum == 0 && multiset.empty() && distinct.empty() && values.empty();
  }
};

struct Accumulator {
  int64_t count = 0;
  __int128 exact_sum = 0;  // integral and DECIMAL (unscaled) sums
  double double_sum = 0;   // FLOAT and DOUBLE sums

  Accumulator() = default;
  Accumulator(const Accumulator& other)
      : count(other.count),
        exact_sum(other.exact_sum),
        double_sum(other.double_sum),
        extras_(other.extras_ ? std::make_unique<AccumulatorExtras>(*other.extras_) : nullptr) {}
  Accumulator& operator=(const Accumulator& other) {
    if (this != &other) *this = Accumulator(other);
    return *this;
  }
  Accumulator(Accumulator&&) = default;
  Accumulator& operator=(Accumulator&&) = default;

  // The extras, created empty on first use.
  AccumulatorExtras& extras() {
    if (!extras_) extras_ = std::make_unique<AccumulatorExtras>();
    return *extras_;
  }
  // The extras, or empty ones when there are none.
  const AccumulatorExtras& extras() const {
    static const AccumulatorExtras kNone;
    return extras_ ? *extras_ : kNone;
  }
  void setExtras(AccumulatorExtras extras) {
    extras_ = extras.empty() ? nullptr : std::make_unique<AccumulatorExtras>(std::move(extras));
  }

 private:
  std::unique_ptr<AccumulatorExtras> extras_;
};

// The accumulators of one group: Flink's record counter (rows accumulated minus rows
// retracted, which tells when the group becomes empty) and one accumulator per call. Up to
// two calls are kept inline, so that a group's state is one block where the state table
// stores it (one cache miss fewer per row, no allocation per new group).
struct GroupAccumulators {
  int64_t record_count = 0;
  absl::InlinedVector<Accumulator, 2> calls;

  // A compact binary form, appended to `out`, and read back.
  void appendTo(std::string& out) const;
  static GroupAccumulators fromBytes(std::string_view in);

  // The same form length-prefixed, as TypeSerializer<GroupAccumulators>: operators keep the
  // accumulators in keyed ValueState<GroupAccumulators> and update them in place.
  void serialize(types::DataOutputSerializer& out) const;
  Status deserialize(types::DataInputDeserializer& in);
};

// Accumulates (or, when `retract`, retracts) row `row` of `input` into the accumulators.
void accumulateRow(GroupAccumulators& group, const std::vector<AggregateCall>& calls, const types::ColumnBatch& input,
                   size_t row, bool retract, std::string& scratch);

// Appends the results of the calls, each encoded as sortable_codec.h does, to `out`: two
// groups whose results encode equally have equal results.
void appendResults(const GroupAccumulators& group, const std::vector<AggregateCall>& calls, std::string& out);

// Appends the same results as values to the columns of `out` from `first_field` on (the
// current row's), without encoding them where the result type allows (COUNT, SUM of
// BIGINT, INT and DOUBLE); `scratch` is reused for the others.
void appendResultColumns(const GroupAccumulators& group, const std::vector<AggregateCall>& calls,
                         types::ColumnBatch& out, size_t first_field, std::string& scratch);

// True when Eddy runs `call` (function, argument type and DISTINCT); NotSupported otherwise.
Status checkSupported(const AggregateCall& call);

}  // namespace eddy::sql
