#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/types/row_kind.h"

namespace eddy::sql {

// The result of a statement that is not a query (Flink's TableResult of executeSql for DDL,
// SHOW, DESCRIBE, SET): column names and rows of printed values, nullopt for NULL.
// kSuccess is Flink's TABLE_RESULT_OK: one column `result`, one row `OK`. A query's result
// also has the RowKind of every row (its changelog), in `row_kinds`; other results leave it
// empty.
struct TableResult {
  enum class Kind { kSuccess, kSuccessWithContent };

  Kind kind = Kind::kSuccess;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<types::RowKind> row_kinds;

  static TableResult ok() { return TableResult{Kind::kSuccess, {"result"}, {{"OK"}}, {}}; }
};

// Renders `result` as Flink's SQL client prints it in tableau mode: +---+ borders, values
// right-aligned, NULL as <NULL>, then "N rows in set" (or "Empty set").
std::string printTableau(const TableResult& result);

}  // namespace eddy::sql
