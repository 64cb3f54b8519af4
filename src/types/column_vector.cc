#include "eddy/types/column_vector.h"

#include <fmt/format.h>

#include "eddy/types/row.h"
#include "eddy/types/value_kind_of.h"

namespace eddy::types {

namespace {

using Root = LogicalTypeRoot;

// Bytes per value of a fixed-width column; 0 for the others.
size_t fixedWidth(Root root) {
  switch (root) {
    case Root::BOOLEAN:
    case Root::TINYINT: return 1;
    case Root::SMALLINT: return 2;
    case Root::INTEGER:
    case Root::DATE:
    case Root::TIME_WITHOUT_TIME_ZONE:
    case Root::INTERVAL_YEAR_MONTH:
    case Root::FLOAT: return 4;
    case Root::BIGINT:
    case Root::INTERVAL_DAY_TIME:
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE:
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case Root::DOUBLE: return 8;
    case Root::DECIMAL: return 16;
    default: return 0;
  }
}

bool hasOffsets(Root root) {
  switch (root) {
    case Root::CHAR:
    case Root::VARCHAR:
    case Root::BINARY:
    case Root::VARBINARY:
    case Root::ARRAY:
    case Root::MULTISET:
    case Root::MAP: return true;
    default: return false;
  }
}

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Units per millisecond of a timestamp column of the given precision.
int64_t timestampUnitsPerMilli(int32_t precision) { return precision <= 3 ? 1 : precision <= 6 ? 1000 : 1000000; }

int64_t encodeTimestamp(TimestampData ts, int32_t precision) {
  const int64_t per_milli = timestampUnitsPerMilli(precision);
  return ts.millisecond * per_milli + ts.nano_of_millisecond / (1000000 / per_milli);
}

TimestampData decodeTimestamp(int64_t stored, int32_t precision) {
  const int64_t per_milli = timestampUnitsPerMilli(precision);
  const int64_t millis = floorDiv(stored, per_milli);
  return {millis, static_cast<int32_t>((stored - millis * per_milli) * (1000000 / per_milli))};
}

LogicalType countType() { return *LogicalType::make(Root::INTEGER); }

}  // namespace

ColumnVector::ColumnVector(LogicalType type) : type_(std::move(type)) {
  if (hasOffsets(type_.root())) offsets_.push_back(0);
  switch (type_.root()) {
    case Root::ARRAY: children_.emplace_back(type_.elementType()); break;
    case Root::MULTISET:
      children_.emplace_back(type_.elementType());
      children_.emplace_back(countType().notNull());
      break;
    case Root::MAP:
      children_.emplace_back(type_.keyType());
      children_.emplace_back(type_.valueType());
      break;
    case Root::ROW:
      for (const RowField& field : type_.fields()) children_.emplace_back(field.type);
      break;
    default: break;
  }
}

void ColumnVector::appendDefault() {
  const size_t width = fixedWidth(type_.root());
  if (width > 0) data_.appendZeros(width);
  if (hasOffsets(type_.root())) offsets_.push_back(offsets_.back());
  if (type_.root() == Root::ROW) {
    for (ColumnVector& child : children_) child.appendNull();
  }
}

void ColumnVector::markValidRange(size_t n) {
  const size_t end = size_ + n;
  validity_.resize((end + 63) / 64, 0);
  size_t i = size_;
  for (; i < end && (i & 63) != 0; ++i) validity_[i >> 6] |= uint64_t{1} << (i & 63);
  for (; i + 64 <= end; i += 64) validity_[i >> 6] = ~uint64_t{0};
  for (; i < end; ++i) validity_[i >> 6] |= uint64_t{1} << (i & 63);
  size_ = end;
}

bool ColumnVector::noNullsIn(size_t n) const {
  EDDY_CHECK_LE(n, size_);
  const size_t full = n / 64;
  for (size_t w = 0; w < full; ++w) {
    if (validity_[w] != ~uint64_t{0}) return false;
  }
  const size_t rest = n & 63;
  if (rest == 0) return true;
  const uint64_t mask = (uint64_t{1} << rest) - 1;
  return (validity_[full] & mask) == mask;
}

void ColumnVector::appendNull() {
  appendDefault();
  setValidity(false);
}

Status ColumnVector::checkValue(const Value& value) const {
  if (value.isNull()) {
    if (type_.isNullable()) return Status::OK();
    return InvalidArgument(fmt::format("null does not fit type {}", type_.asSummaryString()));
  }
  auto mismatch = [&] {
    return InvalidArgument(fmt::format("value {} does not fit type {}", value.toString(), type_.asSummaryString()));
  };
  if (value.kind() != valueKindOf(type_.root())) return mismatch();
  switch (type_.root()) {
    case Root::DECIMAL:
      if (value.getDecimal().scale() != type_.scale() || value.getDecimal().precision() > type_.precision()) {
        return mismatch();
      }
      return Status::OK();
    case Root::ARRAY:
      for (const Value& element : value.getArray()) EDDY_RETURN_IF_ERROR(children_[0].checkValue(element));
      return Status::OK();
    case Root::MULTISET:
    case Root::MAP:
      for (const auto& [key, item] : value.getMap()) {
        EDDY_RETURN_IF_ERROR(children_[0].checkValue(key));
        EDDY_RETURN_IF_ERROR(children_[1].checkValue(item));
      }
      return Status::OK();
    case Root::ROW: {
      const Row& row = value.getRow();
      if (row.getArity() != children_.size()) return mismatch();
      for (size_t i = 0; i < children_.size(); ++i) EDDY_RETURN_IF_ERROR(children_[i].checkValue(row.getField(i)));
      return Status::OK();
    }
    default: return Status::OK();
  }
}

Status ColumnVector::appendValue(const Value& value) {
  EDDY_RETURN_IF_ERROR(checkValue(value));
  appendChecked(value);
  return Status::OK();
}

void ColumnVector::appendChecked(const Value& value) {
  if (value.isNull()) {
    appendNull();
    return;
  }
  switch (type_.root()) {
    case Root::BOOLEAN: append<bool>(value.getBoolean()); return;
    case Root::TINYINT: append<int8_t>(value.getByte()); return;
    case Root::SMALLINT: append<int16_t>(value.getShort()); return;
    case Root::INTEGER:
    case Root::DATE:
    case Root::TIME_WITHOUT_TIME_ZONE:
    case Root::INTERVAL_YEAR_MONTH: append<int32_t>(value.getInt()); return;
    case Root::BIGINT:
    case Root::INTERVAL_DAY_TIME: append<int64_t>(value.getLong()); return;
    case Root::FLOAT: append<float>(value.getFloat()); return;
    case Root::DOUBLE: append<double>(value.getDouble()); return;
    case Root::DECIMAL: append<__int128>(value.getDecimal().toUnscaled()); return;
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE:
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      append<int64_t>(encodeTimestamp(value.getTimestamp(), type_.precision()));
      return;
    case Root::CHAR:
    case Root::VARCHAR:
    case Root::BINARY:
    case Root::VARBINARY: appendString(value.getString()); return;
    case Root::ARRAY:
      for (const Value& element : value.getArray()) children_[0].appendChecked(element);
      offsets_.push_back(static_cast<int32_t>(children_[0].size()));
      markValid();
      return;
    case Root::MULTISET:
    case Root::MAP:
      for (const auto& [key, item] : value.getMap()) {
        children_[0].appendChecked(key);
        children_[1].appendChecked(item);
      }
      offsets_.push_back(static_cast<int32_t>(children_[0].size()));
      markValid();
      return;
    case Root::ROW:
      for (size_t i = 0; i < children_.size(); ++i) children_[i].appendChecked(value.getRow().getField(i));
      markValid();
      return;
    case Root::NULL_TYPE: appendNull(); return;
  }
}

Value ColumnVector::getValue(size_t i) const {
  EDDY_CHECK_LT(i, size_);
  if (isNull(i)) return Value();
  switch (type_.root()) {
    case Root::BOOLEAN: return valueAt<bool>(i);
    case Root::TINYINT: return valueAt<int8_t>(i);
    case Root::SMALLINT: return valueAt<int16_t>(i);
    case Root::INTEGER: return valueAt<int32_t>(i);
    case Root::DATE: return Value::date(valueAt<int32_t>(i));
    case Root::TIME_WITHOUT_TIME_ZONE: return Value::time(valueAt<int32_t>(i));
    case Root::INTERVAL_YEAR_MONTH: return Value::intervalYearMonth(valueAt<int32_t>(i));
    case Root::BIGINT: return valueAt<int64_t>(i);
    case Root::INTERVAL_DAY_TIME: return Value::intervalDayTime(valueAt<int64_t>(i));
    case Root::FLOAT: return valueAt<float>(i);
    case Root::DOUBLE: return valueAt<double>(i);
    case Root::DECIMAL: return Decimal::fromUnscaled(valueAt<__int128>(i), type_.precision(), type_.scale());
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE:
      return Value::timestamp(decodeTimestamp(valueAt<int64_t>(i), type_.precision()));
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return Value::timestampLtz(decodeTimestamp(valueAt<int64_t>(i), type_.precision()));
    case Root::CHAR:
    case Root::VARCHAR: return std::string(stringAt(i));
    case Root::BINARY:
    case Root::VARBINARY: return Value::bytes(std::string(stringAt(i)));
    case Root::ARRAY: {
      std::vector<Value> elements;
      for (int32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) elements.push_back(children_[0].getValue(j));
      return Value::array(std::move(elements));
    }
    case Root::MULTISET:
    case Root::MAP: {
      Value::MapEntries entries;
      for (int32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) {
        entries.emplace_back(children_[0].getValue(j), children_[1].getValue(j));
      }
      return Value::map(std::move(entries));
    }
    case Root::ROW: {
      std::vector<Value> fields;
      for (const ColumnVector& child : children_) fields.push_back(child.getValue(i));
      return Value::row(Row(RowKind::INSERT, std::move(fields)));
    }
    case Root::NULL_TYPE: return Value();
  }
  return Value();
}

void ColumnVector::clear() {
  size_ = 0;
  validity_.clear();
  data_.clear();
  bytes_.clear();
  if (!offsets_.empty()) offsets_.resize(1);
  for (ColumnVector& child : children_) child.clear();
}

void ColumnVector::reserve(size_t rows) {
  validity_.reserve((rows + 63) / 64);
  data_.reserve(rows * fixedWidth(type_.root()));
  if (hasOffsets(type_.root())) offsets_.reserve(rows + 1);
  if (type_.root() == Root::ROW) {
    for (ColumnVector& child : children_) child.reserve(rows);
  }
}

ValueKind valueKindOf(LogicalTypeRoot root) {
  switch (root) {
    case Root::CHAR:
    case Root::VARCHAR: return ValueKind::STRING;
    case Root::BOOLEAN: return ValueKind::BOOLEAN;
    case Root::BINARY:
    case Root::VARBINARY: return ValueKind::BYTES;
    case Root::DECIMAL: return ValueKind::DECIMAL;
    case Root::TINYINT: return ValueKind::TINYINT;
    case Root::SMALLINT: return ValueKind::SMALLINT;
    case Root::INTEGER: return ValueKind::INT;
    case Root::BIGINT: return ValueKind::BIGINT;
    case Root::FLOAT: return ValueKind::FLOAT;
    case Root::DOUBLE: return ValueKind::DOUBLE;
    case Root::DATE: return ValueKind::DATE;
    case Root::TIME_WITHOUT_TIME_ZONE: return ValueKind::TIME;
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE: return ValueKind::TIMESTAMP;
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return ValueKind::TIMESTAMP_LTZ;
    case Root::INTERVAL_YEAR_MONTH: return ValueKind::INTERVAL_YEAR_MONTH;
    case Root::INTERVAL_DAY_TIME: return ValueKind::INTERVAL_DAY_TIME;
    case Root::ARRAY: return ValueKind::ARRAY;
    case Root::MULTISET:
    case Root::MAP: return ValueKind::MAP;
    case Root::ROW: return ValueKind::ROW;
    case Root::NULL_TYPE: return ValueKind::NULL_VALUE;
  }
  return ValueKind::NULL_VALUE;
}

}  // namespace eddy::types
