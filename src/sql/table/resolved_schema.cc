#include "eddy/table/resolved_schema.h"

#include <fmt/format.h>

#include "sql/catalog/object_identifier.h"

namespace eddy::table {

std::vector<std::string> ResolvedSchema::getColumnNames() const {
  std::vector<std::string> names;
  for (const Column& column : columns) names.push_back(column.name);
  return names;
}

std::vector<types::LogicalType> ResolvedSchema::getColumnDataTypes() const {
  std::vector<types::LogicalType> types;
  for (const Column& column : columns) types.push_back(column.type);
  return types;
}

std::string ResolvedSchema::toString() const {
  std::vector<std::string> lines;
  for (const Column& column : columns) lines.push_back(sql::escapeIdentifier(column.name) + " " + column.type.asSummaryString());
  if (lines.empty()) return "(\n)";
  return fmt::format("(\n  {}\n)", fmt::join(lines, ",\n  "));
}

}  // namespace eddy::table
