#include "eddy/formats/canal/canal_json_options.h"

#include "formats/debezium/changelog_json_options.h"

namespace eddy::formats::canal {

Result<CanalJsonOptions> CanalJsonOptions::fromTableOptions(const std::map<std::string, std::string>& options) {
  EDDY_ASSIGN_OR_RETURN(ChangelogJsonOptions common, ChangelogJsonOptions::fromTableOptions(options, "canal-json"));
  CanalJsonOptions out;
  if (auto it = options.find("database.include"); it != options.end()) out.database_include = it->second;
  if (auto it = options.find("table.include"); it != options.end()) out.table_include = it->second;
  out.ignore_parse_errors = common.ignore_parse_errors;
  out.timestamp_format = common.timestamp_format;
  out.write = common.write;
  return out;
}

}  // namespace eddy::formats::canal
