#include "connectors/jdbc/jdbc_row_converter.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "eddy/types/civil_date.h"
#include "eddy/types/value_kind_of.h"

namespace eddy::connectors::jdbc {
namespace {

using types::LogicalTypeRoot;
using types::Value;
using types::ValueKind;

template <typename N>
Result<N> parseNumber(std::string_view text) {
  N value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument(fmt::format("'{}' is not a number", text));
  }
  return value;
}

// "HH:MM:SS[.fraction]" → milliseconds of the day and nanoseconds within the millisecond.
Result<std::pair<int64_t, int32_t>> parseTimeOfDay(std::string_view text) {
  if (text.size() < 8 || text[2] != ':' || text[5] != ':') return InvalidArgument(fmt::format("'{}' is not a time", text));
  EDDY_ASSIGN_OR_RETURN(int64_t hours, parseNumber<int64_t>(text.substr(0, 2)));
  EDDY_ASSIGN_OR_RETURN(int64_t minutes, parseNumber<int64_t>(text.substr(3, 2)));
  EDDY_ASSIGN_OR_RETURN(int64_t seconds, parseNumber<int64_t>(text.substr(6, 2)));
  int64_t nanos = 0;
  if (text.size() > 9 && text[8] == '.') {
    std::string_view fraction = text.substr(9, 9);
    EDDY_ASSIGN_OR_RETURN(nanos, parseNumber<int64_t>(fraction));
    for (size_t i = fraction.size(); i < 9; ++i) nanos *= 10;
  }
  return std::pair<int64_t, int32_t>{((hours * 60 + minutes) * 60 + seconds) * 1000 + nanos / 1000000,
                                     static_cast<int32_t>(nanos % 1000000)};
}

Result<int64_t> parseDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return InvalidArgument(fmt::format("'{}' is not a date", text));
  EDDY_ASSIGN_OR_RETURN(int64_t year, parseNumber<int64_t>(text.substr(0, 4)));
  EDDY_ASSIGN_OR_RETURN(int month, parseNumber<int>(text.substr(5, 2)));
  EDDY_ASSIGN_OR_RETURN(int day, parseNumber<int>(text.substr(8, 2)));
  return types::daysFromCivil(year, month, day);
}

// "YYYY-MM-DD HH:MM:SS[.fraction][+00[:00]]" (the session runs in UTC, so an offset is 0).
Result<types::TimestampData> parseTimestamp(std::string_view text) {
  EDDY_ASSIGN_OR_RETURN(int64_t days, parseDate(text));
  std::string_view time = text.size() > 11 ? text.substr(11) : std::string_view();
  if (size_t offset = time.find_first_of("+-Z"); offset != std::string_view::npos) time = time.substr(0, offset);
  EDDY_ASSIGN_OR_RETURN(auto millis_nanos, parseTimeOfDay(time));
  return types::TimestampData::fromEpochMillis(days * 86400000 + millis_nanos.first, millis_nanos.second);
}

}  // namespace

Status JdbcRowConverter::toExternal(const types::Row& row, const std::vector<int>& positions,
                                    PreparedStatement& statement) const {
  for (size_t i = 0; i < positions.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const Value& value = row.getField(positions[i]);
    const types::LogicalType& type = types_[positions[i]];
    if (value.isNull()) {
      statement.setNull(index);
      continue;
    }
    if (value.kind() != types::valueKindOf(type.root())) {
      return InvalidArgument(fmt::format("field {} of type {} holds the value {} of another type", positions[i],
                                         type.asSummaryString(), value.toString()));
    }
    switch (type.root()) {
      case LogicalTypeRoot::BOOLEAN: statement.setBoolean(index, value.getBoolean()); break;
      case LogicalTypeRoot::TINYINT: statement.setByte(index, value.getByte()); break;
      case LogicalTypeRoot::SMALLINT: statement.setShort(index, value.getShort()); break;
      case LogicalTypeRoot::INTEGER: statement.setInt(index, value.getInt()); break;
      case LogicalTypeRoot::BIGINT: statement.setLong(index, value.getLong()); break;
      case LogicalTypeRoot::FLOAT: statement.setFloat(index, value.getFloat()); break;
      case LogicalTypeRoot::DOUBLE: statement.setDouble(index, value.getDouble()); break;
      case LogicalTypeRoot::DECIMAL: statement.setBigDecimal(index, value.getDecimal()); break;
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR: statement.setString(index, value.getString()); break;
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY: statement.setBytes(index, value.getString()); break;
      case LogicalTypeRoot::DATE: statement.setDate(index, value.getInt()); break;
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: statement.setTime(index, value.getInt()); break;
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: statement.setTimestamp(index, value.getTimestamp()); break;
      default:
        return NotSupported(fmt::format("writing {} to JDBC", type.asSummaryString()));
    }
  }
  return Status::OK();
}

