#pragma once

#include <memory>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/types/row.h"
#include "formats/avro/avro_c.h"
#include "formats/avro/avro_row_plan.h"

namespace eddy::formats::avro {

// Reads Avro binary records written with a writer schema into Rows of a ROW type through a
// reader schema, as Flink's GenericDatumReader + AvroToRowDataConverters: Avro C's resolved
// writer turns writer data into a reused generic record of the reader schema (field order,
// int -> long promotions, fields the reader lacks skipped); reader fields the writer lacks
// take their default, null (Avro C itself has no defaults, see projectOntoWriter). Not
// thread-safe: one per reader.
class AvroRowDecoder {
 public:
  // InvalidArgument when the schemas do not resolve (Avro C's message) or the reader schema
  // does not match `row_type`.
  static Result<std::unique_ptr<AvroRowDecoder>> create(const types::LogicalType& row_type, avro_schema_t reader_schema,
                                                        avro_schema_t writer_schema);

  // The row of one record; "Failed to deserialize Avro record. Caused by: …" (InvalidArgument)
  // for bytes that are not a record of the writer schema.
  Result<types::Row> decode(std::string_view bytes);

 private:
  explicit AvroRowDecoder(AvroFieldPlan plan) : plan_(std::move(plan)) {}

  AvroSchema schema_;
  AvroIface record_iface_;
  AvroValue record_;
  // Set when the writer schema differs from the reader schema.
  AvroIface resolver_iface_;
  AvroValue resolved_;
  AvroReader reader_;
  AvroFieldPlan plan_;
};

}  // namespace eddy::formats::avro
