#include "eddy/formats/avro/avro_row_data_deserialization_schema.h"

#include "eddy/formats/avro/avro_schema_converter.h"
#include "formats/avro/avro_row_decoder.h"

namespace eddy::formats::avro {

Result<AvroRowDataDeserializationSchema> AvroRowDataDeserializationSchema::create(types::LogicalType row_type,
                                                                                  AvroFormatOptions options) {
  EDDY_ASSIGN_OR_RETURN(std::string schema,
                        AvroSchemaConverter::convertToSchema(row_type.notNull(), options.legacy_timestamp_mapping));
  return create(std::move(row_type), schema, schema);
}

Result<AvroRowDataDeserializationSchema> AvroRowDataDeserializationSchema::create(types::LogicalType row_type,
                                                                                  std::string_view reader_schema,
                                                                                  std::string_view writer_schema) {
  if (row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The type of the avro format must be a ROW, not " + row_type.asSummaryString());
  }
  EDDY_ASSIGN_OR_RETURN(AvroSchema reader, parseSchema(reader_schema));
  EDDY_ASSIGN_OR_RETURN(AvroSchema writer, parseSchema(writer_schema));
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<AvroRowDecoder> decoder,
                        AvroRowDecoder::create(row_type, reader.get(), writer.get()));
  return AvroRowDataDeserializationSchema(std::move(row_type), std::move(decoder));
}

AvroRowDataDeserializationSchema::AvroRowDataDeserializationSchema(types::LogicalType row_type,
                                                                   std::unique_ptr<AvroRowDecoder> decoder)
    : row_type_(std::move(row_type)), decoder_(std::move(decoder)) {}

AvroRowDataDeserializationSchema::AvroRowDataDeserializationSchema(AvroRowDataDeserializationSchema&&) noexcept =
    default;
AvroRowDataDeserializationSchema& AvroRowDataDeserializationSchema::operator=(
    AvroRowDataDeserializationSchema&&) noexcept = default;
AvroRowDataDeserializationSchema::~AvroRowDataDeserializationSchema() = default;

Result<types::Row> AvroRowDataDeserializationSchema::deserialize(std::string_view message) {
  return decoder_->decode(message);
}

}  // namespace eddy::formats::avro
