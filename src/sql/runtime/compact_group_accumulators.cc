#include "sql/runtime/compact_group_accumulators.h"

#include <bit>
#include <cstring>
#include <string>
#include <string_view>

#include "eddy/types/type_serializer.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using types::LogicalTypeRoot;
using F = AggregateCall::Function;

namespace {

// GroupAccumulators::appendTo's bytes: the record count and the number of calls, then per
// call its count, 128-bit exact sum, double sum, 128-bit and double square sums and the
// sizes of its multiset, values and distinct map.
constexpr size_t kHeaderBytes = sizeof(int64_t) + sizeof(uint32_t);
constexpr size_t kCallBytes = sizeof(int64_t) + 2 * sizeof(__int128) + 2 * sizeof(double) + 3 * sizeof(uint32_t);

template <typename T>
void write(char*& out, T value) {
  std::memcpy(out, &value, sizeof(T));
  out += sizeof(T);
}

// `value` wrapped to the width of the integral `result` type, as Java's arithmetic wraps.
int64_t wrapTo(int64_t value, LogicalTypeRoot result) {
  switch (result) {
    case LogicalTypeRoot::TINYINT: return static_cast<int8_t>(value);
    case LogicalTypeRoot::SMALLINT: return static_cast<int16_t>(value);
    case LogicalTypeRoot::INTEGER: return static_cast<int32_t>(value);
    default: return value;
  }
}

bool isIntegral(LogicalTypeRoot root) {
  return root == LogicalTypeRoot::TINYINT || root == LogicalTypeRoot::SMALLINT || root == LogicalTypeRoot::INTEGER ||
         root == LogicalTypeRoot::BIGINT;
}

bool isFloating(LogicalTypeRoot root) { return root == LogicalTypeRoot::FLOAT || root == LogicalTypeRoot::DOUBLE; }

}  // namespace

void CompactGroupAccumulators::serialize(types::DataOutputSerializer& out) const {
  char bytes[kHeaderBytes + kMaxCalls * kCallBytes] = {};
  char* p = bytes;
  write<int64_t>(p, record_count);
  write<uint32_t>(p, call_count);
  for (uint32_t c = 0; c < call_count; ++c) {
    const bool floating = (floating_sums >> c) & 1;
    write<int64_t>(p, calls[c].count);
    write<__int128>(p, floating ? 0 : calls[c].sum);
    write<double>(p, floating ? std::bit_cast<double>(calls[c].sum) : 0.0);
    p += kCallBytes - sizeof(int64_t) - sizeof(__int128) - sizeof(double);  // the extras: all zero
  }
  out.writeLengthPrefixed(std::string_view(bytes, static_cast<size_t>(p - bytes)));
}

Status CompactGroupAccumulators::deserialize(types::DataInputDeserializer& in) {
  std::string bytes;
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(bytes));
  std::string_view view(bytes);
  if (view.size() < kHeaderBytes) return Corruption("truncated group accumulators");
  record_count = state_bytes::take<int64_t>(view);
  call_count = state_bytes::take<uint32_t>(view);
  if (call_count > kMaxCalls) {
    return Corruption("group accumulators of more than " + std::to_string(kMaxCalls) + " calls");
  }
  floating_sums = 0;
  for (uint32_t c = 0; c < call_count; ++c) {
    if (view.size() < kCallBytes) return Corruption("truncated group accumulators");
    calls[c].count = state_bytes::take<int64_t>(view);
    const __int128 exact_sum = state_bytes::take<__int128>(view);
    const double double_sum = state_bytes::take<double>(view);
    const __int128 exact_square_sum = state_bytes::take<__int128>(view);
    const double double_square_sum = state_bytes::take<double>(view);
    const uint32_t multiset = state_bytes::take<uint32_t>(view);
    const uint32_t values = state_bytes::take<uint32_t>(view);
    const uint32_t distinct = state_bytes::take<uint32_t>(view);
    if (exact_square_sum != 0 || double_square_sum != 0 || multiset != 0 || values != 0 || distinct != 0) {
      return Corruption("group accumulators of a call that is neither a count nor a sum");
    }
    // A sum is either exact (its double sum stays +0.0, whose bits are 0) or floating (its
    // exact sum stays 0): a zero one serializes the same as either.
    const bool floating = exact_sum == 0 && std::bit_cast<int64_t>(double_sum) != 0;
    if (floating) floating_sums |= 1u << c;
    calls[c].sum = floating ? std::bit_cast<int64_t>(double_sum) : static_cast<int64_t>(exact_sum);
  }
  return view.empty() ? Status::OK() : Corruption("group accumulators with bytes after their calls");
}

