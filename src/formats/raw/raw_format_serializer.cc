#include "eddy/formats/raw/raw_format_serializer.h"

#include <bit>

#include "eddy/formats/raw/raw_format_deserializer.h"
#include "formats/raw/raw_bytes.h"

namespace eddy::formats::raw {

using types::LogicalTypeRoot;

Result<RawFormatSerializer> RawFormatSerializer::create(types::LogicalType row_type, RawFormatOptions options) {
  EDDY_RETURN_IF_ERROR(validateRawRowType(row_type));
  return RawFormatSerializer(std::move(row_type), std::move(options));
}

Result<bool> RawFormatSerializer::serialize(const types::Row& row, std::string& out) const {
  if (row.getArity() != 1) return InvalidArgument("The 'raw' format writes rows of one field");
  const types::Value& value = row.getField(0);
  if (value.isNull()) return false;
  const bool big = options_.big_endian;
  switch (row_type_.typeAt(0).root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
      out.append(value.getString());
      break;
    case LogicalTypeRoot::BOOLEAN:
      out.push_back(value.getBoolean() ? 1 : 0);
      break;
    case LogicalTypeRoot::TINYINT:
      out.push_back(static_cast<char>(value.getByte()));
      break;
    case LogicalTypeRoot::SMALLINT:
      appendUnsigned(static_cast<uint16_t>(value.getShort()), big, out);
      break;
    case LogicalTypeRoot::INTEGER:
      appendUnsigned(static_cast<uint32_t>(value.getInt()), big, out);
      break;
    case LogicalTypeRoot::BIGINT:
      appendUnsigned(static_cast<uint64_t>(value.getLong()), big, out);
      break;
    case LogicalTypeRoot::FLOAT:
      appendUnsigned(std::bit_cast<uint32_t>(value.getFloat()), big, out);
      break;
    case LogicalTypeRoot::DOUBLE:
      appendUnsigned(std::bit_cast<uint64_t>(value.getDouble()), big, out);
      break;
    default:
      return Internal("raw format: unchecked field type");
  }
  return true;
}

}  // namespace eddy::formats::raw
