#include "eddy/formats/csv/csv_row_deserializer.h"

#include <fmt/format.h>

#include "eddy/types/civil_date.h"
#include "eddy/types/decimal.h"
#include "formats/csv/csv_line_splitter.h"
#include "formats/csv/csv_schema_check.h"
#include "formats/json/jackson_text.h"
#include "formats/json/java_numbers.h"
#include "formats/json/time_formats.h"

namespace eddy::formats::csv {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;
using types::Value;

constexpr int64_t kNanosPerMilli = 1'000'000;
constexpr int64_t kMillisPerDay = 86'400'000;

std::string causedBy(std::string_view message, std::string_view cause) {
  return fmt::format("{} Caused by: {}", message, cause);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  }
  return true;
}

// java.sql.Date.valueOf(text).toLocalDate(): "yyyy-[m]m-[d]d" with a lenient day (Feb 30 is
// Mar 1 or 2); IllegalArgumentException, which has no message, otherwise.
Result<int32_t> parseSqlDate(std::string_view s) {
  const Status invalid = InvalidArgument("java.lang.IllegalArgumentException");
  const size_t first_dash = s.find('-');
  if (first_dash == std::string_view::npos || first_dash == 0) return invalid;
  const size_t second_dash = s.find('-', first_dash + 1);
  const size_t len = s.size();
  if (second_dash == std::string_view::npos || second_dash >= len - 1) return invalid;
  if (first_dash != 4 || second_dash - first_dash <= 1 || second_dash - first_dash > 3 || len - second_dash <= 1 ||
      len - second_dash > 3) {
    return invalid;
  }
  EDDY_ASSIGN_OR_RETURN(int64_t year, json::parseJavaInteger(s.substr(0, first_dash), INT32_MIN, INT32_MAX));
  EDDY_ASSIGN_OR_RETURN(int64_t month,
                        json::parseJavaInteger(s.substr(first_dash + 1, second_dash - first_dash - 1), INT32_MIN, INT32_MAX));
  EDDY_ASSIGN_OR_RETURN(int64_t day, json::parseJavaInteger(s.substr(second_dash + 1), INT32_MIN, INT32_MAX));
  if (month < 1 || month > 12 || day < 1 || day > 31) return invalid;
  return static_cast<int32_t>(types::daysFromCivil(year, static_cast<int>(month), 1) + day - 1);
}

// LocalTime.parse(text) (ISO_LOCAL_TIME, strict) as milliseconds of the day, cut to
// `precision` digits. Parsed as the time of an ISO local date-time, with the index of the
// error message moved back to the time's own text.
Result<int32_t> parseIsoLocalTime(std::string_view text, int precision) {
  static constexpr std::string_view kDatePrefix = "1970-01-01T";
  std::string date_time(kDatePrefix);
  date_time.append(text);
  Result<types::TimestampData> parsed = json::parseTimestamp(date_time, json::TimestampFormat::ISO_8601, false);
  if (!parsed.ok()) {
    std::string message = parsed.status().message();
    const std::string quoted = fmt::format("Text '{}'", date_time);
    if (message.rfind(quoted, 0) == 0) message = fmt::format("Text '{}'", text) + message.substr(quoted.size());
    const size_t at = message.find("at index ");
    if (at != std::string::npos) {
      size_t end = at + 9;
      int64_t index = 0;
      while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) {
        index = index * 10 + (message[end++] - '0');
      }
      message = message.substr(0, at + 9) + std::to_string(std::max<int64_t>(0, index - 11)) + message.substr(end);
    }
    return InvalidArgument(message);
  }
  int64_t millis = parsed->millisecond % kMillisPerDay;
  static constexpr int64_t kCut[] = {1000, 100, 10, 1};
  millis = millis / kCut[precision] * kCut[precision];
  return static_cast<int32_t>(millis);
}

// CsvToRowDataConverters over the text of one field: a null field (null literal) is null;
// a value that does not convert fails, or is null with ignore_parse_errors.
class CsvConverter {
 public:
  explicit CsvConverter(const CsvFormatOptions& options) : options_(options) {}

  // The top-level row of the split fields.
  Status convertRow(const LogicalType& type, const std::vector<std::string>& fields,
                    const std::vector<bool>& is_null, size_t count, types::Row& row) {
    const std::vector<types::RowField>& row_fields = type.fields();
    row = types::Row::withPositions(types::RowKind::INSERT, row_fields.size());
    for (size_t i = 0; i < row_fields.size() && i < count; ++i) {
      if (is_null[i]) continue;
      Value value;
      Status status = convertColumn(fields[i], row_fields[i].type, value);
      if (!status.ok()) {
        if (!options_.ignore_parse_errors) {
          return InvalidArgument(causedBy(fmt::format("Fail to deserialize at field: {}.", row_fields[i].name), status.message()));
        }
        continue;
      }
      row.setField(i, std::move(value));
    }
    return Status::OK();
  }

