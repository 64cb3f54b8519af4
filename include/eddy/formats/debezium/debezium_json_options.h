#pragma once

#include <map>
#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"

namespace eddy::formats::debezium {

// The options of the 'debezium-json' format with Flink's keys (DebeziumJsonFormatOptions,
// written 'debezium-json.<key>') and defaults. A value type.
struct DebeziumJsonOptions {
  // 'debezium-json.schema-include': messages carry Kafka Connect's {"schema":…, "payload":…}
  // envelope (value.converter.schemas.enable=true); the change is read from "payload".
  // Default: false
  bool schema_include = false;
  // 'debezium-json.ignore-parse-errors': a corrupt message is skipped instead of failing.
  // Default: false
  bool ignore_parse_errors = false;
  // 'debezium-json.timestamp-format.standard'.
  // Default: SQL
  json::TimestampFormat timestamp_format = json::TimestampFormat::SQL;
  // 'debezium-json.map-null-key.mode', '.map-null-key.literal',
  // '.encode.decimal-as-plain-number': as the 'json' format's, for writing.
  json::JsonSerializationOptions write;

  // The options from a table's format options, keys without the "debezium-json." prefix,
  // with Flink's messages for bad values (InvalidArgument). Unknown keys are the caller's.
  static Result<DebeziumJsonOptions> fromTableOptions(const std::map<std::string, std::string>& options);
};

}  // namespace eddy::formats::debezium