Result<types::Row> JdbcRowConverter::toInternal(const std::vector<std::optional<std::string>>& text) const {
  if (text.size() != types_.size()) {
    return InvalidArgument(fmt::format("the query returned {} columns, the row type has {}", text.size(), types_.size()));
  }
  std::vector<Value> fields(types_.size());
  for (size_t i = 0; i < types_.size(); ++i) {
    if (!text[i]) continue;
    const std::string& s = *text[i];
    switch (types_[i].root()) {
      case LogicalTypeRoot::BOOLEAN:
        fields[i] = Value(s == "t" || s == "true" || s == "1");
        break;
      case LogicalTypeRoot::TINYINT: {
        EDDY_ASSIGN_OR_RETURN(int8_t v, parseNumber<int8_t>(s));
        fields[i] = Value(v);
        break;
      }
      case LogicalTypeRoot::SMALLINT: {
        EDDY_ASSIGN_OR_RETURN(int16_t v, parseNumber<int16_t>(s));
        fields[i] = Value(v);
        break;
      }
      case LogicalTypeRoot::INTEGER: {
        EDDY_ASSIGN_OR_RETURN(int32_t v, parseNumber<int32_t>(s));
        fields[i] = Value(v);
        break;
      }
      case LogicalTypeRoot::BIGINT: {
        EDDY_ASSIGN_OR_RETURN(int64_t v, parseNumber<int64_t>(s));
        fields[i] = Value(v);
        break;
      }
      case LogicalTypeRoot::FLOAT:
        fields[i] = Value(std::strtof(s.c_str(), nullptr));
        break;
      case LogicalTypeRoot::DOUBLE:
        fields[i] = Value(std::strtod(s.c_str(), nullptr));
        break;
      case LogicalTypeRoot::DECIMAL: {
        EDDY_ASSIGN_OR_RETURN(types::Decimal v, types::Decimal::fromString(s, types_[i].precision(), types_[i].scale()));
        fields[i] = Value(v);
        break;
      }
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR:
        fields[i] = Value(s);
        break;
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY:
        fields[i] = Value::bytes(s);
        break;
      case LogicalTypeRoot::DATE: {
        EDDY_ASSIGN_OR_RETURN(int64_t days, parseDate(s));
        fields[i] = Value::date(static_cast<int32_t>(days));
        break;
      }
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(auto millis_nanos, parseTimeOfDay(s));
        fields[i] = Value::time(static_cast<int32_t>(millis_nanos.first));
        break;
      }
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(types::TimestampData v, parseTimestamp(s));
        fields[i] = Value::timestamp(v);
        break;
      }
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(types::TimestampData v, parseTimestamp(s));
        fields[i] = Value::timestampLtz(v);
        break;
      }
      default:
        return NotSupported(fmt::format("reading {} from JDBC", types_[i].asSummaryString()));
    }
  }
  return types::Row(types::RowKind::INSERT, std::move(fields));
}

}  // namespace eddy::connectors::jdbc
