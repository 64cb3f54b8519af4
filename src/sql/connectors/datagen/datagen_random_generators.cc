#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "eddy/types/row.h"
#include "sql/connectors/datagen/datagen_field_options.h"
#include "sql/connectors/datagen/datagen_typed_generator.h"

// RandomGeneratorVisitor: the random generator of each type, with Flink's options and defaults.
namespace eddy::sql {

namespace {

using connectors::RandomGenerator;
using types::LogicalType;
using types::LogicalTypeRoot;
using types::Value;

constexpr int32_t kStringLengthDefault = 100;      // RANDOM_STRING_LENGTH_DEFAULT
constexpr int32_t kBytesLengthDefault = 100;       // RANDOM_BYTES_LENGTH_DEFAULT
constexpr int32_t kCollectionLengthDefault = 3;    // RANDOM_COLLECTION_LENGTH_DEFAULT
constexpr int32_t kVarLengthMax = std::numeric_limits<int32_t>::max();  // VarCharType/VarBinaryType.MAX_LENGTH

// RandomDataGenerator's check of its bounds.
template <typename T>
Status checkBounds(T min, T max) {
  if (min < max) return Status::OK();
  return InvalidArgument(fmt::format("lower bound ({}) must be strictly less than upper bound ({})", min, max));
}

// The length of one value: `max_length`, or with var-len uniform in [1, max_length).
int64_t drawLength(RandomGenerator& random, int32_t max_length, bool var_len) {
  if (!var_len || max_length <= 1) return max_length;
  return random.nextLong(1, max_length - 1);
}

void appendHex(RandomGenerator& random, int64_t length, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  uint64_t bits = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (i % 16 == 0) bits = random.nextBits();
    out.push_back(kDigits[bits & 0xF]);
    bits >>= 4;
  }
}

void appendBytes(RandomGenerator& random, int64_t length, std::string& out) {
  uint64_t bits = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (i % 8 == 0) bits = random.nextBits();
    out.push_back(static_cast<char>(bits & 0xFF));
    bits >>= 8;
  }
}

// ARRAY: `length` elements of the element generator.
class ArrayGenerator final : public DataGenFieldGenerator {
 public:
  ArrayGenerator(uint64_t seed, std::unique_ptr<DataGenFieldGenerator> element, int32_t length, float null_rate)
      : DataGenFieldGenerator(seed), element_(std::move(element)), length_(length), null_rate_(null_rate) {}

  Value next(RandomGenerator& random, int64_t index, int64_t now) const override {
    if (drawNull(random, null_rate_)) return Value();
    std::vector<Value> elements;
    for (int32_t i = 0; i < length_; ++i) elements.push_back(element_->next(random, index, now));
    return Value::array(std::move(elements));
  }

 private:
  std::unique_ptr<DataGenFieldGenerator> element_;
  int32_t length_;
  float null_rate_;
};

// MAP (keys and values) or MULTISET (elements and counts in [0, 10]): `length` draws into a
// hash map, so equal keys collapse as in Flink's HashMap.
class MapGenerator final : public DataGenFieldGenerator {
 public:
  MapGenerator(uint64_t seed, std::unique_ptr<DataGenFieldGenerator> key, std::unique_ptr<DataGenFieldGenerator> value,
               int32_t length, float null_rate)
      : DataGenFieldGenerator(seed), key_(std::move(key)), value_(std::move(value)), length_(length), null_rate_(null_rate) {}

  Value next(RandomGenerator& random, int64_t index, int64_t now) const override {
    if (drawNull(random, null_rate_)) return Value();
    Value::MapEntries entries;
    for (int32_t i = 0; i < length_; ++i) {
      Value key = key_->next(random, index, now);
      Value value = value_ ? value_->next(random, index, now) : Value(static_cast<int32_t>(random.nextLong(0, 10)));
      bool replaced = false;
      for (auto& entry : entries) {
        if (entry.first == key) {
          entry.second = value;
          replaced = true;
          break;
        }
      }
      if (!replaced) entries.emplace_back(std::move(key), std::move(value));
    }
    return Value::map(std::move(entries));
  }

 private:
  std::unique_ptr<DataGenFieldGenerator> key_;
  std::unique_ptr<DataGenFieldGenerator> value_;  // null for a MULTISET
  int32_t length_;
  float null_rate_;
};

// ROW: one generator per field.
class RowGenerator final : public DataGenFieldGenerator {
 public:
  RowGenerator(uint64_t seed, std::vector<std::unique_ptr<DataGenFieldGenerator>> fields, float null_rate)
      : DataGenFieldGenerator(seed), fields_(std::move(fields)), null_rate_(null_rate) {}

