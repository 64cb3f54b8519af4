#include "sql/connectors/filesystem/row_line_format.h"

#include <algorithm>

#include <fmt/format.h>

namespace eddy::sql {

namespace {

using Options = std::map<std::string, std::string>;

const std::vector<std::string> kCsvKeys = {"field-delimiter",     "disable-quote-character", "quote-character",
                                           "allow-comments",      "ignore-parse-errors",     "array-element-delimiter",
                                           "escape-character",    "null-literal",
                                           "write-bigdecimal-in-scientific-notation"};
const std::vector<std::string> kJsonKeys = {"fail-on-missing-field", "ignore-parse-errors", "timestamp-format.standard",
                                            "map-null-key.mode",     "map-null-key.literal",
                                            "encode.decimal-as-plain-number"};

// The options under "<format>." without the prefix.
Options formatOptions(const Options& options, const std::string& format) {
  Options out;
  const std::string prefix = format + ".";
  for (const auto& [key, value] : options) {
    if (key.starts_with(prefix)) out.emplace(key.substr(prefix.size()), value);
  }
  return out;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

Result<bool> jsonBoolean(const Options& options, const std::string& key, bool default_value) {
  auto it = options.find(key);
  if (it == options.end()) return default_value;
  const std::string value = upper(it->second);
  if (value == "TRUE") return true;
  if (value == "FALSE") return false;
  return InvalidArgument(fmt::format("Could not parse value '{}' for key 'json.{}'.", it->second, key));
}

Status readJsonOptions(const Options& options, formats::json::JsonDeserializationOptions& read,
                       formats::json::JsonSerializationOptions& write) {
  using formats::json::MapNullKeyMode;
  using formats::json::TimestampFormat;
  EDDY_ASSIGN_OR_RETURN(read.fail_on_missing_field, jsonBoolean(options, "fail-on-missing-field", false));
  EDDY_ASSIGN_OR_RETURN(read.ignore_parse_errors, jsonBoolean(options, "ignore-parse-errors", false));
  if (read.fail_on_missing_field && read.ignore_parse_errors) {
    return InvalidArgument("fail-on-missing-field and ignore-parse-errors shouldn't both be true.");
  }
  if (auto it = options.find("timestamp-format.standard"); it != options.end()) {
    const std::string value = upper(it->second);
    if (value == "SQL") {
      read.timestamp_format = TimestampFormat::SQL;
    } else if (value == "ISO-8601") {
      read.timestamp_format = TimestampFormat::ISO_8601;
    } else {
      return InvalidArgument(fmt::format("Unsupported value '{}' for timestamp-format.standard. Supported values are [SQL, ISO-8601].", it->second));
    }
    write.timestamp_format = read.timestamp_format;
  }
  if (auto it = options.find("map-null-key.mode"); it != options.end()) {
    const std::string value = upper(it->second);
    if (value == "FAIL") {
      write.map_null_key_mode = MapNullKeyMode::FAIL;
    } else if (value == "DROP") {
      write.map_null_key_mode = MapNullKeyMode::DROP;
    } else if (value == "LITERAL") {
      write.map_null_key_mode = MapNullKeyMode::LITERAL;
    } else {
      return InvalidArgument(fmt::format("Unsupported value '{}' for map-null-key.mode. Supported values are [LITERAL, FAIL, DROP].", it->second));
    }
  }
  if (auto it = options.find("map-null-key.literal"); it != options.end()) write.map_null_key_literal = it->second;
  EDDY_ASSIGN_OR_RETURN(write.encode_decimal_as_plain_number, jsonBoolean(options, "encode.decimal-as-plain-number", false));
  return Status::OK();
}

}  // namespace

std::vector<std::string> RowLineFormat::optionKeys(const std::string& format) {
  const std::vector<std::string>* keys = format == "csv" ? &kCsvKeys : format == "json" ? &kJsonKeys : nullptr;
  std::vector<std::string> out;
  if (keys == nullptr) return out;
  for (const std::string& key : *keys) out.push_back(format + "." + key);
  return out;
}

Result<RowLineFormat> RowLineFormat::fromTableOptions(const Options& options) {
  RowLineFormat format;
  auto it = options.find("format");
  format.identifier_ = it == options.end() ? "" : it->second;
  if (format.identifier_ == "csv") {
    EDDY_ASSIGN_OR_RETURN(format.csv_, formats::csv::CsvFormatOptions::fromTableOptions(formatOptions(options, "csv")));
  } else if (format.identifier_ == "json") {
    EDDY_RETURN_IF_ERROR(readJsonOptions(formatOptions(options, "json"), format.json_read_, format.json_write_));
  } else {
    return InvalidArgument(fmt::format(
        "Could not find any factory for identifier '{}' that implements "
        "'org.apache.flink.table.factories.DeserializationFormatFactory' in the classpath.\n\n"
        "Available factory identifiers are:\n\ncsv\njson",
        format.identifier_));
  }
  return format;
}

Result<RowLineDecoder> RowLineFormat::createDecoder(const types::LogicalType& row_type) const {
  if (identifier_ == "csv") {
    EDDY_ASSIGN_OR_RETURN(formats::csv::CsvRowDeserializer decoder, formats::csv::CsvRowDeserializer::create(row_type, csv_));
    return RowLineDecoder(std::move(decoder));
  }
  EDDY_ASSIGN_OR_RETURN(formats::json::JsonRowDeserializer decoder,
                        formats::json::JsonRowDeserializer::create(row_type, json_read_));
  return RowLineDecoder(std::move(decoder));
}

Result<RowLineEncoder> RowLineFormat::createEncoder(const types::LogicalType& row_type) const {
  if (identifier_ == "csv") {
    EDDY_ASSIGN_OR_RETURN(formats::csv::CsvRowSerializer encoder, formats::csv::CsvRowSerializer::create(row_type, csv_));
    return RowLineEncoder(std::move(encoder));
  }
  EDDY_ASSIGN_OR_RETURN(formats::json::JsonRowSerializer encoder,
                        formats::json::JsonRowSerializer::create(row_type, json_write_));
  return RowLineEncoder(std::move(encoder));
}

}  // namespace eddy::sql
