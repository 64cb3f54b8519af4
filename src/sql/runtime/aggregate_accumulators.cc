#include "sql/runtime/aggregate_accumulators.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "eddy/types/key_encoder.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_bytes.h"
#include "sql/runtime/udaf_accumulator.h"

namespace eddy::sql {

using state_bytes::put;
using state_bytes::take;

using types::LogicalTypeRoot;
using F = AggregateCall::Function;

namespace {

bool isFloating(const types::LogicalType& type) {
  return type.root() == LogicalTypeRoot::FLOAT || type.root() == LogicalTypeRoot::DOUBLE;
}

// The argument at `row` as an exact number (integral storage or DECIMAL unscaled).
__int128 exactValue(const types::ColumnVector& column, size_t row) {
  switch (column.type().root()) {
    case LogicalTypeRoot::TINYINT: return column.valueAt<int8_t>(row);
    case LogicalTypeRoot::SMALLINT: return column.valueAt<int16_t>(row);
    case LogicalTypeRoot::INTEGER: return column.valueAt<int32_t>(row);
    case LogicalTypeRoot::BIGINT: return column.valueAt<int64_t>(row);
    case LogicalTypeRoot::DECIMAL: return column.valueAt<__int128>(row);
    default: return 0;
  }
}

double floatingValue(const types::ColumnVector& column, size_t row) {
  return column.type().root() == LogicalTypeRoot::FLOAT ? column.valueAt<float>(row) : column.valueAt<double>(row);
}

// A non-null exact result of `type`, wrapped to its width as Java arithmetic wraps.
void appendExact(__int128 value, const types::LogicalType& type, std::string& out) {
  out.push_back('\1');
  switch (type.root()) {
    case LogicalTypeRoot::TINYINT: types::KeyEncoder<int8_t>::encode(static_cast<int8_t>(value), out); break;
    case LogicalTypeRoot::SMALLINT: types::KeyEncoder<int16_t>::encode(static_cast<int16_t>(value), out); break;
    case LogicalTypeRoot::INTEGER: types::KeyEncoder<int32_t>::encode(static_cast<int32_t>(value), out); break;
    case LogicalTypeRoot::BIGINT: types::KeyEncoder<int64_t>::encode(static_cast<int64_t>(value), out); break;
    default: {
      using U = unsigned __int128;
      U bits = static_cast<U>(value) ^ (U(1) << 127);
      types::detail::appendBigEndian(static_cast<uint64_t>(bits >> 64), out);
      types::detail::appendBigEndian(static_cast<uint64_t>(bits), out);
    }
  }
}

void appendFloating(double value, const types::LogicalType& type, std::string& out) {
  out.push_back('\1');
  if (type.root() == LogicalTypeRoot::FLOAT) {
    types::KeyEncoder<float>::encode(static_cast<float>(value), out);
  } else {
    types::KeyEncoder<double>::encode(value, out);
  }
}

// Adds `delta` to the count of `key` in `counts` (an ordered multiset or a hash map of
// counts), dropping a key whose count becomes 0; returns the count before.
template <typename Counts>
int64_t addToCount(Counts& counts, const std::string& key, int64_t delta) {
  auto [it, inserted] = counts.try_emplace(key, 0);
  const int64_t before = it->second;
  it->second += delta;
  if (it->second == 0) counts.erase(it);
  return before;
}

// `value` wrapped to the width of the integral `type`, as Java's arithmetic wraps.
__int128 wrapTo(__int128 value, const types::LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::TINYINT: return static_cast<int8_t>(value);
    case LogicalTypeRoot::SMALLINT: return static_cast<int16_t>(value);
    case LogicalTypeRoot::INTEGER: return static_cast<int32_t>(value);
    case LogicalTypeRoot::BIGINT: return static_cast<int64_t>(value);
    default: return value;
  }
}

// Java's (long) cast of a double: NaN is 0, out-of-range values saturate.
int64_t javaDoubleToLong(double value) {
  if (std::isnan(value)) return 0;
  if (value >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (value <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}

// Removes the earliest element equal to `value`, if any.
void removeFirst(std::vector<std::string>& values, std::string_view value) {
  auto it = std::find(values.begin(), values.end(), value);
  if (it != values.end()) values.erase(it);
}

// Java's BigDecimal division rounded HALF_UP at the result's scale: the unscaled sum at
// `from_scale` over `count`, as an unscaled value at `to_scale` (Flink's DecimalAvgAggFunction).
__int128 decimalAverage(__int128 sum, int from_scale, int to_scale, int64_t count) {
  for (int s = from_scale; s < to_scale; ++s) sum *= 10;
  __int128 quotient = sum / count;
  const __int128 remainder = sum % count;
  const __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice >= (count < 0 ? -static_cast<__int128>(count) : count)) quotient += (sum < 0) == (count < 0) ? 1 : -1;
  return quotient;
}

bool isVariance(F function) {
  return function == F::kStddevPop || function == F::kStddevSamp || function == F::kVarPop ||
         function == F::kVarSamp;
}

// STDDEV/VAR as Calcite's AggregateReduceFunctionsRule computes them in the argument's type T:
//   CAST(POWER((SUM(x*x) - CAST(SUM(x) AS T) * CAST(SUM(x) AS T) / COUNT(x)) / d, 0.5) AS T)
// where d is COUNT(x) (population) or CASE WHEN COUNT(x) = 1 THEN NULL ELSE COUNT(x) - 1 END
// (sample), POWER only for STDDEV, and the integral steps wrap and truncate as Java's do.
void appendVariance(const Accumulator& acc, F function, const types::LogicalType& type, std::string& out) {
  const bool sample = function == F::kStddevSamp || function == F::kVarSamp;
  const bool root = function == F::kStddevPop || function == F::kStddevSamp;
  if (acc.count == 0 || (sample && acc.count == 1)) {
    out.push_back('\0');
    return;
  }
  const int64_t denominator = sample ? acc.count - 1 : acc.count;
  if (isFloating(type)) {
    const double sum = acc.double_sum;
    const double variance = (acc.extras().double_square_sum - sum * sum / static_cast<double>(acc.count)) /
                            static_cast<double>(denominator);
    appendFloating(root ? std::pow(variance, 0.5) : variance, type, out);
    return;
  }
  const __int128 sum = wrapTo(acc.exact_sum, type);
  const int64_t square_of_sum = static_cast<int64_t>(wrapTo(sum * sum, type));
  const int64_t difference =
      static_cast<int64_t>(static_cast<uint64_t>(static_cast<int64_t>(wrapTo(acc.extras().exact_square_sum, type))) -
                           static_cast<uint64_t>(square_of_sum / acc.count));
  const int64_t variance = difference / denominator;
  appendExact(root ? javaDoubleToLong(std::pow(static_cast<double>(variance), 0.5)) : variance, type, out);
}

// Over an insert-only input MIN and MAX keep only their extreme (Flink's MinAggFunction and
// MaxAggFunction), FIRST_VALUE its first value and LAST_VALUE its last: takes the encoded
// `value` so, without allocating once the accumulator holds a value. Values left by merged
// session windows on the other side of the extreme are never the answer again. Returns false
// for the other functions.
bool keepAnswerOnly(Accumulator& acc, F function, const std::string& value) {
  switch (function) {
    case F::kMin:
    case F::kMax: {
      if (acc.extras().multiset.empty()) {
        acc.extras().multiset.emplace(value, 1);
        return true;
      }
      const bool min = function == F::kMin;
      auto extreme = min ? acc.extras().multiset.begin() : std::prev(acc.extras().multiset.end());
      if (min ? value < extreme->first : value > extreme->first) {
        auto node = acc.extras().multiset.extract(extreme);
        node.key() = value;
        acc.extras().multiset.insert(std::move(node));
      }
      return true;
    }
    case F::kFirstValue:
      if (acc.extras().values.empty()) acc.extras().values.push_back(value);
      return true;
    case F::kLastValue:
      if (acc.extras().values.empty()) {
        acc.extras().values.push_back(value);
      } else {
        acc.extras().values.back() = value;
      }
      return true;
    default: return false;
  }
}

}  // namespace

Status checkSupported(const AggregateCall& call) {
  if (call.function == F::kUserDefined && !isSortableType(call.result_type)) {
    return NotSupported("a user-defined aggregate function returning " + call.result_type.asSummaryString());
  }
  const bool encoded = call.distinct || call.function == F::kMin || call.function == F::kMax ||
                       call.function == F::kFirstValue || call.function == F::kLastValue;
  if (call.argument >= 0 && encoded && !isSortableType(call.argument_type)) {
    return NotSupported("aggregating values of type " + call.argument_type.asSummaryString() + " is not supported yet");
  }
  return Status::OK();
}

void accumulateRow(GroupAccumulators& group, const std::vector<AggregateCall>& calls, const types::ColumnBatch& input,
                   size_t row, bool retract, std::string& scratch) {
  const int64_t delta = retract ? -1 : 1;
  group.record_count += delta;
  for (size_t c = 0; c < calls.size(); ++c) {
    const AggregateCall& call = calls[c];
    Accumulator& acc = group.calls[c];
    if (call.filter >= 0) {
      const types::ColumnVector& filter = input.column(static_cast<size_t>(call.filter));
      if (filter.isNull(row) || filter.valueAt<int8_t>(row) == 0) continue;
    }
    if (call.function == F::kUserDefined) {
      accumulateUserDefined(acc, call, input, row, retract);
      continue;
    }
    if (call.argument < 0) {
      acc.count += delta;
      continue;
    }
    const types::ColumnVector& argument = input.column(static_cast<size_t>(call.argument));
    if (argument.isNull(row)) continue;
    bool any_null = false;
    for (int more : call.more_arguments) any_null |= input.column(static_cast<size_t>(more)).isNull(row);
    if (any_null) continue;
    const bool encoded = call.distinct || call.function == F::kMin || call.function == F::kMax ||
                         call.function == F::kFirstValue || call.function == F::kLastValue;
    if (encoded) {
      scratch.clear();
      appendSortable(argument, row, scratch);
    }
    if (!call.needs_retraction && !call.distinct && keepAnswerOnly(acc, call.function, scratch)) continue;
    if (call.distinct) {
      const int64_t before = addToCount(acc.extras().distinct, scratch, delta);
      // A DISTINCT call sees a value when it enters the map and when it leaves it.
      if (!(before <= 0 && before + delta > 0) && !(before > 0 && before + delta <= 0)) continue;
    }
    if (call.function == F::kMin || call.function == F::kMax) addToCount(acc.extras().multiset, scratch, delta);
    acc.count += delta;
    switch (call.function) {
      case F::kSum:
      case F::kAvg:
      case F::kStddevPop:
      case F::kStddevSamp:
      case F::kVarPop:
      case F::kVarSamp:
        if (isFloating(argument.type())) {
          const double value = floatingValue(argument, row);
          acc.double_sum += static_cast<double>(delta) * value;
          if (isVariance(call.function)) acc.extras().double_square_sum += static_cast<double>(delta) * value * value;
        } else {
          const __int128 value = exactValue(argument, row);
          acc.exact_sum += delta * value;
          if (isVariance(call.function)) acc.extras().exact_square_sum += delta * wrapTo(value * value, argument.type());
        }
        break;
      case F::kFirstValue:
      case F::kLastValue:
        if (retract) {
          removeFirst(acc.extras().values, scratch);
        } else {
          acc.extras().values.push_back(scratch);
        }
        break;
      case F::kListAgg:
        if (retract) {
          removeFirst(acc.extras().values, argument.stringAt(row));
        } else {
          acc.extras().values.emplace_back(argument.stringAt(row));
        }
        break;
      case F::kCount:
      case F::kMin:
      case F::kMax:
      case F::kUserDefined: break;
    }
  }
}

namespace {

// The result of one call, encoded as appendResults does.
void appendResult(const Accumulator& acc, const AggregateCall& call, std::string& out) {
    switch (call.function) {
      case F::kCount:
        out.push_back('\1');
        types::KeyEncoder<int64_t>::encode(acc.count, out);
        break;
      case F::kSum:
        if (acc.count == 0) {
          out.push_back('\0');
        } else if (isFloating(call.result_type)) {
          appendFloating(acc.double_sum, call.result_type, out);
        } else {
          appendExact(acc.exact_sum, call.result_type, out);
        }
        break;
      case F::kAvg:
        if (acc.count == 0) {
          out.push_back('\0');
        } else if (isFloating(call.result_type)) {
          appendFloating(acc.double_sum / static_cast<double>(acc.count), call.result_type, out);
        } else if (call.result_type.root() == LogicalTypeRoot::DECIMAL) {
          appendExact(decimalAverage(acc.exact_sum, call.argument_type.scale(), call.result_type.scale(), acc.count),
                      call.result_type, out);
        } else {
          // Integral AVG keeps the argument's type: Java's truncating division.
          appendExact(acc.exact_sum / acc.count, call.result_type, out);
        }
        break;
      case F::kMin:
      case F::kMax:
        if (acc.extras().multiset.empty()) {
          out.push_back('\0');
        } else {
          out += call.function == F::kMin ? acc.extras().multiset.begin()->first : acc.extras().multiset.rbegin()->first;
        }
        break;
      case F::kFirstValue:
      case F::kLastValue:
        if (acc.extras().values.empty()) {
          out.push_back('\0');
        } else {
          out += call.function == F::kFirstValue ? acc.extras().values.front() : acc.extras().values.back();
        }
        break;
      case F::kListAgg:
        if (acc.extras().values.empty()) {
          out.push_back('\0');
        } else {
          std::string joined = acc.extras().values.front();
          for (size_t v = 1; v < acc.extras().values.size(); ++v) joined += call.separator + acc.extras().values[v];
          out.push_back('\1');
          types::StringKeyEncoder::encode(joined, out);
        }
        break;
      case F::kStddevPop:
      case F::kStddevSamp:
      case F::kVarPop:
      case F::kVarSamp: appendVariance(acc, call.function, call.result_type, out); break;
      case F::kUserDefined: appendUserDefinedResult(acc, call, out); break;
    }
}

}  // namespace

void appendResults(const GroupAccumulators& group, const std::vector<AggregateCall>& calls, std::string& out) {
  for (size_t c = 0; c < calls.size(); ++c) appendResult(group.calls[c], calls[c], out);
}

void appendResultColumns(const GroupAccumulators& group, const std::vector<AggregateCall>& calls,
                         types::ColumnBatch& out, size_t first_field, std::string& scratch) {
  for (size_t c = 0; c < calls.size(); ++c) {
    const AggregateCall& call = calls[c];
    const Accumulator& acc = group.calls[c];
    types::ColumnVector& column = out.column(first_field + c);
    const LogicalTypeRoot root = call.result_type.root();
    if (call.function == F::kCount && root == LogicalTypeRoot::BIGINT) {
      column.append<int64_t>(acc.count);
    } else if (call.function == F::kSum && acc.count == 0) {
      column.appendNull();
    } else if (call.function == F::kSum && root == LogicalTypeRoot::BIGINT) {
      column.append<int64_t>(static_cast<int64_t>(acc.exact_sum));
    } else if (call.function == F::kSum && root == LogicalTypeRoot::INTEGER) {
      column.append<int32_t>(static_cast<int32_t>(acc.exact_sum));
    } else if (call.function == F::kSum && root == LogicalTypeRoot::DOUBLE) {
      column.append<double>(acc.double_sum);
    } else {
      scratch.clear();
      appendResult(acc, call, scratch);
      std::string_view encoded(scratch);
      decodeSortable(encoded, column);
    }
  }
}

void GroupAccumulators::appendTo(std::string& out) const {
  put<int64_t>(out, record_count);
  put<uint32_t>(out, static_cast<uint32_t>(calls.size()));
  for (const Accumulator& acc : calls) {
    put<int64_t>(out, acc.count);
    put<__int128>(out, acc.exact_sum);
    put<double>(out, acc.double_sum);
    put<__int128>(out, acc.extras().exact_square_sum);
    put<double>(out, acc.extras().double_square_sum);
    put<uint32_t>(out, static_cast<uint32_t>(acc.extras().multiset.size()));
    for (const auto& [value, count] : acc.extras().multiset) {
      put<uint32_t>(out, static_cast<uint32_t>(value.size()));
      out += value;
      put<int64_t>(out, count);
    }
    put<uint32_t>(out, static_cast<uint32_t>(acc.extras().values.size()));
    for (const std::string& value : acc.extras().values) {
      put<uint32_t>(out, static_cast<uint32_t>(value.size()));
      out += value;
    }
    put<uint32_t>(out, static_cast<uint32_t>(acc.extras().distinct.size()));
    for (const auto& [value, count] : acc.extras().distinct) {
      put<uint32_t>(out, static_cast<uint32_t>(value.size()));
      out += value;
      put<int64_t>(out, count);
    }
  }
}

GroupAccumulators GroupAccumulators::fromBytes(std::string_view in) {
  GroupAccumulators group;
  group.record_count = take<int64_t>(in);
  group.calls.resize(take<uint32_t>(in));
  for (Accumulator& acc : group.calls) {
    AccumulatorExtras extras;
    acc.count = take<int64_t>(in);
    acc.exact_sum = take<__int128>(in);
    acc.double_sum = take<double>(in);
    extras.exact_square_sum = take<__int128>(in);
    extras.double_square_sum = take<double>(in);
    const uint32_t entries = take<uint32_t>(in);
    for (uint32_t e = 0; e < entries; ++e) {
      const uint32_t size = take<uint32_t>(in);
      std::string value(in.substr(0, size));
      in.remove_prefix(size);
      extras.multiset.emplace(std::move(value), take<int64_t>(in));
    }
    const uint32_t values = take<uint32_t>(in);
    for (uint32_t v = 0; v < values; ++v) {
      const uint32_t size = take<uint32_t>(in);
      extras.values.emplace_back(in.substr(0, size));
      in.remove_prefix(size);
    }
    const uint32_t distinct = take<uint32_t>(in);
    extras.distinct.reserve(distinct);
    for (uint32_t d = 0; d < distinct; ++d) {
      const uint32_t size = take<uint32_t>(in);
      std::string value(in.substr(0, size));
      in.remove_prefix(size);
      extras.distinct.emplace(std::move(value), take<int64_t>(in));
    }
    acc.setExtras(std::move(extras));
  }
  return group;
}

void GroupAccumulators::serialize(types::DataOutputSerializer& out) const {
  std::string bytes;
  appendTo(bytes);
  out.writeLengthPrefixed(bytes);
}

Status GroupAccumulators::deserialize(types::DataInputDeserializer& in) {
  std::string bytes;
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(bytes));
  *this = fromBytes(bytes);
  return Status::OK();
}

}  // namespace eddy::sql
