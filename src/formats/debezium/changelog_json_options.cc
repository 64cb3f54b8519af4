#include "formats/debezium/changelog_json_options.h"

#include <algorithm>

#include <fmt/format.h>

namespace eddy::formats {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

}  // namespace

Result<bool> formatBooleanOption(const std::map<std::string, std::string>& options, const std::string& key,
                                 const std::string& format, bool default_value) {
  auto it = options.find(key);
  if (it == options.end()) return default_value;
  const std::string value = upper(it->second);
  if (value == "TRUE") return true;
  if (value == "FALSE") return false;
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}.{}'.", it->second, format, key));
}

Result<ChangelogJsonOptions> ChangelogJsonOptions::fromTableOptions(const std::map<std::string, std::string>& options,
                                                                    const std::string& format) {
  using json::MapNullKeyMode;
  using json::TimestampFormat;
  ChangelogJsonOptions out;
  EDDY_ASSIGN_OR_RETURN(out.ignore_parse_errors, formatBooleanOption(options, "ignore-parse-errors", format, false));
  if (auto it = options.find("timestamp-format.standard"); it != options.end()) {
    const std::string value = upper(it->second);
    if (value == "SQL") {
      out.timestamp_format = TimestampFormat::SQL;
    } else if (value == "ISO-8601") {
      out.timestamp_format = TimestampFormat::ISO_8601;
    } else {
      return InvalidArgument(fmt::format(
          "Unsupported value '{}' for timestamp-format.standard. Supported values are [SQL, ISO-8601].", it->second));
    }
    out.write.timestamp_format = out.timestamp_format;
  }
  if (auto it = options.find("map-null-key.mode"); it != options.end()) {
    const std::string value = upper(it->second);
    if (value == "FAIL") {
      out.write.map_null_key_mode = MapNullKeyMode::FAIL;
    } else if (value == "DROP") {
      out.write.map_null_key_mode = MapNullKeyMode::DROP;
    } else if (value == "LITERAL") {
      out.write.map_null_key_mode = MapNullKeyMode::LITERAL;
    } else {
      return InvalidArgument(fmt::format(
          "Unsupported value '{}' for map-null-key.mode. Supported values are [LITERAL, FAIL, DROP].", it->second));
    }
  }
  if (auto it = options.find("map-null-key.literal"); it != options.end()) out.write.map_null_key_literal = it->second;
  EDDY_ASSIGN_OR_RETURN(out.write.encode_decimal_as_plain_number,
                        formatBooleanOption(options, "encode.decimal-as-plain-number", format, false));
  return out;
}

}  // namespace eddy::formats
