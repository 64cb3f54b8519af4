#include "sql/expression/type_rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "eddy/types/data_types.h"

namespace eddy::sql::type_rules {

using types::DataTypes;
using types::LogicalType;
using Root = types::LogicalTypeRoot;

namespace {

constexpr int kMaxPrecision = LogicalType::kMaxDecimalPrecision;
// LogicalTypeMerging's MINIMUM_ADJUSTED_SCALE.
constexpr int kMinimumAdjustedScale = 6;

// Precision of the exact numeric types, as LogicalTypeChecks#getPrecision.
int exactPrecision(const LogicalType& type) {
  switch (type.root()) {
    case Root::TINYINT: return 3;
    case Root::SMALLINT: return 5;
    case Root::INTEGER: return 10;
    case Root::BIGINT: return 19;
    default: return type.precision();
  }
}

int exactScale(const LogicalType& type) { return type.root() == Root::DECIMAL ? type.scale() : 0; }

// LogicalTypeMerging#adjustPrecisionScale: above 38 digits, give up fraction digits (keeping
// at least six) before integer digits.
LogicalType adjustPrecisionScale(int precision, int scale) {
  if (precision <= kMaxPrecision) return DataTypes::DECIMAL(precision, scale);
  const int digit_part = precision - scale;
  const int min_scale_part = std::min(scale, kMinimumAdjustedScale);
  const int adjusted_scale = std::max(kMaxPrecision - digit_part, min_scale_part);
  return DataTypes::DECIMAL(kMaxPrecision, adjusted_scale);
}

int numericRank(Root root) {
  switch (root) {
    case Root::TINYINT: return 0;
    case Root::SMALLINT: return 1;
    case Root::INTEGER: return 2;
    case Root::BIGINT: return 3;
    case Root::DECIMAL: return 4;
    case Root::FLOAT: return 5;
    case Root::DOUBLE: return 6;
    default: return -1;
  }
}

LogicalType stringType(Root root, int length) {
  length = std::clamp(length, 1, LogicalType::kMaxLength);
  switch (root) {
    case Root::CHAR: return DataTypes::CHAR(length);
    case Root::VARCHAR: return DataTypes::VARCHAR(length);
    case Root::BINARY: return DataTypes::BINARY(length);
    default: return DataTypes::VARBINARY(length);
  }
}

int combineLength(const LogicalType& a, const LogicalType& b) {
  return static_cast<int>(std::min<int64_t>(std::max<int64_t>(a.length(), b.length()), LogicalType::kMaxLength));
}

LogicalType commonExactNumeric(const LogicalType& result, const LogicalType& type) {
  if (result == type) return result;
  if (result.root() != Root::DECIMAL && type.root() != Root::DECIMAL) {
    return exactPrecision(type) > exactPrecision(result) ? type : result;
  }
  const int p1 = exactPrecision(result);
  const int p2 = exactPrecision(type);
  const int s1 = exactScale(result);
  const int s2 = exactScale(type);
  const int d = std::min(std::max(p1 - s1, p2 - s2), kMaxPrecision);
  const int s = std::min(std::max(s1, s2), kMaxPrecision - d);
  return DataTypes::DECIMAL(std::max(d + s, 1), s);
}

LogicalType timestampOf(Root root, int precision) {
  return root == Root::TIMESTAMP_WITHOUT_TIME_ZONE ? DataTypes::TIMESTAMP(precision) : DataTypes::TIMESTAMP_LTZ(precision);
}

bool similar(const LogicalType& a, const LogicalType& b) {
  if (isCharacterString(a) && isCharacterString(b)) return true;
  if (isBinaryString(a) && isBinaryString(b)) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isTimestamp(a) && isTimestamp(b)) return true;
  return a.root() == b.root();
}

std::optional<LogicalType> findCommonNullableType(std::span<const LogicalType> types, bool has_null);

bool isConstructed(Root root) {
  return root == Root::ARRAY || root == Root::MAP || root == Root::MULTISET || root == Root::ROW;
}

// The common type of one child (element, key, value or field) of constructed types.
std::optional<LogicalType> commonChild(std::span<const LogicalType> types, const LogicalType& (*child)(const LogicalType&)) {
  std::vector<LogicalType> children;
  for (const LogicalType& type : types) children.push_back(child(type));
  return findCommonType(children);
}

// LogicalTypeMerging#findCommonCollectionType and findCommonRowType: ARRAY, MAP and
// MULTISET of the common child types; ROWs of one arity, field by field, named as the first.
std::optional<LogicalType> findCommonConstructedType(std::span<const LogicalType> types) {
  const LogicalType& first = types.front();
  for (const LogicalType& type : types) {
    if (type.root() != first.root()) return std::nullopt;
    if (type.root() == Root::ROW && type.fieldCount() != first.fieldCount()) return std::nullopt;
  }
  switch (first.root()) {
    case Root::ARRAY:
    case Root::MULTISET: {
      std::optional<LogicalType> element = commonChild(types, [](const LogicalType& t) -> const LogicalType& { return t.elementType(); });
      if (!element) return std::nullopt;
      return first.root() == Root::ARRAY ? DataTypes::ARRAY(*element) : DataTypes::MULTISET(*element);
    }
    case Root::MAP: {
      std::optional<LogicalType> key = commonChild(types, [](const LogicalType& t) -> const LogicalType& { return t.keyType(); });
      std::optional<LogicalType> value = commonChild(types, [](const LogicalType& t) -> const LogicalType& { return t.valueType(); });
      if (!key || !value) return std::nullopt;
      return DataTypes::MAP(*key, *value);
    }
    default: {
      std::vector<types::RowField> fields;
      for (size_t f = 0; f < first.fieldCount(); ++f) {
        std::vector<LogicalType> field_types;
        for (const LogicalType& type : types) field_types.push_back(type.typeAt(f));
        std::optional<LogicalType> field = findCommonType(field_types);
        if (!field) return std::nullopt;
        fields.push_back(DataTypes::FIELD(first.fields()[f].name, *field));
      }
      return DataTypes::ROW(std::move(fields));
    }
  }
}

// LogicalTypeMerging#findCommonNullableType for the types Eddy evaluates.
std::optional<LogicalType> findCommonNullableType(std::span<const LogicalType> types, bool has_null) {
  std::vector<LogicalType> constructed;
  for (const LogicalType& type : types) {
    if (type.root() != Root::NULL_TYPE) constructed.push_back(type);
  }
  if (!constructed.empty() && isConstructed(constructed.front().root())) return findCommonConstructedType(constructed);
  std::optional<LogicalType> result;
  for (const LogicalType& type : types) {
    if (type.root() == Root::NULL_TYPE) continue;
    if (!result) result = type;
    if (isDatetime(*result) && isInterval(type)) continue;
    if (isInterval(*result) && isDatetime(type)) {
      result = type;
      continue;
    }
    if (!similar(*result, type)) return std::nullopt;
    if (isCharacterString(type) || isBinaryString(type)) {
      const int length = combineLength(*result, type);
      if (result->root() == Root::VARCHAR || result->root() == Root::VARBINARY) {
        result = stringType(result->root(), length);
      } else if (result->length() != type.length()) {
        result = stringType(result->root() == Root::CHAR ? Root::VARCHAR : Root::VARBINARY, length);
      } else {
        result = stringType(type.root(), length);
      }
    } else if (isExactNumeric(type)) {
      if (isExactNumeric(*result)) {
        result = commonExactNumeric(*result, type);
      } else if (type.root() == Root::DECIMAL) {
        result = DataTypes::DOUBLE();
      }
    } else if (isApproximateNumeric(type)) {
      if (isApproximateNumeric(*result)) {
        if (type.root() == Root::DOUBLE) result = DataTypes::DOUBLE();
      } else {
        result = result->root() == Root::DECIMAL ? DataTypes::DOUBLE() : type;
      }
    } else if (type.root() == Root::TIME_WITHOUT_TIME_ZONE) {
      result = DataTypes::TIME(std::max(result->precision(), type.precision()));
    } else if (isTimestamp(type)) {
      const int precision = std::max(result->precision(), type.precision());
      const Root root = result->root() == type.root() ? type.root() : Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
      result = timestampOf(root, precision);
    } else if (type.root() == Root::BOOLEAN || type.root() == Root::DATE) {
      result = type;
    } else if (*result != type.nullable()) {
      return std::nullopt;
    }
  }
  if (!result && has_null) return DataTypes::NULL_TYPE();
  return result;
}

}  // namespace

