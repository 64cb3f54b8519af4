#include "formats/avro/avro_row_decoder.h"

#include <fmt/format.h>

namespace eddy::formats::avro {

namespace {

using types::LogicalTypeRoot;
using types::Value;

Status avroFailure(int rc) { return rc == 0 ? Status::OK() : InvalidArgument(avroError()); }

constexpr __int128 pow10(int n) {
  __int128 value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

// A DECIMAL from Avro's big-endian two's complement bytes; null when the value does not fit
// the precision, as DecimalData.fromUnscaledBytes.
Value decimalValue(const AvroFieldPlan& plan, const unsigned char* bytes, size_t size) {
  if (size > 16) return Value();
  __int128 unscaled = size > 0 && (bytes[0] & 0x80) != 0 ? -1 : 0;
  for (size_t i = 0; i < size; ++i) unscaled = static_cast<__int128>((static_cast<unsigned __int128>(unscaled) << 8) | bytes[i]);
  const __int128 bound = pow10(plan.type.precision());
  if (unscaled >= bound || unscaled <= -bound) return Value();
  return Value(types::Decimal::fromUnscaled(unscaled, plan.type.precision(), plan.type.scale()));
}

types::TimestampData timestampData(const AvroFieldPlan& plan, int64_t value) {
  auto floorDiv = [](int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
  switch (plan.unit) {
    case AvroFieldPlan::TimeUnit::MILLIS:
      return types::TimestampData::fromEpochMillis(value);
    case AvroFieldPlan::TimeUnit::MICROS: {
      const int64_t millis = floorDiv(value, 1000);
      return types::TimestampData::fromEpochMillis(millis, static_cast<int32_t>((value - millis * 1000) * 1000));
    }
    case AvroFieldPlan::TimeUnit::NANOS: {
      const int64_t millis = floorDiv(value, 1000000);
      return types::TimestampData::fromEpochMillis(millis, static_cast<int32_t>(value - millis * 1000000));
    }
  }
  return types::TimestampData::fromEpochMillis(value);
}

Result<Value> getValue(const AvroFieldPlan& plan, avro_value_t* src);

Result<types::Row> getRecord(const AvroFieldPlan& plan, avro_value_t* src) {
  std::vector<Value> fields(plan.children.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (plan.field_index[i] < 0) continue;
    avro_value_t child;
    EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_by_index(src, plan.field_index[i], &child, nullptr)));
    EDDY_ASSIGN_OR_RETURN(fields[i], getValue(plan.children[i], &child));
  }
  return types::Row(types::RowKind::INSERT, std::move(fields));
}

Result<Value> getNotNull(const AvroFieldPlan& plan, avro_value_t* src) {
  switch (plan.type.root()) {
    case LogicalTypeRoot::BOOLEAN: {
      int value = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_boolean(src, &value)));
      return Value(value != 0);
    }
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: {
      int32_t value = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_int(src, &value)));
      switch (plan.type.root()) {
        case LogicalTypeRoot::TINYINT:
          return Value(static_cast<int8_t>(value));
        case LogicalTypeRoot::SMALLINT:
          return Value(static_cast<int16_t>(value));
        case LogicalTypeRoot::DATE:
          return Value::date(value);
        case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
          return Value::time(value);
        default:
          return Value(value);
      }
    }
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
      int64_t value = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_long(src, &value)));
      if (plan.type.root() == LogicalTypeRoot::BIGINT) return Value(value);
      if (plan.type.root() == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE) return Value::timestamp(timestampData(plan, value));
      return Value::timestampLtz(timestampData(plan, value));
    }
    case LogicalTypeRoot::FLOAT: {
      float value = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_float(src, &value)));
      return Value(value);
    }
    case LogicalTypeRoot::DOUBLE: {
      double value = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_double(src, &value)));
      return Value(value);
    }
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: {
      const char* text = nullptr;
      size_t size = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_string(src, &text, &size)));
      return Value(std::string(text, size > 0 ? size - 1 : 0));
    }
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
    case LogicalTypeRoot::DECIMAL: {
      const void* bytes = nullptr;
      size_t size = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_bytes(src, &bytes, &size)));
      if (plan.type.root() == LogicalTypeRoot::DECIMAL) {
        return decimalValue(plan, static_cast<const unsigned char*>(bytes), size);
      }
      return Value::bytes(std::string(static_cast<const char*>(bytes), size));
    }
    case LogicalTypeRoot::ARRAY: {
      size_t size = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_size(src, &size)));
      std::vector<Value> elements(size);
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_by_index(src, i, &child, nullptr)));
        EDDY_ASSIGN_OR_RETURN(elements[i], getValue(plan.children[0], &child));
      }
      return Value::array(std::move(elements));
    }
    case LogicalTypeRoot::MAP:
    case LogicalTypeRoot::MULTISET: {
      size_t size = 0;
      EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_size(src, &size)));
      Value::MapEntries entries;
      entries.reserve(size);
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        const char* key = nullptr;
        EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_by_index(src, i, &child, &key)));
        EDDY_ASSIGN_OR_RETURN(Value value, getValue(plan.children[0], &child));
        entries.emplace_back(Value(std::string(key)), std::move(value));
      }
      return Value::map(std::move(entries));
    }
    case LogicalTypeRoot::ROW: {
      EDDY_ASSIGN_OR_RETURN(types::Row row, getRecord(plan, src));
      return Value::row(std::move(row));
    }
    case LogicalTypeRoot::NULL_TYPE:
      return Value();
    default:
      return NotSupported("Avro values of type " + plan.type.asSummaryString());
  }
}

