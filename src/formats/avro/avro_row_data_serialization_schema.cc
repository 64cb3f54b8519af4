#include "eddy/formats/avro/avro_row_data_serialization_schema.h"

#include "eddy/common/check.h"
#include "eddy/formats/avro/avro_schema_converter.h"
#include "formats/avro/avro_row_encoder.h"

namespace eddy::formats::avro {

Result<AvroRowDataSerializationSchema> AvroRowDataSerializationSchema::create(types::LogicalType row_type,
                                                                              AvroFormatOptions options) {
  EDDY_ASSIGN_OR_RETURN(std::string schema,
                        AvroSchemaConverter::convertToSchema(row_type.notNull(), options.legacy_timestamp_mapping));
  return create(std::move(row_type), schema);
}

Result<AvroRowDataSerializationSchema> AvroRowDataSerializationSchema::create(types::LogicalType row_type,
                                                                              std::string_view schema) {
  if (row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The type of the avro format must be a ROW, not " + row_type.asSummaryString());
  }
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<AvroRowEncoder> encoder, AvroRowEncoder::create(row_type, schema));
  return AvroRowDataSerializationSchema(std::move(row_type), std::string(schema), std::move(encoder));
}

AvroRowDataSerializationSchema::AvroRowDataSerializationSchema(types::LogicalType row_type, std::string schema,
                                                               std::unique_ptr<AvroRowEncoder> encoder)
    : row_type_(std::move(row_type)), schema_(std::move(schema)), encoder_(std::move(encoder)) {}

AvroRowDataSerializationSchema::AvroRowDataSerializationSchema(const AvroRowDataSerializationSchema& other)
    : row_type_(other.row_type_), schema_(other.schema_) {
  // The schema and type made an encoder before, so they make one again.
  Result<std::unique_ptr<AvroRowEncoder>> encoder = AvroRowEncoder::create(row_type_, schema_);
  EDDY_CHECK(encoder.ok());
  encoder_ = std::move(*encoder);
}

AvroRowDataSerializationSchema& AvroRowDataSerializationSchema::operator=(const AvroRowDataSerializationSchema& other) {
  if (this != &other) *this = AvroRowDataSerializationSchema(other);
  return *this;
}

AvroRowDataSerializationSchema::AvroRowDataSerializationSchema(AvroRowDataSerializationSchema&&) noexcept = default;
AvroRowDataSerializationSchema& AvroRowDataSerializationSchema::operator=(AvroRowDataSerializationSchema&&) noexcept =
    default;
AvroRowDataSerializationSchema::~AvroRowDataSerializationSchema() = default;

Status AvroRowDataSerializationSchema::serialize(const types::Row& row, std::string& out) const {
  return encoder_->encode(row, out);
}

Result<std::string> AvroRowDataSerializationSchema::serialize(const types::Row& row) const {
  std::string out;
  EDDY_RETURN_IF_ERROR(serialize(row, out));
  return out;
}

}  // namespace eddy::formats::avro
