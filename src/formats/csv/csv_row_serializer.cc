#include "eddy/formats/csv/csv_row_serializer.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "formats/csv/csv_schema_check.h"
#include "formats/json/jackson_text.h"
#include "formats/json/java_numbers.h"
#include "formats/json/time_formats.h"
#include "types/java_to_string.h"

namespace eddy::formats::csv {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;
using types::Value;

constexpr int64_t kNanosPerMilli = 1'000'000;
// CsvEncoder.MAX_QUOTE_CHECK: longer values are always quoted.
constexpr size_t kMaxQuoteCheck = 24;

// Writes one line as Jackson's CsvGenerator/CsvEncoder does with Flink's schema (line
// separator "", default features: loose quoting, quotes escaped by doubling).
class CsvWriter {
 public:
  CsvWriter(const CsvFormatOptions& options, int min_safe_char, std::string& out)
      : options_(options), min_safe_char_(min_safe_char), out_(out) {}

  Status writeRow(const types::Row& row, const LogicalType& type) {
    const std::vector<types::RowField>& fields = type.fields();
    if (row.getArity() != fields.size()) {
      return InvalidArgument(fmt::format("The row has {} fields, the type {}.", row.getArity(), fields.size()));
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_.push_back(options_.field_delimiter);
      Status status = writeColumn(row.getField(i), fields[i].type);
      if (!status.ok()) {
        return InvalidArgument(fmt::format("Fail to serialize at field: {}. Caused by: {}", fields[i].name, status.message()));
      }
    }
    return Status::OK();
  }

 private:
  // A top-level column: scalars, or ARRAY/ROW as their joined elements.
  Status writeColumn(const Value& value, const LogicalType& type) {
    if (value.isNull() || type.root() == LogicalTypeRoot::NULL_TYPE) {
      appendNullLiteral();
      return Status::OK();
    }
    if (type.root() == LogicalTypeRoot::ARRAY || type.root() == LogicalTypeRoot::ROW) {
      std::string joined;
      EDDY_RETURN_IF_ERROR(joinElements(value, type, joined));
      appendQuotable(joined);
      return Status::OK();
    }
    scratch_.clear();
    EDDY_ASSIGN_OR_RETURN(bool quotable, scalarText(value, type, scratch_));
    if (quotable) {
      appendQuotable(scratch_);
    } else {
      out_ += scratch_;
    }
    return Status::OK();
  }

  // The elements of an ARRAY (or the fields of a ROW) as CsvGenerator#_addToArray joins them:
  // as text, unquoted, separated by the array element delimiter.
  Status joinElements(const Value& value, const LogicalType& type, std::string& joined) {
    auto append = [&](const Value& element, const LogicalType& element_type, bool first) -> Status {
      if (!first) joined += options_.array_element_delimiter;
      if (element.isNull() || element_type.root() == LogicalTypeRoot::NULL_TYPE) {
        if (options_.null_literal) joined += *options_.null_literal;
        return Status::OK();
      }
      return scalarText(element, element_type, joined).status();
    };
    if (type.root() == LogicalTypeRoot::ARRAY) {
      if (value.kind() != types::ValueKind::ARRAY) return notOfType(value, type);
      bool first = true;
      for (const Value& element : value.getArray()) {
        EDDY_RETURN_IF_ERROR(append(element, type.elementType(), first));
        first = false;
      }
      return Status::OK();
    }
    if (value.kind() != types::ValueKind::ROW) return notOfType(value, type);
    const types::Row& row = value.getRow();
    const std::vector<types::RowField>& fields = type.fields();
    if (row.getArity() != fields.size()) {
      return InvalidArgument(fmt::format("The row has {} fields, the type {}.", row.getArity(), fields.size()));
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      Status status = append(row.getField(i), fields[i].type, i == 0);
      if (!status.ok()) {
        return InvalidArgument(fmt::format("Fail to serialize at field: {}. Caused by: {}", fields[i].name, status.message()));
      }
    }
    return Status::OK();
  }

  static Status notOfType(const Value& value, const LogicalType& type) {
    return InvalidArgument(fmt::format("The value {} is not of type {}.", value.toString(), type.asSummaryString()));
  }

