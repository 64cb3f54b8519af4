#include "formats/avro/avro_row_encoder.h"

#include <fmt/format.h>

namespace eddy::formats::avro {

namespace {

using types::LogicalTypeRoot;
using types::Value;

Status avroFailure(int rc) {
  return rc == 0 ? Status::OK() : InvalidArgument(avroError());
}

// A DECIMAL's unscaled value as Java's BigInteger#toByteArray: big-endian two's complement
// in the fewest bytes.
void decimalBytes(__int128 unscaled, unsigned char (&buf)[16], size_t& start) {
  const auto bits = static_cast<unsigned __int128>(unscaled);
  for (int i = 0; i < 16; ++i) buf[15 - i] = static_cast<unsigned char>(bits >> (8 * i));
  start = 0;
  while (start < 15 && ((buf[start] == 0x00 && (buf[start + 1] & 0x80) == 0) ||
                        (buf[start] == 0xff && (buf[start + 1] & 0x80) != 0))) {
    ++start;
  }
}

int64_t timestampLong(const AvroFieldPlan& plan, types::TimestampData ts) {
  switch (plan.unit) {
    case AvroFieldPlan::TimeUnit::MILLIS:
      return ts.millisecond;
    case AvroFieldPlan::TimeUnit::MICROS:
      return ts.millisecond * 1000 + ts.nano_of_millisecond / 1000;
    case AvroFieldPlan::TimeUnit::NANOS:
      return ts.millisecond * 1000000 + ts.nano_of_millisecond;
  }
  return ts.millisecond;
}

Status setValue(const AvroFieldPlan& plan, const Value& value, avro_value_t* dst, std::string_view name);

Status setRecord(const AvroFieldPlan& plan, const std::vector<Value>& fields, avro_value_t* dst) {
  if (fields.size() != plan.children.size()) {
    return InvalidArgument(fmt::format("The row has {} fields, its type {}", fields.size(), plan.children.size()));
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& name = plan.type.fields()[i].name;
    if (plan.field_index[i] < 0) return InvalidArgument(fmt::format("The Avro schema has no field '{}'", name));
    avro_value_t child;
    EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_by_index(dst, plan.field_index[i], &child, nullptr)));
    EDDY_RETURN_IF_ERROR(setValue(plan.children[i], fields[i], &child, name));
  }
  return Status::OK();
}

Status setNotNull(const AvroFieldPlan& plan, const Value& value, avro_value_t* dst) {
  switch (plan.type.root()) {
    case LogicalTypeRoot::BOOLEAN:
      return avroFailure(avro_value_set_boolean(dst, value.getBoolean() ? 1 : 0));
    case LogicalTypeRoot::TINYINT:
      return avroFailure(avro_value_set_int(dst, value.getByte()));
    case LogicalTypeRoot::SMALLINT:
      return avroFailure(avro_value_set_int(dst, value.getShort()));
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
      return avroFailure(avro_value_set_int(dst, value.getInt()));
    case LogicalTypeRoot::BIGINT:
      return avroFailure(avro_value_set_long(dst, value.getLong()));
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return avroFailure(avro_value_set_long(dst, timestampLong(plan, value.getTimestamp())));
    case LogicalTypeRoot::FLOAT:
      return avroFailure(avro_value_set_float(dst, value.getFloat()));
    case LogicalTypeRoot::DOUBLE:
      return avroFailure(avro_value_set_double(dst, value.getDouble()));
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: {
      const std::string& text = value.getString();
      return avroFailure(avro_value_set_string_len(dst, text.c_str(), text.size() + 1));
    }
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: {
      const std::string& bytes = value.getString();
      return avroFailure(avro_value_set_bytes(dst, const_cast<char*>(bytes.data()), bytes.size()));
    }
    case LogicalTypeRoot::DECIMAL: {
      unsigned char buf[16];
      size_t start = 0;
      decimalBytes(value.getDecimal().toUnscaled(), buf, start);
      return avroFailure(avro_value_set_bytes(dst, buf + start, 16 - start));
    }
    case LogicalTypeRoot::ARRAY:
      for (const Value& element : value.getArray()) {
        avro_value_t child;
        EDDY_RETURN_IF_ERROR(avroFailure(avro_value_append(dst, &child, nullptr)));
        EDDY_RETURN_IF_ERROR(setValue(plan.children[0], element, &child, "element"));
      }
      return Status::OK();
    case LogicalTypeRoot::MAP:
    case LogicalTypeRoot::MULTISET:
      for (const auto& [key, entry] : value.getMap()) {
        if (key.isNull()) return InvalidArgument("A map key is null: Avro map keys are strings");
        avro_value_t child;
        EDDY_RETURN_IF_ERROR(avroFailure(avro_value_add(dst, key.getString().c_str(), &child, nullptr, nullptr)));
        EDDY_RETURN_IF_ERROR(setValue(plan.children[0], entry, &child, key.getString()));
      }
      return Status::OK();
    case LogicalTypeRoot::ROW:
      return setRecord(plan, value.getRow().fields(), dst);
    case LogicalTypeRoot::NULL_TYPE:
      return avroFailure(avro_value_set_null(dst));
    default:
      return NotSupported("Avro values of type " + plan.type.asSummaryString());
  }
}

