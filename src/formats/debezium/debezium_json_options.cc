#include "eddy/formats/debezium/debezium_json_options.h"

#include "formats/debezium/changelog_json_options.h"

namespace eddy::formats::debezium {

Result<DebeziumJsonOptions> DebeziumJsonOptions::fromTableOptions(const std::map<std::string, std::string>& options) {
  EDDY_ASSIGN_OR_RETURN(ChangelogJsonOptions common, ChangelogJsonOptions::fromTableOptions(options, "debezium-json"));
  DebeziumJsonOptions out;
  EDDY_ASSIGN_OR_RETURN(out.schema_include, formatBooleanOption(options, "schema-include", "debezium-json", false));
  out.ignore_parse_errors = common.ignore_parse_errors;
  out.timestamp_format = common.timestamp_format;
  out.write = common.write;
  return out;
}

}  // namespace eddy::formats::debezium
