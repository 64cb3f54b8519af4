#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/types/row.h"
#include "formats/avro/avro_c.h"
#include "formats/avro/avro_row_plan.h"

namespace eddy::formats::avro {

// Writes Rows of a ROW type as Avro binary records of one schema (no container, no header),
// as Flink's RowDataToAvroConverters + GenericDatumWriter do: through one reused Avro C
// generic record, so a call allocates only when a string, array or map outgrows what the
// record already holds. Not thread-safe: one per writer.
class AvroRowEncoder {
 public:
  // InvalidArgument when the schema does not parse or does not match `row_type`.
  static Result<std::unique_ptr<AvroRowEncoder>> create(const types::LogicalType& row_type, std::string_view schema_json);

  // Appends the record of `row` to `out`; on failure `out` is as it was.
  Status encode(const types::Row& row, std::string& out);

 private:
  AvroRowEncoder(AvroSchema schema, AvroFieldPlan plan) : schema_(std::move(schema)), plan_(std::move(plan)) {}

  AvroSchema schema_;
  AvroIface iface_;
  AvroValue record_;
  AvroWriter writer_;
  AvroFieldPlan plan_;
};

}  // namespace eddy::formats::avro
