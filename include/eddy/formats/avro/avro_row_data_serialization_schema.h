#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::avro {

class AvroRowEncoder;

// Writes Rows of a ROW type as Avro binary records, one record per message and no container
// file header, as Flink's AvroRowDataSerializationSchema (the 'avro' format): the schema is
// AvroSchemaConverter's of the row type unless one is given. NULLs, nested rows, arrays,
// maps, DECIMAL (bytes decimal), DATE, TIME and TIMESTAMP/TIMESTAMP_LTZ follow Flink's
// RowDataToAvroConverters. The RowKind is not written.
//
// Usable as a DataStream serialization schema (`Status serialize(const Row&, std::string&)`).
// Keeps one reused Avro record, so a call is cheap but the object is not thread-safe: one per
// writer (a Kafka sink writer clones its schema per subtask).
class AvroRowDataSerializationSchema {
 public:
  // InvalidArgument with AvroSchemaConverter's message when the type has no Avro schema.
  static Result<AvroRowDataSerializationSchema> create(types::LogicalType row_type, AvroFormatOptions options = {});
  // With an explicit writer schema (Avro JSON) that must match the row type.
  static Result<AvroRowDataSerializationSchema> create(types::LogicalType row_type, std::string_view schema);

  // A copy has its own Avro record (a sink's clone per subtask).
  AvroRowDataSerializationSchema(const AvroRowDataSerializationSchema& other);
  AvroRowDataSerializationSchema& operator=(const AvroRowDataSerializationSchema& other);
  AvroRowDataSerializationSchema(AvroRowDataSerializationSchema&&) noexcept;
  AvroRowDataSerializationSchema& operator=(AvroRowDataSerializationSchema&&) noexcept;
  ~AvroRowDataSerializationSchema();

  // Appends the record of `row` to `out`; "Failed to serialize row. Caused by: …"
  // (InvalidArgument) when a NOT NULL field is null or a map key is null. Const as the other
  // formats' serializers, but it writes into the schema's reused record (see above).
  Status serialize(const types::Row& row, std::string& out) const;
  Result<std::string> serialize(const types::Row& row) const;

  const types::LogicalType& rowType() const { return row_type_; }
  // The writer schema as Avro JSON.
  const std::string& schema() const { return schema_; }

 private:
  AvroRowDataSerializationSchema(types::LogicalType row_type, std::string schema, std::unique_ptr<AvroRowEncoder> encoder);

  types::LogicalType row_type_;
  std::string schema_;
  std::unique_ptr<AvroRowEncoder> encoder_;
};

}  // namespace eddy::formats::avro