  Value next(RandomGenerator& random, int64_t index, int64_t now) const override {
    if (drawNull(random, null_rate_)) return Value();
    std::vector<Value> values;
    for (const auto& field : fields_) values.push_back(field->next(random, index, now));
    return Value::row(types::Row(types::RowKind::INSERT, std::move(values)));
  }

 private:
  std::vector<std::unique_ptr<DataGenFieldGenerator>> fields_;
  float null_rate_;
};

// An integral type: uniform in [min, max] (both given as T's option type, cut to the
// column's type as Java's byteValue/shortValue do).
template <typename T, typename Option>
Result<std::unique_ptr<DataGenFieldGenerator>> integral(DataGenFieldOptions& field, uint64_t seed,
                                                        const LogicalType& type, Option min_default, Option max_default,
                                                        float null_rate) {
  Option min;
  Option max;
  if constexpr (std::is_same_v<Option, int64_t>) {
    EDDY_ASSIGN_OR_RETURN(min, field.getLong("min", min_default));
    EDDY_ASSIGN_OR_RETURN(max, field.getLong("max", max_default));
  } else {
    EDDY_ASSIGN_OR_RETURN(min, field.getInt("min", min_default));
    EDDY_ASSIGN_OR_RETURN(max, field.getInt("max", max_default));
  }
  const T low = static_cast<T>(min);
  const T high = static_cast<T>(max);
  EDDY_RETURN_IF_ERROR(checkBounds<int64_t>(low, high));
  return makeFixedWidth<T>(seed, type, null_rate, [low, high](RandomGenerator& random, int64_t, int64_t) {
    return static_cast<T>(random.nextLong(low, high));
  });
}

}  // namespace