 private:
  Status convertColumn(const std::string& text, const LogicalType& type, Value& out) {
    if (type.root() == LogicalTypeRoot::ARRAY) {
      std::vector<Value> elements;
      EDDY_RETURN_IF_ERROR(forEachElement(text, [&](std::string_view element, bool is_null) -> Status {
        Value value;
        if (!is_null) EDDY_RETURN_IF_ERROR(convertNullable(element, type.elementType(), value));
        elements.push_back(std::move(value));
        return Status::OK();
      }));
      out = Value::array(std::move(elements));
      return Status::OK();
    }
    if (type.root() == LogicalTypeRoot::ROW) return convertNestedRow(text, type, out);
    return convertScalar(text, type, out);
  }

  // createRowConverter(type, false): fields by position from the elements.
  Status convertNestedRow(const std::string& text, const LogicalType& type, Value& out) {
    std::vector<std::pair<std::string_view, bool>> elements;
    EDDY_RETURN_IF_ERROR(forEachElement(text, [&](std::string_view element, bool is_null) -> Status {
      elements.emplace_back(element, is_null);
      return Status::OK();
    }));
    if (elements.empty()) return Status::OK();  // null
    const std::vector<types::RowField>& fields = type.fields();
    if (fields.size() > elements.size() && !options_.ignore_parse_errors) {
      return InvalidArgument(
          fmt::format("Row length mismatch. {} fields expected but was {}.", fields.size(), elements.size()));
    }
    types::Row row = types::Row::withPositions(types::RowKind::INSERT, fields.size());
    for (size_t i = 0; i < fields.size() && i < elements.size(); ++i) {
      if (elements[i].second) continue;
      Value value;
      Status status = convertNullable(elements[i].first, fields[i].type, value);
      if (!status.ok()) {
        return InvalidArgument(causedBy(fmt::format("Fail to deserialize at field: {}.", fields[i].name), status.message()));
      }
      row.setField(i, std::move(value));
    }
    out = Value::row(std::move(row));
    return Status::OK();
  }

  // CsvParser#_handleArrayValue: the elements of a field split at the array element
  // delimiter; an empty field has none; an element equal to the null literal is null.
  template <typename F>
  Status forEachElement(std::string_view text, F&& visit) {
    if (text.empty()) return Status::OK();
    const std::string& delimiter = options_.array_element_delimiter;
    size_t start = 0;
    while (true) {
      const size_t end = delimiter.empty() ? std::string_view::npos : text.find(delimiter, start);
      const std::string_view element = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      EDDY_RETURN_IF_ERROR(visit(element, options_.null_literal && element == *options_.null_literal));
      if (end == std::string_view::npos) return Status::OK();
      start = end + delimiter.size();
    }
  }

  // createNullableConverter: errors become null with ignore_parse_errors.
  Status convertNullable(std::string_view text, const LogicalType& type, Value& out) {
    Status status = convertScalar(text, type, out);
    if (!status.ok() && options_.ignore_parse_errors) {
      out = Value();
      return Status::OK();
    }
    return status;
  }