Status setValue(const AvroFieldPlan& plan, const Value& value, avro_value_t* dst, std::string_view name) {
  if (plan.value_branch >= 0) {
    avro_value_t branch;
    if (value.isNull()) {
      if (plan.null_branch < 0) return InvalidArgument(fmt::format("The field '{}' is null, its Avro union has no null", name));
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_set_branch(dst, plan.null_branch, &branch)));
      return avroFailure(avro_value_set_null(&branch));
    }
    EDDY_RETURN_IF_ERROR(avroFailure(avro_value_set_branch(dst, plan.value_branch, &branch)));
    return setNotNull(plan, value, &branch);
  }
  if (value.isNull()) {
    if (plan.type.root() == LogicalTypeRoot::NULL_TYPE) return avroFailure(avro_value_set_null(dst));
    return InvalidArgument(fmt::format("The NOT NULL field '{}' is null", name));
  }
  return setNotNull(plan, value, dst);
}

}  // namespace

Result<std::unique_ptr<AvroRowEncoder>> AvroRowEncoder::create(const types::LogicalType& row_type,
                                                               std::string_view schema_json) {
  EDDY_ASSIGN_OR_RETURN(AvroSchema schema, parseSchema(schema_json));
  EDDY_ASSIGN_OR_RETURN(AvroFieldPlan plan, AvroFieldPlan::build(row_type, schema.get()));
  std::unique_ptr<AvroRowEncoder> encoder(new AvroRowEncoder(std::move(schema), std::move(plan)));
  encoder->iface_.reset(avro_generic_class_from_schema(encoder->schema_.get()));
  if (!encoder->iface_ || avro_generic_value_new(encoder->iface_.get(), encoder->record_.get()) != 0) {
    return Internal("Could not create an Avro record: " + avroError());
  }
  static const char kNoBytes[1] = {0};
  encoder->writer_.reset(avro_writer_memory(kNoBytes, 0));
  return encoder;
}

Status AvroRowEncoder::encode(const types::Row& row, std::string& out) {
  avro_value_t* record = record_.get();
  avro_value_reset(record);
  Status status = setRecord(plan_, row.fields(), record);
  if (!status.ok()) return InvalidArgument("Failed to serialize row. Caused by: " + status.message());
  size_t size = 0;
  if (avro_value_sizeof(record, &size) != 0) return InvalidArgument("Failed to serialize row. Caused by: " + avroError());
  const size_t start = out.size();
  out.resize(start + size);
  avro_writer_memory_set_dest(writer_.get(), out.data() + start, static_cast<int64_t>(size));
  if (avro_value_write(writer_.get(), record) != 0) {
    out.resize(start);
    return InvalidArgument("Failed to serialize row. Caused by: " + avroError());
  }
  return Status::OK();
}

}  // namespace eddy::formats::avro
