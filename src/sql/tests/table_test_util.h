#pragma once

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

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

// The lines of `text` sorted, one a line.
inline std::string sortedLines(const std::string& text) {
  std::vector<std::string> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const std::string& row : rows) out += row + "\n";
  return out;
}

// A query's rows as runSql prints them, sorted: for insert-only results whose order
// depends on the run.
inline std::string sortedRows(table::TableEnvironment& env, std::string_view sql) { return sortedLines(runSql(env, sql)); }

// The "== Optimized Physical Plan ==" section of EXPLAIN for `sql` (its heading included),
// with each node's changelog mode when `changelog_mode`; "ERROR: ..." when it fails.
inline std::string optimizedPhysicalPlan(table::TableEnvironment& env, std::string_view sql,
                                         bool changelog_mode = false) {
  Result<std::string> plan = env.explainSql(sql, changelog_mode);
  if (!plan.ok()) return fmt::format("ERROR: {}", plan.status().message());
  const std::string physical = plan->substr(plan->find("== Optimized Physical Plan =="));
  return physical.substr(0, physical.find("\n\n"));
}

// The rows left after folding a query's changelog (+I/+U add a row, -U/-D remove an equal
// one), sorted, without their kinds; an error as runSql gives it.
inline std::string finalRows(table::TableEnvironment& env, std::string_view sql) {
  const std::string changelog = runSql(env, sql);
  if (changelog.starts_with("ERROR")) return changelog;
  std::vector<std::string> rows;
  std::istringstream lines(changelog);
  for (std::string line; std::getline(lines, line);) {
    const std::string row = line.substr(2);
    if (line.starts_with("+I") || line.starts_with("+U")) {
      rows.push_back(row);
    } else {
      auto it = std::find(rows.begin(), rows.end(), row);
      if (it == rows.end()) return "retraction of a missing row: " + line;
      rows.erase(it);
    }
  }
  std::string out;
  for (const std::string& row : rows) out += row + "\n";
  return sortedLines(out);
}

// Shorthands for values data.
inline ValuesElement insertRow(std::vector<std::optional<std::string>> fields) {
  return ValuesElement::insert(std::move(fields));
}
inline ValuesElement changeRow(types::RowKind kind, std::vector<std::optional<std::string>> fields) {
  return ValuesElement::row(kind, std::move(fields));
}

}  // namespace eddy::sql
