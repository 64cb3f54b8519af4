#include <fmt/format.h>

#include "sql/connectors/datagen/datagen_field_options.h"
#include "sql/connectors/datagen/datagen_typed_generator.h"

// SequenceGeneratorVisitor: row `index` gets start + index, in the field's type.
namespace eddy::sql {

namespace {

using connectors::RandomGenerator;
using types::LogicalType;
using types::LogicalTypeRoot;

// 10^n as an int128, n <= 38.
__int128 powerOfTen(int n) {
  __int128 value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

}  // namespace

Result<std::unique_ptr<DataGenFieldGenerator>> createSequenceGenerator(const std::string& name, const LogicalType& type,
                                                                       const std::map<std::string, std::string>& options,
                                                                       uint64_t seed, DataGenFieldInfo& info) {
  DataGenFieldOptions field(name, options, info.consumed_keys);
  for (const char* bound : {"start", "end"}) {
    if (!field.has(bound)) {
      return InvalidArgument(
          fmt::format("Could not find required property '{}' for sequence generator.", field.fullKey(bound)));
    }
  }
  // The sequence's bounds as Flink reads them for the type: int options for the narrow
  // numeric types, long options for BIGINT, strings and bytes.
  auto bounds = [&](bool as_long) -> Result<std::pair<int64_t, int64_t>> {
    int64_t start;
    int64_t end;
    if (as_long) {
      EDDY_ASSIGN_OR_RETURN(start, field.getLong("start", 0));
      EDDY_ASSIGN_OR_RETURN(end, field.getLong("end", 0));
    } else {
      EDDY_ASSIGN_OR_RETURN(start, field.getInt("start", 0));
      EDDY_ASSIGN_OR_RETURN(end, field.getInt("end", 0));
    }
    info.sequence_length = end < start ? 0 : end - start + 1;
    return std::make_pair(start, end);
  };
  switch (type.root()) {
    case LogicalTypeRoot::BOOLEAN:
      // Flink's sequence visitor gives BOOLEAN a random generator.
      return makeFixedWidth<bool>(seed, type, 0, [](RandomGenerator& random, int64_t, int64_t) { return random.nextBoolean(); });
    case LogicalTypeRoot::TINYINT: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int8_t start = static_cast<int8_t>(range.first);
      return makeFixedWidth<int8_t>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) {
        return static_cast<int8_t>(start + i);
      });
    }
    case LogicalTypeRoot::SMALLINT: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int16_t start = static_cast<int16_t>(range.first);
      return makeFixedWidth<int16_t>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) {
        return static_cast<int16_t>(start + i);
      });
    }
    case LogicalTypeRoot::INTEGER: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int64_t start = range.first;
      return makeFixedWidth<int32_t>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) {
        return static_cast<int32_t>(start + i);
      });
    }
    case LogicalTypeRoot::BIGINT: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(true));
      const int64_t start = range.first;
      return makeFixedWidth<int64_t>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) { return start + i; });
    }
    case LogicalTypeRoot::FLOAT: {
      // Flink narrows the int bounds to short for FLOAT.
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int16_t start = static_cast<int16_t>(range.first);
      const int16_t end = static_cast<int16_t>(range.second);
      info.sequence_length = end < start ? 0 : end - start + 1;
      return makeFixedWidth<float>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) {
        return static_cast<float>(start + i);
      });
    }
    case LogicalTypeRoot::DOUBLE: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int64_t start = range.first;
      return makeFixedWidth<double>(seed, type, 0, [start](RandomGenerator&, int64_t i, int64_t) {
        return static_cast<double>(start + i);
      });
    }
    case LogicalTypeRoot::DECIMAL: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(false));
      const int64_t start = range.first;
      const __int128 scale = powerOfTen(type.scale());
      const __int128 limit = powerOfTen(type.precision());
      // A value with more integer digits than DECIMAL(p, s) holds is null (fromBigDecimal).
      struct DecimalSequence final : DataGenFieldGenerator {
        DecimalSequence(uint64_t s, LogicalType t, int64_t first, __int128 factor, __int128 bound)
            : DataGenFieldGenerator(s), type(std::move(t)), start(first), scale(factor), limit(bound) {}
        types::Value next(RandomGenerator&, int64_t index, int64_t) const override {
          const __int128 unscaled = static_cast<__int128>(start + index) * scale;
          if (unscaled >= limit || unscaled <= -limit) return types::Value();
          return types::Value(types::Decimal::fromUnscaled(unscaled, type.precision(), type.scale()));
        }
        LogicalType type;
        int64_t start;
        __int128 scale;
        __int128 limit;
      };
      return std::unique_ptr<DataGenFieldGenerator>(std::make_unique<DecimalSequence>(seed, type, start, scale, limit));
    }
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: {
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(true));
      const int64_t start = range.first;
      return makeString(seed, false, 0, [start](RandomGenerator&, int64_t i, std::string& out) {
        fmt::format_to(std::back_inserter(out), "{}", start + i);
      });
    }
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: {
      // Longs.toByteArray: eight bytes, big-endian.
      EDDY_ASSIGN_OR_RETURN(auto range, bounds(true));
      const int64_t start = range.first;
      return makeString(seed, true, 0, [start](RandomGenerator&, int64_t i, std::string& out) {
        const uint64_t value = static_cast<uint64_t>(start + i);
        for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
      });
    }
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return makeClockGenerator(seed, type);
    default: return InvalidArgument(fmt::format("Unsupported type: {}", type.asSummaryString()));
  }
}

}  // namespace eddy::sql
