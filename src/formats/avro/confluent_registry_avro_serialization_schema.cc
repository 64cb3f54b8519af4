#include "eddy/formats/avro/confluent_registry_avro_serialization_schema.h"

#include "eddy/common/check.h"
#include "formats/avro/avro_row_encoder.h"
#include "formats/avro/schema_registry_client.h"

namespace eddy::formats::avro {

Result<ConfluentRegistryAvroSerializationSchema> ConfluentRegistryAvroSerializationSchema::create(
    types::LogicalType row_type, AvroConfluentFormatOptions options) {
  if (!options.subject) return InvalidArgument("Option avro-confluent.subject is required for serialization");
  EDDY_ASSIGN_OR_RETURN(std::string schema, options.avroSchema(row_type));
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<AvroRowEncoder> encoder, AvroRowEncoder::create(row_type, schema));
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<SchemaRegistryClient> client, SchemaRegistryClient::create(options));
  return ConfluentRegistryAvroSerializationSchema(std::move(row_type), std::move(options), std::move(schema),
                                                  std::move(encoder), std::move(client));
}

ConfluentRegistryAvroSerializationSchema::ConfluentRegistryAvroSerializationSchema(
    types::LogicalType row_type, AvroConfluentFormatOptions options, std::string schema,
    std::unique_ptr<AvroRowEncoder> encoder, std::unique_ptr<SchemaRegistryClient> client)
    : row_type_(std::move(row_type)),
      options_(std::move(options)),
      schema_(std::move(schema)),
      encoder_(std::move(encoder)),
      client_(std::move(client)) {}

ConfluentRegistryAvroSerializationSchema::ConfluentRegistryAvroSerializationSchema(
    const ConfluentRegistryAvroSerializationSchema& other)
    : row_type_(other.row_type_), options_(other.options_), schema_(other.schema_), schema_id_(other.schema_id_) {
  // The options, schema and type made both before, so they make them again.
  Result<std::unique_ptr<AvroRowEncoder>> encoder = AvroRowEncoder::create(row_type_, schema_);
  Result<std::unique_ptr<SchemaRegistryClient>> client = SchemaRegistryClient::create(options_);
  EDDY_CHECK(encoder.ok() && client.ok());
  encoder_ = std::move(*encoder);
  client_ = std::move(*client);
}

ConfluentRegistryAvroSerializationSchema& ConfluentRegistryAvroSerializationSchema::operator=(
    const ConfluentRegistryAvroSerializationSchema& other) {
  if (this != &other) *this = ConfluentRegistryAvroSerializationSchema(other);
  return *this;
}

ConfluentRegistryAvroSerializationSchema::ConfluentRegistryAvroSerializationSchema(
    ConfluentRegistryAvroSerializationSchema&&) noexcept = default;
ConfluentRegistryAvroSerializationSchema& ConfluentRegistryAvroSerializationSchema::operator=(
    ConfluentRegistryAvroSerializationSchema&&) noexcept = default;
ConfluentRegistryAvroSerializationSchema::~ConfluentRegistryAvroSerializationSchema() = default;

Status ConfluentRegistryAvroSerializationSchema::serialize(const types::Row& row, std::string& out) const {
  if (!schema_id_) {
    EDDY_ASSIGN_OR_RETURN(schema_id_, client_->registerSchema(*options_.subject, schema_));
  }
  const size_t start = out.size();
  const auto id = static_cast<uint32_t>(*schema_id_);
  const char header[5] = {0, static_cast<char>(id >> 24), static_cast<char>(id >> 16), static_cast<char>(id >> 8),
                          static_cast<char>(id)};
  out.append(header, sizeof(header));
  Status status = encoder_->encode(row, out);
  if (!status.ok()) out.resize(start);
  return status;
}

Result<std::string> ConfluentRegistryAvroSerializationSchema::serialize(const types::Row& row) const {
  std::string out;
  EDDY_RETURN_IF_ERROR(serialize(row, out));
  return out;
}

}  // namespace eddy::formats::avro