  // Appends the text of a non-null scalar; true when CsvEncoder writes it through its
  // quoting check (strings and other text), false when raw (numbers, booleans).
  Result<bool> scalarText(const Value& value, const LogicalType& type, std::string& text) {
    switch (type.root()) {
      case LogicalTypeRoot::BOOLEAN:
        if (value.kind() != types::ValueKind::BOOLEAN) return notOfType(value, type);
        text += value.getBoolean() ? "true" : "false";
        return false;
      case LogicalTypeRoot::TINYINT:
        if (value.kind() != types::ValueKind::TINYINT) return notOfType(value, type);
        fmt::format_to(std::back_inserter(text), "{}", value.getByte());
        return false;
      case LogicalTypeRoot::SMALLINT:
        if (value.kind() != types::ValueKind::SMALLINT) return notOfType(value, type);
        fmt::format_to(std::back_inserter(text), "{}", value.getShort());
        return false;
      case LogicalTypeRoot::INTEGER:
        if (value.kind() != types::ValueKind::INT) return notOfType(value, type);
        fmt::format_to(std::back_inserter(text), "{}", value.getInt());
        return false;
      case LogicalTypeRoot::BIGINT:
        if (value.kind() != types::ValueKind::BIGINT) return notOfType(value, type);
        fmt::format_to(std::back_inserter(text), "{}", value.getLong());
        return false;
      case LogicalTypeRoot::FLOAT:
        if (value.kind() != types::ValueKind::FLOAT) return notOfType(value, type);
        types::appendJavaFloat(value.getFloat(), text);
        return false;
      case LogicalTypeRoot::DOUBLE:
        if (value.kind() != types::ValueKind::DOUBLE) return notOfType(value, type);
        types::appendJavaDouble(value.getDouble(), text);
        return false;
      case LogicalTypeRoot::DECIMAL: {
        if (value.kind() != types::ValueKind::DECIMAL) return notOfType(value, type);
        // JsonNodeFactory#numberNode(BigDecimal) strips trailing zeros; CsvGenerator then
        // writes #toString, or #toPlainString with WRITE_BIGDECIMAL_AS_PLAIN, as a string.
        json::BigDecimalText decimal =
            json::BigDecimalText::fromUnscaled(value.getDecimal().toUnscaled(), value.getDecimal().scale());
        decimal.stripTrailingZeros();
        if (options_.write_bigdecimal_in_scientific_notation) {
          decimal.appendTo(text);
        } else {
          decimal.appendPlainTo(text);
        }
        return true;
      }
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR:
        if (value.kind() != types::ValueKind::STRING) return notOfType(value, type);
        text += value.getString();
        return true;
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY:
        if (value.kind() != types::ValueKind::BYTES) return notOfType(value, type);
        json::appendBase64(value.getString(), text);
        return true;
      case LogicalTypeRoot::DATE:
        if (value.kind() != types::ValueKind::DATE) return notOfType(value, type);
        json::appendIsoLocalDate(value.getInt(), text);
        return true;
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
        if (value.kind() != types::ValueKind::TIME) return notOfType(value, type);
        json::appendSqlTime(static_cast<int64_t>(value.getInt()) * kNanosPerMilli, text);
        return true;
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
        if (value.kind() != types::ValueKind::TIMESTAMP) return notOfType(value, type);
        json::appendTimestamp(value.getTimestamp(), json::TimestampFormat::SQL, false, text);
        return true;
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        if (value.kind() != types::ValueKind::TIMESTAMP_LTZ) return notOfType(value, type);
        json::appendTimestamp(value.getTimestamp(), json::TimestampFormat::SQL, true, text);
        return true;
      default:
        return InvalidArgument(fmt::format("Unsupported type: {}", type.asSummaryString()));
    }
  }

  void appendNullLiteral() {
    if (options_.null_literal) out_ += *options_.null_literal;
  }

  // CsvEncoder#write(int, String): quoted when _mayNeedQuotes says so.
  void appendQuotable(std::string_view text) {
    if (!mayNeedQuotes(text)) {
      out_ += text;
      return;
    }
    const char quote = options_.quote_character;
    out_.push_back(quote);
    for (const char c : text) {
      if (c == quote || (options_.escape_character && c == *options_.escape_character)) out_.push_back(c);
      out_.push_back(c);
    }
    out_.push_back(quote);
  }

  bool mayNeedQuotes(std::string_view text) const {
    if (options_.disable_quote_character) return false;
    if (text.size() > kMaxQuoteCheck) return true;
    for (const char c : text) {
      // Bytes of multi-byte UTF-8 characters are above every ASCII delimiter, as the UTF-16
      // units Jackson compares are.
      const int ch = static_cast<unsigned char>(c);
      if (ch < min_safe_char_) return true;
      if (options_.escape_character && c == *options_.escape_character) return true;
    }
    return false;
  }

  const CsvFormatOptions& options_;
  const int min_safe_char_;
  std::string& out_;
  std::string scratch_;
};

}  // namespace

CsvRowSerializer::CsvRowSerializer(LogicalType row_type, CsvFormatOptions options)
    : row_type_(std::move(row_type)),
      options_(std::move(options)),
      // CsvEncoder#_calcSafeChar: max(column separator, quote char) + 1 (Flink's line
      // separator is empty; a disabled quote char is -1).
      min_safe_char_(std::max<int>(static_cast<unsigned char>(options_.field_delimiter),
                                   options_.disable_quote_character
                                       ? -1
                                       : static_cast<unsigned char>(options_.quote_character)) +
                     1) {}

Result<CsvRowSerializer> CsvRowSerializer::create(LogicalType row_type, CsvFormatOptions options) {
  EDDY_RETURN_IF_ERROR(checkCsvRowType(row_type));
  return CsvRowSerializer(std::move(row_type), std::move(options));
}

Status CsvRowSerializer::serialize(const types::Row& row, std::string& out) const {
  Status status = CsvWriter(options_, min_safe_char_, out).writeRow(row, row_type_);
  if (status.ok()) return status;
  return InvalidArgument(fmt::format("Could not serialize row '{}'. Caused by: {}", row.toString(), status.message()));
}

Result<std::string> CsvRowSerializer::serialize(const types::Row& row) const {
  std::string out;
  EDDY_RETURN_IF_ERROR(serialize(row, out));
  return out;
}

Status CsvRowSerializer::serialize(const types::ColumnBatch& batch, size_t i, std::string& out) const {
  return serialize(batch.getRow(i), out);
}

}  // namespace eddy::formats::csv
