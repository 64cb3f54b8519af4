#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::avro {

class AvroRowDecoder;

// Reads Avro binary records, one per message, into Rows of a ROW type, as Flink's
// AvroRowDataDeserializationSchema (the 'avro' format) with AvroToRowDataConverters. The
// reader schema is AvroSchemaConverter's of the row type; records written with another
// (older or newer) writer schema are resolved against it: fields the writer lacks are null,
// fields the reader lacks are skipped.
//
// Usable as a DataStream value-only deserialization schema (KafkaRecordDeserializationSchema::
// valueOnly takes any format's deserializer). Keeps one reused Avro record: not thread-safe,
// one per reader.
class AvroRowDataDeserializationSchema {
 public:
  using ProducedType = types::Row;

  // Records written with the row type's own schema.
  static Result<AvroRowDataDeserializationSchema> create(types::LogicalType row_type, AvroFormatOptions options = {});
  // Records written with `writer_schema` (Avro JSON), read through `reader_schema` (Avro
  // JSON, matching the row type). InvalidArgument when a schema does not parse, the reader
  // schema does not match the type, or the writer schema cannot be resolved to it.
  static Result<AvroRowDataDeserializationSchema> create(types::LogicalType row_type, std::string_view reader_schema,
                                                         std::string_view writer_schema);

  AvroRowDataDeserializationSchema(AvroRowDataDeserializationSchema&&) noexcept;
  AvroRowDataDeserializationSchema& operator=(AvroRowDataDeserializationSchema&&) noexcept;
  ~AvroRowDataDeserializationSchema();

  // The row of one message (an INSERT row); "Failed to deserialize Avro record. Caused by: …"
  // (InvalidArgument) for bytes that are not a record, truncated ones included.
  Result<types::Row> deserialize(std::string_view message);

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  AvroRowDataDeserializationSchema(types::LogicalType row_type, std::unique_ptr<AvroRowDecoder> decoder);

  types::LogicalType row_type_;
  std::unique_ptr<AvroRowDecoder> decoder_;
};

}  // namespace eddy::formats::avro
