#pragma once

#include <map>
#include <optional>
#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"

namespace eddy::formats::canal {

// The options of the 'canal-json' format with Flink's keys (CanalJsonFormatOptions, written
// 'canal-json.<key>') and defaults. A value type.
struct CanalJsonOptions {
  // 'canal-json.database.include': a regular expression (Java syntax, matched against the
  // whole name) over the message's "database"; other databases' messages are skipped.
  // Default: none (all databases)
  std::optional<std::string> database_include;
  // 'canal-json.table.include': as database_include, over "table".
  // Default: none (all tables)
  std::optional<std::string> table_include;
  // 'canal-json.ignore-parse-errors': a corrupt message is skipped instead of failing.
  // Default: false
  bool ignore_parse_errors = false;
  // 'canal-json.timestamp-format.standard'.
  // Default: SQL
  json::TimestampFormat timestamp_format = json::TimestampFormat::SQL;
  // 'canal-json.map-null-key.mode', '.map-null-key.literal',
  // '.encode.decimal-as-plain-number': as the 'json' format's, for writing.
  json::JsonSerializationOptions write;

  // The options from a table's format options, keys without the "canal-json." prefix, with
  // Flink's messages for bad values (InvalidArgument). Unknown keys are the caller's.
  static Result<CanalJsonOptions> fromTableOptions(const std::map<std::string, std::string>& options);
};

}  // namespace eddy::formats::canal
