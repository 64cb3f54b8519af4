#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::json {

// Writes Rows of a ROW type as compact JSON objects, byte for byte as Flink's
// JsonRowDataSerializationSchema (RowDataToJsonConverters + Jackson) writes them: fields in
// the order of the type, null as null, FLOAT/DOUBLE as Java prints them (NaN and infinities
// as strings), DECIMAL as BigDecimal#toString (or plain), BYTES as base64, DATE/TIME/
// TIMESTAMP/TIMESTAMP_LTZ as text in the chosen format, strings escaped as Jackson escapes
// them. The RowKind is not written. Thread-compatible.
class JsonRowSerializer {
 public:
  // InvalidArgument when `row_type` is not a ROW or a MAP or MULTISET key is not a string type.
  static Result<JsonRowSerializer> create(types::LogicalType row_type, JsonSerializationOptions options = {});

  // Appends the JSON of `row` to `out`. On failure ("Could not serialize row '<row>'." and
  // its causes, e.g. a null map key in FAIL mode) `out` holds a partial record.
  Status serialize(const types::Row& row, std::string& out) const;
  Result<std::string> serialize(const types::Row& row) const;

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  JsonRowSerializer(types::LogicalType row_type, JsonSerializationOptions options)
      : row_type_(std::move(row_type)), options_(std::move(options)) {}

  types::LogicalType row_type_;
  JsonSerializationOptions options_;
};

}  // namespace eddy::formats::json