  Status convertScalar(std::string_view text, const LogicalType& type, Value& out) {
    switch (type.root()) {
      case LogicalTypeRoot::NULL_TYPE: out = Value(); return Status::OK();
      case LogicalTypeRoot::BOOLEAN: out = Value(equalsIgnoreCase(json::javaTrim(text), "true")); return Status::OK();
      case LogicalTypeRoot::TINYINT: {
        EDDY_ASSIGN_OR_RETURN(int64_t v, json::parseJavaShortInteger(json::javaTrim(text), INT8_MIN, INT8_MAX));
        out = Value(static_cast<int8_t>(v));
        return Status::OK();
      }
      case LogicalTypeRoot::SMALLINT: {
        EDDY_ASSIGN_OR_RETURN(int64_t v, json::parseJavaShortInteger(json::javaTrim(text), INT16_MIN, INT16_MAX));
        out = Value(static_cast<int16_t>(v));
        return Status::OK();
      }
      case LogicalTypeRoot::INTEGER: {
        EDDY_ASSIGN_OR_RETURN(int64_t v, json::parseJavaInteger(json::javaTrim(text), INT32_MIN, INT32_MAX));
        out = Value(static_cast<int32_t>(v));
        return Status::OK();
      }
      case LogicalTypeRoot::BIGINT: {
        EDDY_ASSIGN_OR_RETURN(int64_t v, json::parseJavaInteger(json::javaTrim(text), INT64_MIN, INT64_MAX));
        out = Value(v);
        return Status::OK();
      }
      case LogicalTypeRoot::FLOAT: {
        EDDY_ASSIGN_OR_RETURN(float v, json::parseJavaFloat(text));
        out = Value(v);
        return Status::OK();
      }
      case LogicalTypeRoot::DOUBLE: {
        EDDY_ASSIGN_OR_RETURN(double v, json::parseJavaDouble(text));
        out = Value(v);
        return Status::OK();
      }
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR: out = Value(std::string(text)); return Status::OK();
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY: {
        Result<std::string> bytes = json::decodeBase64(text);
        if (!bytes.ok()) return InvalidArgument(causedBy("Unable to deserialize byte array.", bytes.status().message()));
        out = Value::bytes(std::move(*bytes));
        return Status::OK();
      }
      case LogicalTypeRoot::DECIMAL: {
        // new BigDecimal(text), then DecimalData.fromBigDecimal: null when it does not fit.
        EDDY_RETURN_IF_ERROR(json::BigDecimalText::parse(text).status());
        Result<types::Decimal> decimal = types::Decimal::fromString(text, type.precision(), type.scale());
        out = decimal.ok() ? Value(*decimal) : Value();
        return Status::OK();
      }
      case LogicalTypeRoot::DATE: {
        EDDY_ASSIGN_OR_RETURN(int32_t days, parseSqlDate(text));
        out = Value::date(days);
        return Status::OK();
      }
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(int32_t millis, parseIsoLocalTime(text, type.precision()));
        out = Value::time(millis);
        return Status::OK();
      }
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(types::TimestampData ts,
                              json::parseTimestamp(json::javaTrim(text), json::TimestampFormat::SQL, false));
        out = Value::timestamp(ts);
        return Status::OK();
      }
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
        EDDY_ASSIGN_OR_RETURN(types::TimestampData ts,
                              json::parseTimestamp(json::javaTrim(text), json::TimestampFormat::SQL, true));
        out = Value::timestampLtz(ts);
        return Status::OK();
      }
      default: return InvalidArgument(fmt::format("Unsupported type: {}", type.asSummaryString()));
    }
  }

  const CsvFormatOptions& options_;
};

Status checkTimePrecision(const LogicalType& type) {
  if (type.root() == LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE && type.precision() > 3) {
    return InvalidArgument(fmt::format(
        "Csv does not support TIME type with precision: {}, it only supports precision 0 ~ 3.", type.precision()));
  }
  for (const LogicalType& child : type.children()) EDDY_RETURN_IF_ERROR(checkTimePrecision(child));
  return Status::OK();
}

}  // namespace

CsvRowDeserializer::CsvRowDeserializer(LogicalType row_type, CsvFormatOptions options)
    : row_type_(std::move(row_type)), options_(std::move(options)) {}

Result<CsvRowDeserializer> CsvRowDeserializer::create(LogicalType row_type, CsvFormatOptions options) {
  EDDY_RETURN_IF_ERROR(checkCsvRowType(row_type));
  EDDY_RETURN_IF_ERROR(checkTimePrecision(row_type));
  return CsvRowDeserializer(std::move(row_type), std::move(options));
}

Result<std::optional<types::Row>> CsvRowDeserializer::deserialize(std::string_view line) {
  auto fail = [&](std::string_view cause) -> Result<std::optional<types::Row>> {
    if (options_.ignore_parse_errors) return std::optional<types::Row>();
    return InvalidArgument(causedBy(fmt::format("Failed to deserialize CSV row '{}'.", line), cause));
  };
  if (options_.allow_comments && !line.empty() && line[0] == '#') return std::optional<types::Row>();
  size_t count = 0;
  Status split = splitCsvLine(line, options_, fields_, field_is_null_, count);
  if (!split.ok()) return fail(split.message());
  if (count == 0) return std::optional<types::Row>();
  const size_t arity = row_type_.fieldCount();
  // CsvParser.Feature.ALLOW_TRAILING_COMMA: an empty value after the last column is dropped.
  if (count == arity + 1 && fields_[arity].empty()) --count;
  if (count > arity) {
    return fail(fmt::format("Too many entries: expected at most {} (value #{} ({} chars) \"{}\")", arity, arity,
                            fields_[arity].size(), fields_[arity]));
  }
  if (count < arity && !options_.ignore_parse_errors) {
    return fail(fmt::format("Row length mismatch. {} fields expected but was {}.", arity, count));
  }
  types::Row row;
  Status converted = CsvConverter(options_).convertRow(row_type_, fields_, field_is_null_, count, row);
  if (!converted.ok()) return fail(converted.message());
  return std::optional<types::Row>(std::move(row));
}

Result<bool> CsvRowDeserializer::deserializeInto(std::string_view line, types::ColumnBatch& batch) {
  EDDY_ASSIGN_OR_RETURN(std::optional<types::Row> row, deserialize(line));
  if (!row) return false;
  EDDY_RETURN_IF_ERROR(batch.appendRow(*row));
  return true;
}

}  // namespace eddy::formats::csv
