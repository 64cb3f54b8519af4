#include "eddy/formats/json/json_row_serializer.h"

#include <fmt/format.h>

#include "eddy/types/value_kind_of.h"
#include "formats/json/jackson_text.h"
#include "formats/json/java_numbers.h"
#include "formats/json/json_schema_check.h"
#include "formats/json/time_formats.h"
#include "types/java_to_string.h"

namespace eddy::formats::json {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;
using types::Value;
using types::ValueKind;

constexpr int64_t kNanosPerMilli = 1'000'000;

// Jackson writes NaN and the infinities as strings (QUOTE_NON_NUMERIC_NUMBERS).
template <typename F>
void appendFloating(F value, std::string& out) {
  const bool finite = std::isfinite(value);
  if (!finite) out.push_back('"');
  if constexpr (std::is_same_v<F, float>) {
    types::appendJavaFloat(value, out);
  } else {
    types::appendJavaDouble(value, out);
  }
  if (!finite) out.push_back('"');
}

// RowDataToJsonConverters with Jackson's writer, straight into text.
class JsonWriter {
 public:
  JsonWriter(const JsonSerializationOptions& options, std::string& out) : options_(options), out_(out) {}

  Status writeRow(const types::Row& row, const LogicalType& type) {
    const std::vector<types::RowField>& fields = type.fields();
    if (row.getArity() != fields.size()) {
      return InvalidArgument(fmt::format("The row has {} fields, the type {}.", row.getArity(), fields.size()));
    }
    out_.push_back('{');
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_.push_back(',');
      appendJsonString(fields[i].name, out_);
      out_.push_back(':');
      Status status = write(row.getField(i), fields[i].type);
      if (!status.ok()) {
        return InvalidArgument(fmt::format("Fail to serialize at field: {}. Caused by: {}", fields[i].name, status.message()));
      }
    }
    out_.push_back('}');
    return Status::OK();
  }

 private:
  Status write(const Value& value, const LogicalType& type) {
    if (value.isNull() || type.root() == LogicalTypeRoot::NULL_TYPE) {
      out_ += "null";
      return Status::OK();
    }
    if (value.kind() != types::valueKindOf(type.root())) {
      return InvalidArgument(fmt::format("The value {} is not of type {}.", value.toString(), type.asSummaryString()));
    }
    switch (type.root()) {
      case LogicalTypeRoot::BOOLEAN: out_ += value.getBoolean() ? "true" : "false"; break;
      case LogicalTypeRoot::TINYINT: fmt::format_to(std::back_inserter(out_), "{}", value.getByte()); break;
      case LogicalTypeRoot::SMALLINT: fmt::format_to(std::back_inserter(out_), "{}", value.getShort()); break;
      case LogicalTypeRoot::INTEGER:
      case LogicalTypeRoot::INTERVAL_YEAR_MONTH: fmt::format_to(std::back_inserter(out_), "{}", value.getInt()); break;
      case LogicalTypeRoot::BIGINT:
      case LogicalTypeRoot::INTERVAL_DAY_TIME: fmt::format_to(std::back_inserter(out_), "{}", value.getLong()); break;
      case LogicalTypeRoot::FLOAT: appendFloating(value.getFloat(), out_); break;
      case LogicalTypeRoot::DOUBLE: appendFloating(value.getDouble(), out_); break;
      case LogicalTypeRoot::DECIMAL: {
        // JsonNodeFactory#numberNode(BigDecimal) strips trailing zeros; Jackson then writes
        // BigDecimal#toString, or #toPlainString with WRITE_BIGDECIMAL_AS_PLAIN.
        BigDecimalText decimal = BigDecimalText::fromUnscaled(value.getDecimal().toUnscaled(), value.getDecimal().scale());
        decimal.stripTrailingZeros();
        if (options_.encode_decimal_as_plain_number) {
          decimal.appendPlainTo(out_);
        } else {
          decimal.appendTo(out_);
        }
        break;
      }
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR: appendJsonString(value.getString(), out_); break;
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY:
        out_.push_back('"');
        appendBase64(value.getString(), out_);
        out_.push_back('"');
        break;
      case LogicalTypeRoot::DATE:
        out_.push_back('"');
        appendIsoLocalDate(value.getInt(), out_);
        out_.push_back('"');
        break;
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
        out_.push_back('"');
        appendSqlTime(static_cast<int64_t>(value.getInt()) * kNanosPerMilli, out_);
        out_.push_back('"');
        break;
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        out_.push_back('"');
        appendTimestamp(value.getTimestamp(), options_.timestamp_format,
                        type.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE, out_);
        out_.push_back('"');
        break;
      case LogicalTypeRoot::ARRAY: {
        out_.push_back('[');
        bool first = true;
        for (const Value& element : value.getArray()) {
          if (!first) out_.push_back(',');
          first = false;
          EDDY_RETURN_IF_ERROR(write(element, type.elementType()));
        }
        out_.push_back(']');
        break;
      }
      case LogicalTypeRoot::MAP:
      case LogicalTypeRoot::MULTISET: return writeMap(value.getMap(), type);
      case LogicalTypeRoot::ROW: return writeRow(value.getRow(), type);
      case LogicalTypeRoot::NULL_TYPE: break;
    }
    return Status::OK();
  }

  Status writeMap(const Value::MapEntries& entries, const LogicalType& type) {
    static const LogicalType kMultisetCount = LogicalType::make(LogicalTypeRoot::INTEGER).value();
    const LogicalType& value_type = type.root() == LogicalTypeRoot::MAP ? type.valueType() : kMultisetCount;
    out_.push_back('{');
    bool first = true;
    for (const auto& [key, value] : entries) {
      const std::string* name = nullptr;
      if (key.isNull()) {
        switch (options_.map_null_key_mode) {
          case MapNullKeyMode::FAIL:
            return InvalidArgument(
                "JSON format doesn't support to serialize map data with null keys. You can drop null key entries or "
                "encode null in literals by specifying map-null-key.mode option.");
          case MapNullKeyMode::DROP: continue;
          case MapNullKeyMode::LITERAL: name = &options_.map_null_key_literal; break;
        }
      } else if (key.kind() == ValueKind::STRING) {
        name = &key.getString();
      } else {
        return InvalidArgument(fmt::format("The map key {} is not a string.", key.toString()));
      }
      if (!first) out_.push_back(',');
      first = false;
      appendJsonString(*name, out_);
      out_.push_back(':');
      EDDY_RETURN_IF_ERROR(write(value, value_type));
    }
    out_.push_back('}');
    return Status::OK();
  }

  const JsonSerializationOptions& options_;
  std::string& out_;
};

}  // namespace

Result<JsonRowSerializer> JsonRowSerializer::create(LogicalType row_type, JsonSerializationOptions options) {
  EDDY_RETURN_IF_ERROR(checkJsonRowType(row_type));
  return JsonRowSerializer(std::move(row_type), std::move(options));
}

Status JsonRowSerializer::serialize(const types::Row& row, std::string& out) const {
  Status status = JsonWriter(options_, out).writeRow(row, row_type_);
  if (status.ok()) return status;
  return InvalidArgument(fmt::format("Could not serialize row '{}'. Caused by: {}", row.toString(), status.message()));
}

Result<std::string> JsonRowSerializer::serialize(const types::Row& row) const {
  std::string out;
  EDDY_RETURN_IF_ERROR(serialize(row, out));
  return out;
}

}  // namespace eddy::formats::json