std::optional<CompactAggregates> CompactAggregates::of(const std::vector<AggregateCall>& calls) {
  if (calls.size() > CompactGroupAccumulators::kMaxCalls) return std::nullopt;
  std::vector<Call> compact;
  uint32_t floating_sums = 0;
  for (const AggregateCall& call : calls) {
    if (call.filter >= 0 || call.distinct || !call.more_arguments.empty()) return std::nullopt;
    const LogicalTypeRoot result = call.result_type.root();
    if (call.function == F::kCount && result == LogicalTypeRoot::BIGINT) {
      compact.push_back({call.argument < 0 ? Kind::kCountStar : Kind::kCount, call.argument, result});
      continue;
    }
    if (call.function != F::kSum || call.argument < 0) return std::nullopt;
    const LogicalTypeRoot argument = call.argument_type.root();
    Kind kind;
    if (isIntegral(argument) && isIntegral(result)) {
      kind = argument == LogicalTypeRoot::TINYINT    ? Kind::kSumInt8
             : argument == LogicalTypeRoot::SMALLINT ? Kind::kSumInt16
             : argument == LogicalTypeRoot::INTEGER  ? Kind::kSumInt32
                                                     : Kind::kSumInt64;
    } else if (isFloating(argument) && isFloating(result)) {
      kind = argument == LogicalTypeRoot::FLOAT ? Kind::kSumFloat : Kind::kSumDouble;
      floating_sums |= 1u << compact.size();
    } else {
      return std::nullopt;
    }
    compact.push_back({kind, call.argument, result});
  }
  return CompactAggregates(std::move(compact), floating_sums);
}

CompactAggregates::CompactAggregates(std::vector<Call> calls, uint32_t floating_sums)
    : calls_(std::move(calls)), floating_sums_(floating_sums), packed_words_(1) {
  for (const Call& call : calls_) packed_words_ += call.kind == Kind::kCountStar ? 0 : call.kind == Kind::kCount ? 1 : 2;
}

void CompactAggregates::pack(const CompactGroupAccumulators& group, uint64_t* words) const {
  *words++ = static_cast<uint64_t>(group.record_count);
  for (size_t c = 0; c < calls_.size(); ++c) {
    if (calls_[c].kind == Kind::kCountStar) continue;
    *words++ = static_cast<uint64_t>(group.calls[c].count);
    if (calls_[c].kind != Kind::kCount) *words++ = static_cast<uint64_t>(group.calls[c].sum);
  }
}

void CompactAggregates::unpack(const uint64_t* words, CompactGroupAccumulators& group) const {
  describe(group);
  group.record_count = static_cast<int64_t>(*words++);
  for (size_t c = 0; c < calls_.size(); ++c) {
    CompactGroupAccumulators::Call& call = group.calls[c];
    if (calls_[c].kind == Kind::kCountStar) {
      call = {group.record_count, 0};
      continue;
    }
    call.count = static_cast<int64_t>(*words++);
    call.sum = calls_[c].kind == Kind::kCount ? 0 : static_cast<int64_t>(*words++);
  }
}

Status CompactAggregates::unpackBytes(std::string_view bytes, uint64_t* words) const {
  EDDY_ASSIGN_OR_RETURN(CompactGroupAccumulators group, types::deserializeFromBytes<CompactGroupAccumulators>(bytes));
  if (group.call_count != calls_.size()) {
    return Corruption("group accumulators of " + std::to_string(group.call_count) + " calls where the query has " +
                      std::to_string(calls_.size()));
  }
  pack(group, words);
  return Status::OK();
}

