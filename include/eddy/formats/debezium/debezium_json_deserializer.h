#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/debezium/debezium_json_options.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::debezium {

// Turns Debezium JSON change events into changelog rows, as Flink's
// DebeziumJsonDeserializationSchema: {"before":…, "after":…, "op":…} (inside "payload" with
// schema_include) gives
//   op "c" (create) or "r" (snapshot read)  → +I after
//   op "u"                                  → -U before, +U after
//   op "d"                                  → -D before
// An empty message or JSON null is skipped. An update or delete without "before" fails with
// Flink's REPLICA IDENTITY hint. Any failure is Flink's "Corrupt Debezium JSON message
// '<message>'." with its cause, or, with ignore_parse_errors, skips the message. Fields
// other than before/after/op ("source", "ts_ms", …) are ignored.
//
// Reuses one JSON parser: not thread-safe, one per reader thread.
class DebeziumJsonDeserializer {
 public:
  using ProducedType = types::Row;

  // InvalidArgument when `physical_row_type` is not a ROW the JSON format can read.
  static Result<DebeziumJsonDeserializer> create(types::LogicalType physical_row_type, DebeziumJsonOptions options = {});

  // Appends the rows of one message to `out`, each with its RowKind.
  Status deserialize(std::string_view message, std::vector<types::Row>& out);

  const types::LogicalType& rowType() const { return physical_row_type_; }

 private:
  DebeziumJsonDeserializer(types::LogicalType physical_row_type, DebeziumJsonOptions options,
                           json::JsonRowDeserializer json);
  Status convert(std::string_view message, std::vector<types::Row>& out);

  types::LogicalType physical_row_type_;
  DebeziumJsonOptions options_;
  // Reads the envelope: ROW<before, after, op>, or ROW<payload ROW<before, after, op>>.
  json::JsonRowDeserializer json_;
};

}  // namespace eddy::formats::debezium
