#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::json {

// Turns JSON text into Rows of a ROW type, as Flink's JsonRowDataDeserializationSchema with
// JsonToRowDataConverters: fields are found by name, nested ROW/ARRAY/MAP/MULTISET follow the
// type, and each value converts as Flink's converters do (numbers from strings, BOOLEAN from
// "true"/"false", DECIMAL exactly from the number's text, BYTES from base64, DATE/TIME/
// TIMESTAMP/TIMESTAMP_LTZ in the SQL or ISO-8601 format). JSON fields the type does not name
// are ignored; a field of the type absent from the JSON is null, or an error with
// fail_on_missing_field.
//
// A record that fails fails with Flink's message, "Failed to deserialize JSON '<text>'.", and
// the chain of causes ("Caused by: Fail to deserialize at field: a. Caused by: ..."). With
// ignore_parse_errors, a record that is not JSON (or not an object) is skipped and a value
// that does not convert becomes null. Empty (or blank) text and the JSON literal null are
// skipped, as Flink skips a null record.
//
// Reuses one simdjson parser and one padded buffer across calls: after warm-up a call
// allocates only the Row it returns. Not thread-safe: one per reader thread.
class JsonRowDeserializer {
 public:
  // InvalidArgument when `row_type` is not a ROW, when a MAP or MULTISET key is not a string
  // type (Flink's message), or when fail_on_missing_field and ignore_parse_errors are both set.
  static Result<JsonRowDeserializer> create(types::LogicalType row_type, JsonDeserializationOptions options = {});

  JsonRowDeserializer(JsonRowDeserializer&&) noexcept;
  JsonRowDeserializer& operator=(JsonRowDeserializer&&) noexcept;
  ~JsonRowDeserializer();

  // The row of one JSON document; std::nullopt when the record is skipped. `json` need not
  // be padded or terminated.
  Result<std::optional<types::Row>> deserialize(std::string_view json);

  const types::LogicalType& rowType() const;

  // How many records ignore_parse_errors has skipped so far (malformed JSON, or a document
  // that is not an object).
  int64_t skippedRecords() const;

 private:
  class Impl;
  explicit JsonRowDeserializer(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace eddy::formats::json