Result<std::unique_ptr<DataGenFieldGenerator>> createRandomGenerator(const std::string& name, const LogicalType& type,
                                                                     const std::map<std::string, std::string>& options,
                                                                     uint64_t seed, DataGenFieldInfo& info) {
  DataGenFieldOptions field(name, options, info.consumed_keys);
  auto null_rate = [&]() { return field.getFloat("null-rate", 0.0f); };
  switch (type.root()) {
    case LogicalTypeRoot::BOOLEAN: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return makeFixedWidth<bool>(seed, type, nr, [](RandomGenerator& random, int64_t, int64_t) { return random.nextBoolean(); });
    }
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: {
      int32_t length = type.length();
      bool var_len = false;
      if (type.root() == LogicalTypeRoot::VARCHAR) {
        EDDY_ASSIGN_OR_RETURN(length, field.getInt("length", type.length()));
        if (length == kVarLengthMax) length = kStringLengthDefault;
        EDDY_ASSIGN_OR_RETURN(var_len, field.getBoolean("var-len", false));
      }
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return makeString(seed, false, nr, [length, var_len](RandomGenerator& random, int64_t, std::string& out) {
        appendHex(random, drawLength(random, length, var_len), out);
      });
    }
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: {
      int32_t length = type.length();
      bool var_len = false;
      if (type.root() == LogicalTypeRoot::VARBINARY) {
        EDDY_ASSIGN_OR_RETURN(length, field.getInt("length", type.length()));
        if (length == kVarLengthMax) length = kBytesLengthDefault;
        EDDY_ASSIGN_OR_RETURN(var_len, field.getBoolean("var-len", false));
      }
      return makeString(seed, true, 0, [length, var_len](RandomGenerator& random, int64_t, std::string& out) {
        appendBytes(random, drawLength(random, length, var_len), out);
      });
    }
    case LogicalTypeRoot::TINYINT: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return integral<int8_t, int32_t>(field, seed, type, INT8_MIN, INT8_MAX, nr);
    }
    case LogicalTypeRoot::SMALLINT: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return integral<int16_t, int32_t>(field, seed, type, INT16_MIN, INT16_MAX, nr);
    }
    case LogicalTypeRoot::INTEGER: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return integral<int32_t, int32_t>(field, seed, type, INT32_MIN, INT32_MAX, nr);
    }
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::INTERVAL_DAY_TIME: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return integral<int64_t, int64_t>(field, seed, type, INT64_MIN, INT64_MAX, nr);
    }
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH: {
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return integral<int32_t, int32_t>(field, seed, type, 0, 120000, nr);
    }
    case LogicalTypeRoot::FLOAT: {
      EDDY_ASSIGN_OR_RETURN(float min, field.getFloat("min", std::numeric_limits<float>::denorm_min()));
      EDDY_ASSIGN_OR_RETURN(float max, field.getFloat("max", std::numeric_limits<float>::max()));
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      EDDY_RETURN_IF_ERROR(checkBounds(min, max));
      return makeFixedWidth<float>(seed, type, nr, [min, max](RandomGenerator& random, int64_t, int64_t) {
        return static_cast<float>(random.nextDouble(min, max));
      });
    }
    case LogicalTypeRoot::DOUBLE: {
      EDDY_ASSIGN_OR_RETURN(double min, field.getDouble("min", std::numeric_limits<double>::denorm_min()));
      EDDY_ASSIGN_OR_RETURN(double max, field.getDouble("max", std::numeric_limits<double>::max()));
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      EDDY_RETURN_IF_ERROR(checkBounds(min, max));
      return makeFixedWidth<double>(seed, type, nr,
                                    [min, max](RandomGenerator& random, int64_t, int64_t) { return random.nextDouble(min, max); });
    }
    case LogicalTypeRoot::DECIMAL: {
      // DecimalDataRandomGenerator: a double in [min, max] cut to what DECIMAL(p, s) holds,
      // rounded HALF_UP to the scale.
      EDDY_ASSIGN_OR_RETURN(double min, field.getDouble("min", std::numeric_limits<double>::denorm_min()));
      EDDY_ASSIGN_OR_RETURN(double max, field.getDouble("max", std::numeric_limits<double>::max()));
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      const int precision = type.precision();
      const int scale = type.scale();
      const long double largest = std::pow(10.0L, precision - scale) - std::pow(10.0L, -scale);
      const double low = static_cast<double>(std::max<long double>(-largest, min));
      const double high = static_cast<double>(std::min<long double>(largest, max));
      EDDY_RETURN_IF_ERROR(checkBounds(low, high));
      const long double factor = std::pow(10.0L, scale);
      const long double limit = std::pow(10.0L, precision);
      return makeFixedWidth<__int128>(seed, type, nr, [=](RandomGenerator& random, int64_t, int64_t) {
        long double unscaled = std::round(static_cast<long double>(random.nextDouble(low, high)) * factor);
        if (unscaled >= limit) unscaled = limit - 1;
        if (unscaled <= -limit) unscaled = -limit + 1;
        return static_cast<__int128>(unscaled);
      });
    }
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
      EDDY_ASSIGN_OR_RETURN(int64_t max_past, field.getDurationMillis("max-past", 0));
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      const int64_t units = timestampUnitsPerMilli(type.precision());
      return makeFixedWidth<int64_t>(seed, type, nr, [max_past, units](RandomGenerator& random, int64_t, int64_t now) {
        const int64_t past = max_past > 0 ? random.nextLong(0, max_past) : 0;
        return (now - past) * units;
      });
    }
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: return makeClockGenerator(seed, type);
    case LogicalTypeRoot::ARRAY: {
      EDDY_ASSIGN_OR_RETURN(int32_t length, field.getInt("length", kCollectionLengthDefault));
      EDDY_ASSIGN_OR_RETURN(auto element, createRandomGenerator(name + ".element", type.elementType(), options, seed, info));
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return std::unique_ptr<DataGenFieldGenerator>(std::make_unique<ArrayGenerator>(seed, std::move(element), length, nr));
    }
    case LogicalTypeRoot::MULTISET:
    case LogicalTypeRoot::MAP: {
      EDDY_ASSIGN_OR_RETURN(int32_t length, field.getInt("length", kCollectionLengthDefault));
      const bool multiset = type.root() == LogicalTypeRoot::MULTISET;
      std::unique_ptr<DataGenFieldGenerator> key;
      std::unique_ptr<DataGenFieldGenerator> value;
      if (multiset) {
        EDDY_ASSIGN_OR_RETURN(key, createRandomGenerator(name + ".element", type.elementType(), options, seed, info));
      } else {
        EDDY_ASSIGN_OR_RETURN(key, createRandomGenerator(name + ".key", type.keyType(), options, seed, info));
        EDDY_ASSIGN_OR_RETURN(value, createRandomGenerator(name + ".value", type.valueType(), options, seed, info));
      }
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return std::unique_ptr<DataGenFieldGenerator>(
          std::make_unique<MapGenerator>(seed, std::move(key), std::move(value), length, nr));
    }
    case LogicalTypeRoot::ROW: {
      std::vector<std::unique_ptr<DataGenFieldGenerator>> fields;
      for (const types::RowField& nested : type.fields()) {
        EDDY_ASSIGN_OR_RETURN(auto generator, createRandomGenerator(name + "." + nested.name, nested.type, options, seed, info));
        fields.push_back(std::move(generator));
      }
      EDDY_ASSIGN_OR_RETURN(float nr, null_rate());
      return std::unique_ptr<DataGenFieldGenerator>(std::make_unique<RowGenerator>(seed, std::move(fields), nr));
    }
    default: return InvalidArgument(fmt::format("Unsupported type: {}", type.asSummaryString()));
  }
}

}  // namespace eddy::sql
