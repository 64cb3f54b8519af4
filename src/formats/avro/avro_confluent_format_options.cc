#include "eddy/formats/avro/avro_confluent_format_options.h"

#include <algorithm>

#include "eddy/formats/avro/avro_schema_converter.h"

namespace eddy::formats::avro {

namespace {

// The value of `key`, or of its fallback key.
std::optional<std::string> option(const std::map<std::string, std::string>& options, const std::string& key,
                                  const std::string& fallback) {
  if (auto it = options.find(key); it != options.end()) return it->second;
  if (auto it = options.find(fallback); it != options.end()) return it->second;
  return std::nullopt;
}

}  // namespace

Result<AvroConfluentFormatOptions> AvroConfluentFormatOptions::fromTableOptions(
    const std::map<std::string, std::string>& options) {
  AvroConfluentFormatOptions out;
  std::optional<std::string> url = option(options, "url", "schema-registry.url");
  if (!url) return InvalidArgument("One or more required options are missing.\n\nMissing required options are:\n\nurl");
  out.url = *url;
  out.subject = option(options, "subject", "schema-registry.subject");
  out.schema = option(options, "schema", "schema-registry.schema");
  if (auto it = options.find("basic-auth.credentials-source"); it != options.end()) {
    std::string source = it->second;
    std::transform(source.begin(), source.end(), source.begin(), [](unsigned char c) { return std::toupper(c); });
    if (source != "USER_INFO" && source != "URL") {
      return NotSupported("'avro-confluent.basic-auth.credentials-source' = '" + it->second +
                          "': only USER_INFO and URL are supported");
    }
    out.basic_auth_credentials_source = source;
  }
  if (auto it = options.find("basic-auth.user-info"); it != options.end()) out.basic_auth_user_info = it->second;
  return out;
}

Result<std::string> AvroConfluentFormatOptions::avroSchema(const types::LogicalType& row_type) const {
  if (row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The type of the avro-confluent format must be a ROW, not " + row_type.asSummaryString());
  }
  if (schema) return *schema;
  return AvroSchemaConverter::convertToSchema(row_type.notNull());
}

}  // namespace eddy::formats::avro
