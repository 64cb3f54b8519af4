#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/canal/canal_json_options.h"
#include "eddy/formats/json/json_row_serializer.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::canal {

// Writes changelog rows as Canal JSON, as Flink's CanalJsonSerializationSchema: +I and +U as
// {"data":[{…}],"type":"INSERT"}, -U and -D as {"data":[{…}],"type":"DELETE"}, the row
// written by the JSON format. Thread-compatible.
class CanalJsonSerializer {
 public:
  // InvalidArgument when `physical_row_type` is not a ROW the JSON format can write.
  static Result<CanalJsonSerializer> create(types::LogicalType physical_row_type, CanalJsonOptions options = {});

  // Appends the message of `row` to `out`.
  Status serialize(const types::Row& row, std::string& out) const;

  const types::LogicalType& rowType() const { return physical_row_type_; }

 private:
  CanalJsonSerializer(types::LogicalType physical_row_type, json::JsonRowSerializer json)
      : physical_row_type_(std::move(physical_row_type)), json_(std::move(json)) {}

  types::LogicalType physical_row_type_;
  // Writes ROW<data ARRAY<physical>, type STRING>.
  json::JsonRowSerializer json_;
};

}  // namespace eddy::formats::canal
