#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/debezium/debezium_json_options.h"
#include "eddy/formats/json/json_row_serializer.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::debezium {

// Writes changelog rows as Debezium JSON, as Flink's DebeziumJsonSerializationSchema:
// +I and +U as {"before":null,"after":{…},"op":"c"}, -U and -D as
// {"before":{…},"after":null,"op":"d"}, the row written by the JSON format.
// Thread-compatible.
class DebeziumJsonSerializer {
 public:
  // InvalidArgument when `physical_row_type` is not a ROW the JSON format can write.
  static Result<DebeziumJsonSerializer> create(types::LogicalType physical_row_type, DebeziumJsonOptions options = {});

  // Appends the message of `row` to `out`; "Could not serialize row '<row>'." and its cause
  // on failure.
  Status serialize(const types::Row& row, std::string& out) const;

  const types::LogicalType& rowType() const { return physical_row_type_; }

 private:
  DebeziumJsonSerializer(types::LogicalType physical_row_type, json::JsonRowSerializer json)
      : physical_row_type_(std::move(physical_row_type)), json_(std::move(json)) {}

  types::LogicalType physical_row_type_;
  // Writes ROW<before, after, op>.
  json::JsonRowSerializer json_;
};

}  // namespace eddy::formats::debezium
