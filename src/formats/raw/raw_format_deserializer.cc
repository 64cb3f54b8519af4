#include "eddy/formats/raw/raw_format_deserializer.h"

#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "formats/raw/raw_bytes.h"

namespace eddy::formats::raw {

using types::LogicalTypeRoot;
using types::Row;
using types::RowKind;
using types::Value;

namespace {

std::string fieldSummary(const types::RowField& field) {
  std::string out = fmt::format("`{}` {}", field.name, field.type.asSummaryString());
  if (field.description) out += fmt::format(" '{}'", *field.description);
  return out;
}

// The fixed size of a numeric root, 0 for the variable-size ones.
size_t fixedSize(LogicalTypeRoot root) {
  switch (root) {
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::TINYINT:
      return 1;
    case LogicalTypeRoot::SMALLINT:
      return 2;
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::FLOAT:
      return 4;
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::DOUBLE:
      return 8;
    default:
      return 0;
  }
}

}  // namespace

Status validateRawRowType(const types::LogicalType& row_type) {
  if (row_type.root() != LogicalTypeRoot::ROW) return InvalidArgument("The 'raw' format needs a ROW type");
  if (row_type.fieldCount() != 1) {
    std::string schema;
    for (const types::RowField& field : row_type.fields()) {
      if (!schema.empty()) schema += ", ";
      schema += fieldSummary(field);
    }
    return InvalidArgument(fmt::format(
        "The 'raw' format only supports single physical column. However the defined schema contains multiple "
        "physical columns: [{}]",
        schema));
  }
  switch (row_type.typeAt(0).root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::FLOAT:
    case LogicalTypeRoot::DOUBLE:
      return Status::OK();
    default:
      return InvalidArgument(fmt::format("The 'raw' format doesn't supports '{}' as column type.",
                                         row_type.typeAt(0).asSummaryString()));
  }
}

Result<RawFormatDeserializer> RawFormatDeserializer::create(types::LogicalType row_type, RawFormatOptions options) {
  EDDY_RETURN_IF_ERROR(validateRawRowType(row_type));
  return RawFormatDeserializer(std::move(row_type), std::move(options));
}

Result<Row> RawFormatDeserializer::deserialize(std::optional<std::string_view> message) const {
  if (!message) return Row::withPositions(RowKind::INSERT, 1);
  const LogicalTypeRoot root = row_type_.typeAt(0).root();
  const size_t size = fixedSize(root);
  if (size != 0 && message->size() != size) {
    return InvalidArgument(fmt::format("Could not deserialize a {} from {} bytes: the raw format expects {} bytes.",
                                       row_type_.typeAt(0).asSummaryString(), message->size(), size));
  }
  const bool big = options_.big_endian;
  switch (root) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
      return Row::of(std::string(*message));
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
      return Row::of(Value::bytes(std::string(*message)));
    case LogicalTypeRoot::BOOLEAN:
      return Row::of((*message)[0] != 0);
    case LogicalTypeRoot::TINYINT:
      return Row::of(static_cast<int8_t>((*message)[0]));
    case LogicalTypeRoot::SMALLINT:
      return Row::of(static_cast<int16_t>(readUnsigned<uint16_t>(*message, big)));
    case LogicalTypeRoot::INTEGER:
      return Row::of(static_cast<int32_t>(readUnsigned<uint32_t>(*message, big)));
    case LogicalTypeRoot::BIGINT:
      return Row::of(static_cast<int64_t>(readUnsigned<uint64_t>(*message, big)));
    case LogicalTypeRoot::FLOAT:
      return Row::of(std::bit_cast<float>(readUnsigned<uint32_t>(*message, big)));
    case LogicalTypeRoot::DOUBLE:
      return Row::of(std::bit_cast<double>(readUnsigned<uint64_t>(*message, big)));
    default:
      return Internal("raw format: unchecked field type");
  }
}

}  // namespace eddy::formats::raw