bool isCharacterString(const LogicalType& type) { return type.root() == Root::CHAR || type.root() == Root::VARCHAR; }
bool isBinaryString(const LogicalType& type) { return type.root() == Root::BINARY || type.root() == Root::VARBINARY; }
bool isIntegral(const LogicalType& type) {
  const int rank = numericRank(type.root());
  return rank >= 0 && rank <= 3;
}
bool isExactNumeric(const LogicalType& type) { return isIntegral(type) || type.root() == Root::DECIMAL; }
bool isApproximateNumeric(const LogicalType& type) { return type.root() == Root::FLOAT || type.root() == Root::DOUBLE; }
bool isNumeric(const LogicalType& type) { return numericRank(type.root()) >= 0; }
bool isTimestamp(const LogicalType& type) {
  return type.root() == Root::TIMESTAMP_WITHOUT_TIME_ZONE || type.root() == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
}
bool isDatetime(const LogicalType& type) {
  return isTimestamp(type) || type.root() == Root::DATE || type.root() == Root::TIME_WITHOUT_TIME_ZONE;
}
bool isInterval(const LogicalType& type) {
  return type.root() == Root::INTERVAL_YEAR_MONTH || type.root() == Root::INTERVAL_DAY_TIME;
}

LogicalType toDecimal(const LogicalType& type) {
  if (type.root() == Root::DECIMAL) return type;
  return DataTypes::DECIMAL(exactPrecision(type), 0).copy(type.isNullable());
}

