#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/formats/json/json_row_serializer.h"
#include "eddy/runtime/record_batch.h"
#include "eddy/types/row.h"

namespace eddy::connectors::kafka {

// JSON messages as Rows of a ROW type, with Flink's 'json' format options (Flink's
// JsonRowDeserializationSchema): a value-only deserialization schema over
// formats::json::JsonRowDeserializer. A message that decodes to nothing (JSON null, or a
// parse error skipped with ignore_parse_errors) yields no record. Used by one thread.
class JsonRowDeserializationSchema {
 public:
  using ProducedType = types::Row;

  static Result<JsonRowDeserializationSchema> create(types::LogicalType row_type,
                                                     formats::json::JsonDeserializationOptions options = {}) {
    EDDY_ASSIGN_OR_RETURN(formats::json::JsonRowDeserializer deserializer,
                          formats::json::JsonRowDeserializer::create(std::move(row_type), options));
    return JsonRowDeserializationSchema(std::move(deserializer));
  }

  Status deserialize(std::string_view message, int64_t timestamp, runtime::RecordBatch<types::Row>& out) {
    EDDY_ASSIGN_OR_RETURN(std::optional<types::Row> row, deserializer_.deserialize(message));
    if (row) out.add(std::move(*row), timestamp);
    return Status::OK();
  }

 private:
  explicit JsonRowDeserializationSchema(formats::json::JsonRowDeserializer deserializer)
      : deserializer_(std::move(deserializer)) {}
  formats::json::JsonRowDeserializer deserializer_;
};

// Rows as JSON messages (Flink's JsonRowSerializationSchema) over formats::json::JsonRowSerializer.
class JsonRowSerializationSchema {
 public:
  static Result<JsonRowSerializationSchema> create(types::LogicalType row_type,
                                                   formats::json::JsonSerializationOptions options = {}) {
    EDDY_ASSIGN_OR_RETURN(formats::json::JsonRowSerializer serializer,
                          formats::json::JsonRowSerializer::create(std::move(row_type), options));
    return JsonRowSerializationSchema(std::move(serializer));
  }

  Status serialize(const types::Row& row, std::string& out) const { return serializer_.serialize(row, out); }

 private:
  explicit JsonRowSerializationSchema(formats::json::JsonRowSerializer serializer) : serializer_(std::move(serializer)) {}
  formats::json::JsonRowSerializer serializer_;
};

}  // namespace eddy::connectors::kafka
