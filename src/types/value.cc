#include "eddy/types/value.h"

#include <fmt/format.h>

#include "eddy/types/row.h"
#include "java_to_string.h"

namespace eddy::types {

namespace {
constexpr int64_t kNanosPerMilli = 1'000'000;
}  // namespace

Value Value::row(Row row) { return Value(std::in_place_index<19>, std::make_shared<const Row>(std::move(row))); }

int32_t Value::getInt() const {
  switch (kind()) {
    case ValueKind::DATE: return std::get<11>(data_);
    case ValueKind::TIME: return std::get<12>(data_);
    case ValueKind::INTERVAL_YEAR_MONTH: return std::get<15>(data_);
    default: return std::get<4>(data_);
  }
}

int64_t Value::getLong() const { return kind() == ValueKind::INTERVAL_DAY_TIME ? std::get<16>(data_) : std::get<5>(data_); }

const std::string& Value::getString() const {
  return kind() == ValueKind::BYTES ? std::get<10>(data_) : std::get<9>(data_);
}

TimestampData Value::getTimestamp() const {
  return kind() == ValueKind::TIMESTAMP_LTZ ? std::get<14>(data_) : std::get<13>(data_);
}

std::string Value::toString() const {
  std::string out;
  appendTo(out);
  return out;
}

void Value::appendTo(std::string& out) const {
  switch (kind()) {
    case ValueKind::NULL_VALUE: out += "null"; return;
    case ValueKind::BOOLEAN: out += getBoolean() ? "true" : "false"; return;
    case ValueKind::TINYINT: out += fmt::format("{}", getByte()); return;
    case ValueKind::SMALLINT: out += fmt::format("{}", getShort()); return;
    case ValueKind::INT: out += fmt::format("{}", getInt()); return;
    case ValueKind::BIGINT: out += fmt::format("{}", getLong()); return;
    case ValueKind::FLOAT: appendJavaFloat(getFloat(), out); return;
    case ValueKind::DOUBLE: appendJavaDouble(getDouble(), out); return;
    case ValueKind::DECIMAL: out += getDecimal().toString(); return;
    case ValueKind::STRING: out += getString(); return;
    case ValueKind::BYTES: {
      // A byte[] prints as Arrays.toString: signed bytes.
      out.push_back('[');
      const std::string& bytes = getString();
      for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) out += ", ";
        out += fmt::format("{}", static_cast<int8_t>(bytes[i]));
      }
      out.push_back(']');
      return;
    }
    case ValueKind::DATE: appendLocalDate(getInt(), out); return;
    case ValueKind::TIME: appendLocalTime(static_cast<int64_t>(getInt()) * kNanosPerMilli, out); return;
    case ValueKind::TIMESTAMP: appendLocalDateTime(getTimestamp(), out); return;
    case ValueKind::TIMESTAMP_LTZ: appendInstant(getTimestamp(), out); return;
    case ValueKind::INTERVAL_YEAR_MONTH: appendPeriod(getInt(), out); return;
    case ValueKind::INTERVAL_DAY_TIME: appendDuration(getLong(), out); return;
    case ValueKind::ARRAY: {
      out.push_back('[');
      bool first = true;
      for (const Value& element : getArray()) {
        if (!first) out += ", ";
        first = false;
        element.appendTo(out);
      }
      out.push_back(']');
      return;
    }
    case ValueKind::MAP: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : getMap()) {
        if (!first) out += ", ";
        first = false;
        key.appendTo(out);
        out.push_back('=');
        value.appendTo(out);
      }
      out.push_back('}');
      return;
    }
    case ValueKind::ROW: getRow().appendTo(out); return;
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.data_.index() != b.data_.index()) return false;
  if (a.kind() == ValueKind::ROW) return a.getRow() == b.getRow();
  return a.data_ == b.data_;
}

}  // namespace eddy::types