void CompactAggregates::accumulateRow(CompactGroupAccumulators& group, const types::ColumnBatch& input, size_t row,
                                      bool retract) const {
  const int64_t delta = retract ? -1 : 1;
  group.record_count += delta;
  for (size_t c = 0; c < calls_.size(); ++c) {
    const Call& call = calls_[c];
    CompactGroupAccumulators::Call& acc = group.calls[c];
    if (call.kind == Kind::kCountStar) {
      acc.count += delta;
      continue;
    }
    const types::ColumnVector& argument = input.column(static_cast<size_t>(call.argument));
    if (argument.isNull(row)) continue;
    acc.count += delta;
    // Integral sums add in uint64_t: wrapping, as GroupAccumulators' sum does at the result's width.
    auto add = [&](int64_t value) {
      acc.sum = static_cast<int64_t>(static_cast<uint64_t>(acc.sum) + static_cast<uint64_t>(delta * value));
    };
    auto addFloating = [&](double value) {
      acc.sum = std::bit_cast<int64_t>(std::bit_cast<double>(acc.sum) + static_cast<double>(delta) * value);
    };
    switch (call.kind) {
      case Kind::kSumInt8: add(argument.valueAt<int8_t>(row)); break;
      case Kind::kSumInt16: add(argument.valueAt<int16_t>(row)); break;
      case Kind::kSumInt32: add(argument.valueAt<int32_t>(row)); break;
      case Kind::kSumInt64: add(argument.valueAt<int64_t>(row)); break;
      case Kind::kSumFloat: addFloating(argument.valueAt<float>(row)); break;
      case Kind::kSumDouble: addFloating(argument.valueAt<double>(row)); break;
      case Kind::kCountStar:
      case Kind::kCount: break;
    }
  }
}

bool CompactAggregates::sameResults(const CompactGroupAccumulators& a, const CompactGroupAccumulators& b) const {
  for (size_t c = 0; c < calls_.size(); ++c) {
    const Call& call = calls_[c];
    const CompactGroupAccumulators::Call& x = a.calls[c];
    const CompactGroupAccumulators::Call& y = b.calls[c];
    if (call.kind == Kind::kCountStar || call.kind == Kind::kCount) {
      if (x.count != y.count) return false;
      continue;
    }
    // SUM: NULL without values.
    if ((x.count == 0) != (y.count == 0)) return false;
    if (x.count == 0) continue;
    if (call.result == LogicalTypeRoot::FLOAT) {
      if (std::bit_cast<uint32_t>(static_cast<float>(std::bit_cast<double>(x.sum))) !=
          std::bit_cast<uint32_t>(static_cast<float>(std::bit_cast<double>(y.sum)))) {
        return false;
      }
    } else if (call.result == LogicalTypeRoot::DOUBLE ? x.sum != y.sum
                                                      : wrapTo(x.sum, call.result) != wrapTo(y.sum, call.result)) {
      return false;
    }
  }
  return true;
}

void CompactAggregates::appendResultColumns(const CompactGroupAccumulators& group, types::ColumnBatch& out,
                                            size_t first_field) const {
  for (size_t c = 0; c < calls_.size(); ++c) {
    const Call& call = calls_[c];
    const CompactGroupAccumulators::Call& acc = group.calls[c];
    types::ColumnVector& column = out.column(first_field + c);
    if (call.kind == Kind::kCountStar || call.kind == Kind::kCount) {
      column.append<int64_t>(acc.count);
      continue;
    }
    if (acc.count == 0) {
      column.appendNull();
      continue;
    }
    switch (call.result) {
      case LogicalTypeRoot::TINYINT: column.append<int8_t>(static_cast<int8_t>(acc.sum)); break;
      case LogicalTypeRoot::SMALLINT: column.append<int16_t>(static_cast<int16_t>(acc.sum)); break;
      case LogicalTypeRoot::INTEGER: column.append<int32_t>(static_cast<int32_t>(acc.sum)); break;
      case LogicalTypeRoot::FLOAT: column.append<float>(static_cast<float>(std::bit_cast<double>(acc.sum))); break;
      case LogicalTypeRoot::DOUBLE: column.append<double>(std::bit_cast<double>(acc.sum)); break;
      default: column.append<int64_t>(acc.sum); break;
    }
  }
}

}  // namespace eddy::sql
