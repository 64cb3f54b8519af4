#include "eddy/formats/avro/confluent_registry_avro_deserialization_schema.h"

#include <fmt/format.h>

#include "formats/avro/avro_row_decoder.h"
#include "formats/avro/schema_registry_client.h"

namespace eddy::formats::avro {

// The parsed reader schema (kept out of the public header, as avro.h is).
struct AvroReaderSchema {
  AvroSchema schema;
};

namespace {

constexpr size_t kHeaderSize = 5;

Status failed(const Status& cause) {
  return Status(cause.code(), "Failed to deserialize Avro record. Caused by: " + cause.message());
}

}  // namespace

Result<ConfluentRegistryAvroDeserializationSchema> ConfluentRegistryAvroDeserializationSchema::create(
    types::LogicalType row_type, AvroConfluentFormatOptions options) {
  EDDY_ASSIGN_OR_RETURN(std::string schema, options.avroSchema(row_type));
  auto reader = std::make_unique<AvroReaderSchema>();
  EDDY_ASSIGN_OR_RETURN(reader->schema, parseSchema(schema));
  EDDY_RETURN_IF_ERROR(AvroFieldPlan::build(row_type, reader->schema.get()).status());
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<SchemaRegistryClient> client, SchemaRegistryClient::create(options));
  return ConfluentRegistryAvroDeserializationSchema(std::move(row_type), std::move(reader), std::move(client));
}

ConfluentRegistryAvroDeserializationSchema::ConfluentRegistryAvroDeserializationSchema(
    types::LogicalType row_type, std::unique_ptr<AvroReaderSchema> reader, std::unique_ptr<SchemaRegistryClient> client)
    : row_type_(std::move(row_type)), reader_(std::move(reader)), client_(std::move(client)) {}

ConfluentRegistryAvroDeserializationSchema::ConfluentRegistryAvroDeserializationSchema(
    ConfluentRegistryAvroDeserializationSchema&&) noexcept = default;
ConfluentRegistryAvroDeserializationSchema& ConfluentRegistryAvroDeserializationSchema::operator=(
    ConfluentRegistryAvroDeserializationSchema&&) noexcept = default;
ConfluentRegistryAvroDeserializationSchema::~ConfluentRegistryAvroDeserializationSchema() = default;

Result<AvroRowDecoder*> ConfluentRegistryAvroDeserializationSchema::decoderOf(int32_t id) {
  if (last_decoder_ != nullptr && id == last_id_) return last_decoder_;
  auto it = decoders_.find(id);
  if (it == decoders_.end()) {
    EDDY_ASSIGN_OR_RETURN(std::string writer_json, client_->schemaById(id));
    EDDY_ASSIGN_OR_RETURN(AvroSchema writer, parseSchema(writer_json));
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<AvroRowDecoder> decoder,
                          AvroRowDecoder::create(row_type_, reader_->schema.get(), writer.get()));
    it = decoders_.emplace(id, std::move(decoder)).first;
  }
  last_id_ = id;
  last_decoder_ = it->second.get();
  return last_decoder_;
}

Result<types::Row> ConfluentRegistryAvroDeserializationSchema::deserialize(std::string_view message) {
  if (message.size() < kHeaderSize) {
    if (!message.empty() && message[0] != 0) {
      return failed(InvalidArgument("Unknown data format. Magic number does not match"));
    }
    return failed(InvalidArgument(fmt::format("The message has {} bytes, fewer than the {} of the Confluent header",
                                      message.size(), kHeaderSize)));
  }
  if (message[0] != 0) return failed(InvalidArgument("Unknown data format. Magic number does not match"));
  const auto* header = reinterpret_cast<const unsigned char*>(message.data());
  const auto id = static_cast<int32_t>((uint32_t{header[1]} << 24) | (uint32_t{header[2]} << 16) |
                                       (uint32_t{header[3]} << 8) | uint32_t{header[4]});
  Result<AvroRowDecoder*> decoder = decoderOf(id);
  if (!decoder.ok()) return failed(decoder.status());
  return (*decoder)->decode(message.substr(kHeaderSize));
}

}  // namespace eddy::formats::avro
