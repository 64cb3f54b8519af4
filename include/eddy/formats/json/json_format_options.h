#pragma once

#include <cstdint>
#include <string>

namespace eddy::formats::json {

// How TIMESTAMP and TIMESTAMP_LTZ values are written and read ('json.timestamp-format.standard',
// Flink's TimestampFormat):
//   SQL:      "2024-01-02 12:34:56.789" and "2024-01-02 12:34:56.789Z"
//   ISO_8601: "2024-01-02T12:34:56.789" and "2024-01-02T12:34:56.789Z"
enum class TimestampFormat : uint8_t { SQL, ISO_8601 };

// What the serializer does with a MAP entry whose key is null ('json.map-null-key.mode').
enum class MapNullKeyMode : uint8_t { FAIL, DROP, LITERAL };

// The options of the JSON decoder, with Flink's keys and defaults.
struct JsonDeserializationOptions {
  // 'json.fail-on-missing-field': a field of the row type absent from the JSON object fails
  // the record instead of becoming null.
  // Default: false
  bool fail_on_missing_field = false;
  // 'json.ignore-parse-errors': a record that is not JSON is skipped, and a value that does
  // not convert to its field's type becomes null, instead of failing.
  // Default: false
  bool ignore_parse_errors = false;
  // 'json.timestamp-format.standard'.
  // Default: SQL
  TimestampFormat timestamp_format = TimestampFormat::SQL;
};

// The options of the JSON encoder, with Flink's keys and defaults.
struct JsonSerializationOptions {
  // 'json.timestamp-format.standard'.
  // Default: SQL
  TimestampFormat timestamp_format = TimestampFormat::SQL;
  // 'json.map-null-key.mode'.
  // Default: FAIL
  MapNullKeyMode map_null_key_mode = MapNullKeyMode::FAIL;
  // 'json.map-null-key.literal': the key written for a null key in LITERAL mode.
  // Default: "null"
  std::string map_null_key_literal = "null";
  // 'json.encode.decimal-as-plain-number': DECIMAL values as 0.000000027, not 2.7E-8.
  // Default: false
  bool encode_decimal_as_plain_number = false;
};

}  // namespace eddy::formats::json
