#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "eddy/types/row_kind.h"

namespace eddy::slt {

// A printed cell of an input row or a result row; nullopt is SQL NULL.
using Cell = std::optional<std::string>;
using CellRow = std::vector<Cell>;

// One row of a changelog: its RowKind and its cells.
struct ChangelogRow {
  types::RowKind kind = types::RowKind::INSERT;
  CellRow cells;

  friend bool operator==(const ChangelogRow&, const ChangelogRow&) = default;
};

// A watermark in an input block, in epoch milliseconds.
struct InputWatermark {
  int64_t epoch_millis = 0;
};

using InputElement = std::variant<ChangelogRow, InputWatermark>;

// `statement ok` / `statement error [message]`: one SQL statement and what it must do.
struct StatementRecord {
  std::string sql;
  bool expect_error = false;
  // The error message must contain this text (empty: any error).
  std::string expected_error;
};

// `query <types> [rowsort] [changelog] [duckdb]` / `query error [message]`.
struct QueryRecord {
  std::string sql;
  std::string column_types;  // one letter per column: I, R, T, B, D, ...
  bool rowsort = false;
  bool changelog = false;  // compare the changelog with its op column, not the final rows
  bool duckdb = false;     // also compare the final rows with DuckDB's answer
  bool expect_error = false;
  std::string expected_error;
  // Expected rows as written after `----`, one string per line.
  std::vector<std::string> expected_lines;
};

// `input <data-id>`: the complete input of a values data-id, replacing any earlier one.
struct InputRecord {
  std::string data_id;
  std::vector<InputElement> elements;
};

// `sink <table> [rowsort]`: the rows values sinks wrote into tables of that name so far,
// as Flink's Row.toString prints them ("+I[1, a]"), one per line after `----`.
struct SinkRecord {
  std::string table;
  bool rowsort = false;
  std::vector<std::string> expected_lines;
};

// One record of a .test file and the line it starts on.
struct Record {
  int line = 0;
  std::variant<StatementRecord, QueryRecord, InputRecord, SinkRecord> body;
};

}  // namespace eddy::slt
