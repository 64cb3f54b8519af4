#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "slt_record.h"

namespace eddy::slt {

// A table as DuckDB gets it: Flink column types (mapped to DuckDB's) and insert rows.
struct OracleTable {
  std::string name;
  std::vector<std::pair<std::string, types::LogicalType>> columns;
  std::vector<CellRow> rows;
};

// DuckDB (from PyPI, in the project venv) as an independent oracle for insert-only
// queries: runs duckdb_oracle.py in the venv's python over the same tables and returns
// the rows it answers. Stateless between calls; each call is one python process.
class DuckDbOracle {
 public:
  // The oracle over `<source_dir>/.venv/bin/python3`, or nullopt if that venv is missing.
  static std::optional<DuckDbOracle> find(const std::string& source_dir, const std::string& script);

  // Runs `query` (Flink SQL: `quoted` identifiers become "quoted") over `tables`.
  Result<std::vector<CellRow>> query(const std::vector<OracleTable>& tables, std::string_view query) const;

  // The DuckDB column type for a Flink type, or NotSupported naming the type.
  static Result<std::string> duckDbType(const types::LogicalType& type);

 private:
  DuckDbOracle(std::string python, std::string script) : python_(std::move(python)), script_(std::move(script)) {}

  std::string python_;
  std::string script_;
};

// Whether an Eddy cell and a DuckDB cell mean the same value: equal text, or equal
// numbers (relative tolerance 1e-9, so that 0.1 + 0.2 printed either way agrees), or
// booleans in either case, or timestamps equal up to trailing fractional zeros.
bool sameOracleValue(const Cell& eddy, const Cell& duckdb);

}  // namespace eddy::slt
