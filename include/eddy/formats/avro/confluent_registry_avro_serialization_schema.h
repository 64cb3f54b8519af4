#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_confluent_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::avro {

class AvroRowEncoder;
class SchemaRegistryClient;

// Writes Rows in the Confluent wire format, as Flink's AvroRowDataSerializationSchema over
// ConfluentRegistryAvroSerializationSchema (the 'avro-confluent' format): the magic byte 0,
// the schema's registry id as a 4-byte big-endian int, then the Avro binary record. The
// schema ('avro-confluent.schema', or AvroSchemaConverter's of the row type) is registered
// under the subject on the first call (POST /subjects/{subject}/versions) and its id kept.
//
// Usable as a DataStream serialization schema. Keeps a reused Avro record and the registry
// client: not thread-safe, one per writer.
class ConfluentRegistryAvroSerializationSchema {
 public:
  // InvalidArgument: "Option avro-confluent.subject is required for serialization" without a
  // subject, a schema that does not match the row type, a bad URL. Does not contact the
  // registry.
  static Result<ConfluentRegistryAvroSerializationSchema> create(types::LogicalType row_type,
                                                                 AvroConfluentFormatOptions options);

  // A copy has its own Avro record and registry client (a sink's clone per subtask).
  ConfluentRegistryAvroSerializationSchema(const ConfluentRegistryAvroSerializationSchema& other);
  ConfluentRegistryAvroSerializationSchema& operator=(const ConfluentRegistryAvroSerializationSchema& other);
  ConfluentRegistryAvroSerializationSchema(ConfluentRegistryAvroSerializationSchema&&) noexcept;
  ConfluentRegistryAvroSerializationSchema& operator=(ConfluentRegistryAvroSerializationSchema&&) noexcept;
  ~ConfluentRegistryAvroSerializationSchema();

  // Appends the message of `row` to `out`. IOError naming the registry URL when the schema
  // cannot be registered (after the client's retries); "Failed to serialize row. …" as
  // AvroRowDataSerializationSchema. On failure `out` is as it was.
  Status serialize(const types::Row& row, std::string& out) const;
  Result<std::string> serialize(const types::Row& row) const;

  const types::LogicalType& rowType() const { return row_type_; }
  const std::string& schema() const { return schema_; }

 private:
  ConfluentRegistryAvroSerializationSchema(types::LogicalType row_type, AvroConfluentFormatOptions options,
                                           std::string schema, std::unique_ptr<AvroRowEncoder> encoder,
                                           std::unique_ptr<SchemaRegistryClient> client);

  types::LogicalType row_type_;
  // With a subject.
  AvroConfluentFormatOptions options_;
  std::string schema_;
  std::unique_ptr<AvroRowEncoder> encoder_;
  std::unique_ptr<SchemaRegistryClient> client_;
  // The registered id, once known (serialize is const, as the other formats').
  mutable std::optional<int32_t> schema_id_;
};

}  // namespace eddy::formats::avro
