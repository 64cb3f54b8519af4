#include "eddy/formats/avro/avro_format_options.h"

#include <algorithm>

#include <fmt/format.h>

#include "formats/debezium/changelog_json_options.h"

namespace eddy::formats::avro {

Result<AvroFormatOptions> AvroFormatOptions::fromTableOptions(const std::map<std::string, std::string>& options) {
  AvroFormatOptions out;
  if (auto it = options.find("encoding"); it != options.end()) {
    std::string value = it->second;
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    if (value == "json") return NotSupported("'avro.encoding' = 'json': only the binary encoding is supported");
    if (value != "binary") {
      return InvalidArgument(fmt::format("Could not parse value '{}' for key 'avro.encoding'.", it->second));
    }
  }
  EDDY_ASSIGN_OR_RETURN(out.legacy_timestamp_mapping,
                        formatBooleanOption(options, "timestamp_mapping.legacy", "avro", true));
  return out;
}

}  // namespace eddy::formats::avro
