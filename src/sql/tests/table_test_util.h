#pragma once

#include <string>
#include <string_view>

#include "eddy/table/table_environment.h"
#include "sql/connectors/values/values_data.h"

namespace eddy::sql {

// Runs a statement and renders its result as one string for exact comparison: a query's
// rows one a line as "+I[a, 1]" (kind and values as tableau prints them, NULL as "NULL"),
// other results' rows likewise without kind, or "ERROR: <message>".
inline std::string runSql(table::TableEnvironment& env, std::string_view sql) {
  Result<TableResult> result = env.executeSql(sql);
  if (!result.ok()) return "ERROR: " + result.status().message();
  std::string out;
  for (size_t r = 0; r < result->rows.size(); ++r) {
    if (!result->row_kinds.empty()) out += std::string(types::shortString(result->row_kinds[r]));
    out += '[';
    for (size_t c = 0; c < result->rows[r].size(); ++c) {
      if (c > 0) out += ", ";
      out += result->rows[r][c].value_or("NULL");
    }
    out += "]\n";
  }
  return out;
}

// Shorthands for values data.
inline ValuesElement insertRow(std::vector<std::optional<std::string>> fields) {
  return ValuesElement::insert(std::move(fields));
}
inline ValuesElement changeRow(types::RowKind kind, std::vector<std::optional<std::string>> fields) {
  return ValuesElement::row(kind, std::move(fields));
}

}  // namespace eddy::sql