LogicalType additionDecimalType(const LogicalType& a, const LogicalType& b) {
  const int scale = std::max(a.scale(), b.scale());
  const int precision = std::max(a.precision() - a.scale(), b.precision() - b.scale()) + scale + 1;
  return adjustPrecisionScale(precision, scale);
}

LogicalType multiplicationDecimalType(const LogicalType& a, const LogicalType& b) {
  return adjustPrecisionScale(a.precision() + b.precision() + 1, a.scale() + b.scale());
}

LogicalType divisionDecimalType(const LogicalType& a, const LogicalType& b) {
  const int scale = std::max(6, a.scale() + b.precision() + 1);
  const int precision = a.precision() - a.scale() + b.scale() + scale;
  return adjustPrecisionScale(precision, scale);
}

LogicalType moduloDecimalType(const LogicalType& a, const LogicalType& b) {
  const int scale = std::max(a.scale(), b.scale());
  const int precision = std::min(a.precision() - a.scale(), b.precision() - b.scale()) + scale;
  return adjustPrecisionScale(std::max(precision, 1), scale);
}

LogicalType roundDecimalType(const LogicalType& a, int digits) {
  if (digits >= a.scale()) return a;
  if (digits < 0) return DataTypes::DECIMAL(std::min(kMaxPrecision, 1 + a.precision() - a.scale()), 0);
  // Rounding may add a digit, hence the 1 +.
  return DataTypes::DECIMAL(std::min(kMaxPrecision, 1 + a.precision() - a.scale() + digits), digits);
}

std::optional<LogicalType> findCommonType(std::span<const LogicalType> types) {
  bool has_null = false;
  bool nullable = false;
  std::vector<LogicalType> normalized;
  for (const LogicalType& type : types) {
    has_null |= type.root() == Root::NULL_TYPE;
    nullable |= type.isNullable();
    normalized.push_back(type.nullable());
  }
  std::optional<LogicalType> found = findCommonNullableType(normalized, has_null);
  if (!found || found->root() == Root::NULL_TYPE) return std::nullopt;
  return found->copy(nullable);
}

namespace {

// Casts between ARRAYs, MAPs or MULTISETs are casts of their children; between ROWs of one
// arity, of their fields (LogicalTypeCasts#supportsConstructedCasting).
bool supportsConstructedCast(const LogicalType& from, const LogicalType& to, bool (*supports)(const LogicalType&, const LogicalType&)) {
  switch (from.root()) {
    case Root::ARRAY:
    case Root::MULTISET: return supports(from.elementType(), to.elementType());
    case Root::MAP: return supports(from.keyType(), to.keyType()) && supports(from.valueType(), to.valueType());
    default:
      if (from.fieldCount() != to.fieldCount()) return false;
      for (size_t f = 0; f < from.fieldCount(); ++f) {
        if (!supports(from.typeAt(f), to.typeAt(f))) return false;
      }
      return true;
  }
}

}  // namespace

