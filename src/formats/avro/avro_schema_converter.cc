#include "eddy/formats/avro/avro_schema_converter.h"

#include <fmt/format.h>

#include "formats/avro/avro_row_plan.h"
#include "formats/json/jackson_text.h"

namespace eddy::formats::avro {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;

// Avro's Schema.Name#validateName.
Status validateName(const std::string& name) {
  if (name.empty()) return InvalidArgument("Empty name");
  const char first = name[0];
  if (!(std::isalpha(static_cast<unsigned char>(first)) || first == '_')) {
    return InvalidArgument("Illegal initial character: " + name);
  }
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return InvalidArgument("Illegal character in: " + name);
  }
  return Status::OK();
}

// Writes the schemas of one conversion; `space_` is the namespace in scope, as Avro's
// Schema#toString omits a nested record's namespace when it equals the enclosing one.
class SchemaWriter {
 public:
  explicit SchemaWriter(bool legacy) : legacy_(legacy) {}

  Status write(const LogicalType& type, const std::string& row_name, std::string& out) {
    if (type.root() == LogicalTypeRoot::NULL_TYPE) {
      out += "\"null\"";
      return Status::OK();
    }
    if (type.isNullable()) out += "[\"null\",";
    EDDY_RETURN_IF_ERROR(writeNotNull(type, row_name, out));
    if (type.isNullable()) out += ']';
    return Status::OK();
  }

 private:
  static void logical(const char* avro_type, const char* logical_type, std::string& out) {
    out += fmt::format("{{\"type\":\"{}\",\"logicalType\":\"{}\"}}", avro_type, logical_type);
  }

  Status writeNotNull(const LogicalType& type, const std::string& row_name, std::string& out) {
    switch (type.root()) {
      case LogicalTypeRoot::BOOLEAN:
        out += "\"boolean\"";
        return Status::OK();
      case LogicalTypeRoot::TINYINT:
      case LogicalTypeRoot::SMALLINT:
      case LogicalTypeRoot::INTEGER:
        out += "\"int\"";
        return Status::OK();
      case LogicalTypeRoot::BIGINT:
        out += "\"long\"";
        return Status::OK();
      case LogicalTypeRoot::FLOAT:
        out += "\"float\"";
        return Status::OK();
      case LogicalTypeRoot::DOUBLE:
        out += "\"double\"";
        return Status::OK();
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR:
        out += "\"string\"";
        return Status::OK();
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY:
        out += "\"bytes\"";
        return Status::OK();
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
        return writeTimestamp(type, out);
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return writeTimestampLtz(type, out);
      case LogicalTypeRoot::DATE:
        logical("int", "date", out);
        return Status::OK();
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
        if (type.precision() > 3) {
          return InvalidArgument(fmt::format(
              "Avro does not support TIME type with precision: {}, it only supports precision less than 3.",
              type.precision()));
        }
        logical("int", "time-millis", out);
        return Status::OK();
      case LogicalTypeRoot::DECIMAL:
        out += fmt::format("{{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":{},\"scale\":{}}}",
                           type.precision(), type.scale());
        return Status::OK();
      case LogicalTypeRoot::ROW:
        return writeRecord(type, row_name, out);
      case LogicalTypeRoot::MULTISET:
      case LogicalTypeRoot::MAP: {
        const LogicalType& key = type.root() == LogicalTypeRoot::MAP ? type.keyType() : type.elementType();
        EDDY_RETURN_IF_ERROR(checkMapKey(key));
        out += "{\"type\":\"map\",\"values\":";
        if (type.root() == LogicalTypeRoot::MAP) {
          EDDY_RETURN_IF_ERROR(write(type.valueType(), row_name, out));
        } else {
          out += "[\"null\",\"int\"]";
        }
        out += '}';
        return Status::OK();
      }
      case LogicalTypeRoot::ARRAY:
        out += "{\"type\":\"array\",\"items\":";
        EDDY_RETURN_IF_ERROR(write(type.elementType(), row_name, out));
        out += '}';
        return Status::OK();
      default:
        return InvalidArgument("Unsupported to derive Schema for type: " + type.asSummaryString());
    }
  }

  Status writeTimestamp(const LogicalType& type, std::string& out) {
    const int precision = type.precision();
    if (legacy_) {
      if (precision > 3) {
        return InvalidArgument(fmt::format(
            "Avro does not support TIMESTAMP type with precision: {}, it only supports precision less than 3.",
            precision));
      }
      logical("long", "timestamp-millis", out);
    } else {
      logical("long", precision <= 3 ? "local-timestamp-millis" : precision <= 6 ? "local-timestamp-micros"
                                                                                  : "local-timestamp-nanos",
              out);
    }
    return Status::OK();
  }

  Status writeTimestampLtz(const LogicalType& type, std::string& out) {
    if (legacy_) return InvalidArgument("Unsupported to derive Schema for type: " + type.asSummaryString());
    const int precision = type.precision();
    logical("long", precision <= 3 ? "timestamp-millis" : precision <= 6 ? "timestamp-micros" : "timestamp-nanos", out);
    return Status::OK();
  }

  Status writeRecord(const LogicalType& type, const std::string& row_name, std::string& out) {
    const size_t dot = row_name.rfind('.');
    const std::string name = dot == std::string::npos ? row_name : row_name.substr(dot + 1);
    const std::string space = dot == std::string::npos ? std::string() : row_name.substr(0, dot);
    EDDY_RETURN_IF_ERROR(validateName(name));
    out += "{\"type\":\"record\",\"name\":";
    json::appendJsonString(name, out);
    const std::string enclosing = space_;
    if (space != space_) {
      out += ",\"namespace\":";
      json::appendJsonString(space, out);
      space_ = space;
    }
    out += ",\"fields\":[";
    for (size_t i = 0; i < type.fieldCount(); ++i) {
      const types::RowField& field = type.fields()[i];
      EDDY_RETURN_IF_ERROR(validateName(field.name));
      if (i > 0) out += ',';
      out += "{\"name\":";
      json::appendJsonString(field.name, out);
      out += ",\"type\":";
      EDDY_RETURN_IF_ERROR(write(field.type, row_name + "_" + field.name, out));
      if (field.type.isNullable()) out += ",\"default\":null";
      out += '}';
    }
    out += "]}";
    space_ = enclosing;
    return Status::OK();
  }

  bool legacy_;
  std::string space_;
};

}  // namespace

Result<std::string> AvroSchemaConverter::convertToSchema(const types::LogicalType& type, bool legacy_timestamp_mapping) {
  return convertToSchema(type, kDefaultRowName, legacy_timestamp_mapping);
}

Result<std::string> AvroSchemaConverter::convertToSchema(const types::LogicalType& type, const std::string& row_name,
                                                         bool legacy_timestamp_mapping) {
  std::string out;
  SchemaWriter writer(legacy_timestamp_mapping);
  EDDY_RETURN_IF_ERROR(writer.write(type, row_name, out));
  return out;
}

}  // namespace eddy::formats::avro