Result<Value> getValue(const AvroFieldPlan& plan, avro_value_t* src) {
  if (plan.value_branch < 0) return getNotNull(plan, src);
  int discriminant = 0;
  EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_discriminant(src, &discriminant)));
  if (discriminant != plan.value_branch) return Value();
  avro_value_t branch;
  EDDY_RETURN_IF_ERROR(avroFailure(avro_value_get_current_branch(src, &branch)));
  return getNotNull(plan, &branch);
}

}  // namespace

Result<std::unique_ptr<AvroRowDecoder>> AvroRowDecoder::create(const types::LogicalType& row_type,
                                                               avro_schema_t reader_schema, avro_schema_t writer_schema) {
  const bool same = avro_schema_equal(reader_schema, writer_schema) != 0;
  EDDY_ASSIGN_OR_RETURN(AvroFieldPlan plan, AvroFieldPlan::build(row_type, reader_schema));
  AvroSchema schema = same ? shareSchema(reader_schema) : projectOntoWriter(writer_schema, reader_schema);
  if (!same) {
    Result<AvroFieldPlan> projected = AvroFieldPlan::build(row_type, schema.get());
    if (!projected.ok()) {
      return InvalidArgument("The writer schema does not resolve to the reader schema: " + projected.status().message());
    }
    plan = std::move(*projected);
  }
  std::unique_ptr<AvroRowDecoder> decoder(new AvroRowDecoder(std::move(plan)));
  decoder->schema_ = std::move(schema);
  decoder->record_iface_.reset(avro_generic_class_from_schema(decoder->schema_.get()));
  if (!decoder->record_iface_ || avro_generic_value_new(decoder->record_iface_.get(), decoder->record_.get()) != 0) {
    return Internal("Could not create an Avro record: " + avroError());
  }
  if (!same) {
    decoder->resolver_iface_.reset(avro_resolved_writer_new(writer_schema, decoder->schema_.get()));
    if (!decoder->resolver_iface_) {
      return InvalidArgument("The writer schema does not resolve to the reader schema: " + avroError());
    }
    if (avro_resolved_writer_new_value(decoder->resolver_iface_.get(), decoder->resolved_.get()) != 0) {
      return Internal("Could not create an Avro resolver: " + avroError());
    }
    avro_resolved_writer_set_dest(decoder->resolved_.get(), decoder->record_.get());
  }
  static const char kNoBytes[1] = {0};
  decoder->reader_.reset(avro_reader_memory(kNoBytes, 0));
  return decoder;
}

Result<types::Row> AvroRowDecoder::decode(std::string_view bytes) {
  avro_reader_memory_set_source(reader_.get(), bytes.data(), static_cast<int64_t>(bytes.size()));
  avro_value_reset(record_.get());
  avro_set_error("%s", "");
  avro_value_t* target = resolver_iface_ ? resolved_.get() : record_.get();
  if (avro_value_read(reader_.get(), target) != 0) {
    return InvalidArgument("Failed to deserialize Avro record. Caused by: " + avroError());
  }
  Result<types::Row> row = getRecord(plan_, record_.get());
  if (!row.ok()) return InvalidArgument("Failed to deserialize Avro record. Caused by: " + row.status().message());
  return row;
}

}  // namespace eddy::formats::avro