bool supportsImplicitCast(const LogicalType& from, const LogicalType& to) {
  if (from.root() == Root::NULL_TYPE) return true;
  if (isConstructed(from.root()) && from.root() == to.root()) return supportsConstructedCast(from, to, supportsImplicitCast);
  if (from.root() == to.root() && !isCharacterString(from) && from.root() != Root::DECIMAL) return true;
  if (isCharacterString(from) && isCharacterString(to)) return true;
  if (isBinaryString(from) && isBinaryString(to)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    // Flink's LogicalTypeCasts: castTo(DECIMAL).implicitFromFamily(NUMERIC), whatever the
    // precision and scale (a DECIMAL(24, 3) product goes into a DECIMAL(23, 3) sink column).
    if (from.root() == Root::DECIMAL && to.root() == Root::DECIMAL) return true;
    return numericRank(from.root()) <= numericRank(to.root());
  }
  return isTimestamp(from) && isTimestamp(to);
}

bool supportsExplicitCast(const LogicalType& from, const LogicalType& to) {
  if (isConstructed(from.root()) && from.root() == to.root()) return supportsConstructedCast(from, to, supportsExplicitCast);
  if (supportsImplicitCast(from, to) || from.root() == to.root()) return true;
  const Root f = from.root();
  const Root t = to.root();
  if (isCharacterString(to)) return f != Root::NULL_TYPE;
  if (isCharacterString(from)) {
    return t == Root::BOOLEAN || isNumeric(to) || isDatetime(to) || isBinaryString(to);
  }
  if (isNumeric(from) && isNumeric(to)) return true;
  if (f == Root::BOOLEAN) return isNumeric(to);
  if (t == Root::BOOLEAN) return isNumeric(from);
  if (f == Root::DATE) return isTimestamp(to);
  if (f == Root::TIME_WITHOUT_TIME_ZONE) return isTimestamp(to);
  if (isTimestamp(from)) {
    return t == Root::DATE || t == Root::TIME_WITHOUT_TIME_ZONE || isTimestamp(to) ||
           (f == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE && isIntegral(to));
  }
  if (t == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) return isIntegral(from);
  return false;
}

bool isComparable(const LogicalType& a, const LogicalType& b) {
  if (a.root() == Root::NULL_TYPE || b.root() == Root::NULL_TYPE) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isCharacterString(a) && isCharacterString(b)) return true;
  if (isBinaryString(a) && isBinaryString(b)) return true;
  if (isTimestamp(a) && isTimestamp(b)) return true;
  if (isInterval(a) || isInterval(b)) return a.root() == b.root();
  return a.root() == b.root() && a.root() != Root::ARRAY && a.root() != Root::MAP && a.root() != Root::MULTISET &&
         a.root() != Root::ROW;
}

std::string calciteTypeName(const LogicalType& type) {
  switch (type.root()) {
    case Root::CHAR: return fmt::format("CHAR({})", type.length());
    case Root::VARCHAR: return fmt::format("VARCHAR({})", type.length());
    case Root::BINARY: return fmt::format("BINARY({})", type.length());
    case Root::VARBINARY: return fmt::format("VARBINARY({})", type.length());
    case Root::DECIMAL: return fmt::format("DECIMAL({}, {})", type.precision(), type.scale());
    case Root::INTEGER: return "INTEGER";
    case Root::TIME_WITHOUT_TIME_ZONE: return fmt::format("TIME({})", type.precision());
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE: return fmt::format("TIMESTAMP({})", type.precision());
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return fmt::format("TIMESTAMP_WITH_LOCAL_TIME_ZONE({})", type.precision());
    case Root::NULL_TYPE: return "NULL";
    default: {
      std::string text = type.nullable().asSerializableString();
      return text;
    }
  }
}

std::string calciteFamilyName(const LogicalType& type) {
  if (isCharacterString(type)) return "CHARACTER";
  if (isBinaryString(type)) return "BINARY";
  if (isNumeric(type)) return "NUMERIC";
  if (isTimestamp(type)) return "TIMESTAMP";
  if (isInterval(type)) return "INTERVAL";
  switch (type.root()) {
    case Root::BOOLEAN: return "BOOLEAN";
    case Root::DATE: return "DATE";
    case Root::TIME_WITHOUT_TIME_ZONE: return "TIME";
    case Root::NULL_TYPE: return "NULL";
    default: return calciteTypeName(type);
  }
}

}  // namespace eddy::sql::type_rules
