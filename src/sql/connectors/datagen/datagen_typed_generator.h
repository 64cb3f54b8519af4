#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "eddy/types/decimal.h"
#include "sql/connectors/datagen/datagen_field_generator.h"

namespace eddy::sql {

// How much a TIMESTAMP(p) column value is per millisecond: millis (p <= 3), micros (<= 6)
// or nanos, as ColumnVector stores timestamps.
inline int64_t timestampUnitsPerMilli(int precision) { return precision <= 3 ? 1 : precision <= 6 ? 1000 : 1000000; }

// True when a row's value is null: Flink's `nullRate == 0 || nextFloat() > nullRate` negated.
inline bool drawNull(connectors::RandomGenerator& random, float null_rate) {
  return null_rate > 0 && random.nextDouble(0, 1) <= null_rate;
}

// The Value of a fixed-width column value `v` of `type` (the inverse of ColumnVector's
// storage).
template <typename T>
types::Value fixedWidthValue(T v, const types::LogicalType& type) {
  using types::LogicalTypeRoot;
  using types::Value;
  switch (type.root()) {
    case LogicalTypeRoot::BOOLEAN: return Value(v != 0);
    case LogicalTypeRoot::TINYINT: return Value(static_cast<int8_t>(v));
    case LogicalTypeRoot::SMALLINT: return Value(static_cast<int16_t>(v));
    case LogicalTypeRoot::INTEGER: return Value(static_cast<int32_t>(v));
    case LogicalTypeRoot::BIGINT: return Value(static_cast<int64_t>(v));
    case LogicalTypeRoot::FLOAT: return Value(static_cast<float>(v));
    case LogicalTypeRoot::DOUBLE: return Value(static_cast<double>(v));
    case LogicalTypeRoot::DECIMAL:
      return Value(types::Decimal::fromUnscaled(static_cast<__int128>(v), type.precision(), type.scale()));
    case LogicalTypeRoot::DATE: return Value::date(static_cast<int32_t>(v));
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: return Value::time(static_cast<int32_t>(v));
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH: return Value::intervalYearMonth(static_cast<int32_t>(v));
    case LogicalTypeRoot::INTERVAL_DAY_TIME: return Value::intervalDayTime(static_cast<int64_t>(v));
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
      const int64_t units = timestampUnitsPerMilli(type.precision());
      const int64_t value = static_cast<int64_t>(v);
      const int64_t millis = value / units - (value % units < 0 ? 1 : 0);
      const int32_t nanos = static_cast<int32_t>((value - millis * units) * (1000000 / units));
      const types::TimestampData ts = types::TimestampData::fromEpochMillis(millis, nanos);
      return type.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE ? Value::timestampLtz(ts)
                                                                            : Value::timestamp(ts);
    }
    default: return Value();
  }
}

// A generator of a fixed-width type whose per-row function `fn(random, index, now) -> T`
// (T the column's storage type) is inlined into the batch loop: no virtual call, no
// allocation per row.
template <typename T, typename Fn>
class FixedWidthGenerator final : public DataGenFieldGenerator {
 public:
  FixedWidthGenerator(uint64_t seed, types::LogicalType type, float null_rate, Fn fn)
      : DataGenFieldGenerator(seed), type_(std::move(type)), null_rate_(null_rate), fn_(std::move(fn)) {}

  void appendTo(int64_t begin, int64_t end, int64_t now_millis, types::ColumnVector& column) const override {
    for (int64_t i = begin; i < end; ++i) {
      connectors::RandomGenerator random = randomFor(i);
      if (drawNull(random, null_rate_)) {
        column.appendNull();
      } else {
        column.append<T>(fn_(random, i, now_millis));
      }
    }
  }

  types::Value next(connectors::RandomGenerator& random, int64_t index, int64_t now_millis) const override {
    if (drawNull(random, null_rate_)) return types::Value();
    return fixedWidthValue<T>(fn_(random, index, now_millis), type_);
  }

 private:
  types::LogicalType type_;
  float null_rate_;
  Fn fn_;
};

// A generator of CHAR/VARCHAR (or BINARY/VARBINARY when `bytes`) whose per-row function
// `fn(random, index, out)` writes the value into a reused string.
template <typename Fn>
class StringGenerator final : public DataGenFieldGenerator {
 public:
  StringGenerator(uint64_t seed, bool bytes, float null_rate, Fn fn)
      : DataGenFieldGenerator(seed), bytes_(bytes), null_rate_(null_rate), fn_(std::move(fn)) {}

  void appendTo(int64_t begin, int64_t end, int64_t, types::ColumnVector& column) const override {
    std::string text;
    for (int64_t i = begin; i < end; ++i) {
      connectors::RandomGenerator random = randomFor(i);
      if (drawNull(random, null_rate_)) {
        column.appendNull();
        continue;
      }
      text.clear();
      fn_(random, i, text);
      column.appendString(text);
    }
  }

  types::Value next(connectors::RandomGenerator& random, int64_t index, int64_t) const override {
    if (drawNull(random, null_rate_)) return types::Value();
    std::string text;
    fn_(random, index, text);
    return bytes_ ? types::Value::bytes(std::move(text)) : types::Value(std::move(text));
  }

 private:
  bool bytes_;
  float null_rate_;
  Fn fn_;
};

template <typename T, typename Fn>
std::unique_ptr<DataGenFieldGenerator> makeFixedWidth(uint64_t seed, const types::LogicalType& type, float null_rate,
                                                      Fn fn) {
  return std::make_unique<FixedWidthGenerator<T, Fn>>(seed, type, null_rate, std::move(fn));
}

template <typename Fn>
std::unique_ptr<DataGenFieldGenerator> makeString(uint64_t seed, bool bytes, float null_rate, Fn fn) {
  return std::make_unique<StringGenerator<Fn>>(seed, bytes, null_rate, std::move(fn));
}

// The generators DataGenVisitorBase gives every kind for DATE and TIME (today, now) and,
// outside 'random', for timestamps (now). Null for any other type.
std::unique_ptr<DataGenFieldGenerator> makeClockGenerator(uint64_t seed, const types::LogicalType& type);

// Random and sequence generators (datagen_random_generators.cc, datagen_sequence_generators.cc).
Result<std::unique_ptr<DataGenFieldGenerator>> createRandomGenerator(const std::string& name,
                                                                     const types::LogicalType& type,
                                                                     const std::map<std::string, std::string>& options,
                                                                     uint64_t seed, DataGenFieldInfo& info);
Result<std::unique_ptr<DataGenFieldGenerator>> createSequenceGenerator(const std::string& name,
                                                                       const types::LogicalType& type,
                                                                       const std::map<std::string, std::string>& options,
                                                                       uint64_t seed, DataGenFieldInfo& info);

}  // namespace eddy::sql
