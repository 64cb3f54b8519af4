#pragma once

#include <map>
#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"

namespace eddy::formats {

// The options the JSON changelog formats (debezium-json, canal-json) share with 'json', read
// from a format's options without their prefix as Flink's JsonFormatOptionsUtil reads them.
// `format` names the prefix in messages ("Could not parse value 'x' for key
// 'canal-json.ignore-parse-errors'.").
struct ChangelogJsonOptions {
  bool ignore_parse_errors = false;
  json::TimestampFormat timestamp_format = json::TimestampFormat::SQL;
  json::JsonSerializationOptions write;

  static Result<ChangelogJsonOptions> fromTableOptions(const std::map<std::string, std::string>& options,
                                                       const std::string& format);
};

// A boolean format option as Flink reads one ("true"/"false", any case).
Result<bool> formatBooleanOption(const std::map<std::string, std::string>& options, const std::string& key,
                                 const std::string& format, bool default_value);

}  // namespace eddy::formats
