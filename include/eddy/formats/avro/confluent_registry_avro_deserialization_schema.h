#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_confluent_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::avro {

class AvroRowDecoder;
class SchemaRegistryClient;
struct AvroReaderSchema;

// Reads messages in the Confluent wire format (magic byte 0, 4-byte big-endian schema id,
// Avro binary) into Rows, as Flink's AvroRowDataDeserializationSchema over
// ConfluentRegistryAvroDeserializationSchema (the 'avro-confluent' format): the writer schema
// of each id is fetched once from the registry (GET /schemas/ids/{id}) and resolved against
// the reader schema ('avro-confluent.schema', or AvroSchemaConverter's of the row type), so
// records of older and newer writer schemas read alike.
//
// Usable as a DataStream value-only deserialization schema. Keeps one decoder per writer
// schema and the registry client: not thread-safe, one per reader.
class ConfluentRegistryAvroDeserializationSchema {
 public:
  using ProducedType = types::Row;

  // InvalidArgument for a reader schema that does not match the row type or a bad URL. Does
  // not contact the registry.
  static Result<ConfluentRegistryAvroDeserializationSchema> create(types::LogicalType row_type,
                                                                   AvroConfluentFormatOptions options);

  ConfluentRegistryAvroDeserializationSchema(ConfluentRegistryAvroDeserializationSchema&&) noexcept;
  ConfluentRegistryAvroDeserializationSchema& operator=(ConfluentRegistryAvroDeserializationSchema&&) noexcept;
  ~ConfluentRegistryAvroDeserializationSchema();

  // The row of one message. "Failed to deserialize Avro record. Caused by: …": "Unknown data
  // format. Magic number does not match" for a first byte other than 0, a message shorter than
  // the header, a truncated record, or the registry's failure (IOError when it is unreachable).
  Result<types::Row> deserialize(std::string_view message);

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  ConfluentRegistryAvroDeserializationSchema(types::LogicalType row_type, std::unique_ptr<AvroReaderSchema> reader,
                                             std::unique_ptr<SchemaRegistryClient> client);
  // The decoder of the writer schema `id`, made on first use.
  Result<AvroRowDecoder*> decoderOf(int32_t id);

  types::LogicalType row_type_;
  std::unique_ptr<AvroReaderSchema> reader_;
  std::unique_ptr<SchemaRegistryClient> client_;
  std::map<int32_t, std::unique_ptr<AvroRowDecoder>> decoders_;
  // The decoder of the last message's id: consecutive messages mostly share a schema.
  int32_t last_id_ = -1;
  AvroRowDecoder* last_decoder_ = nullptr;
};

}  // namespace eddy::formats::avro
