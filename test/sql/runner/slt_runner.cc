#include "slt_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "changelog_fold.h"
#include "slt_file_parser.h"
#include "sql/connectors/values/values_data.h"

namespace eddy::slt {
namespace {

std::string renderRow(const CellRow& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "\t" : "") + formatCell(cells[i]);
  return line;
}

// The lines of rendered rows: a value with line breaks (SHOW CREATE TABLE) continues on the
// next lines, without its final line break.
std::vector<std::string> splitIntoLines(const std::vector<std::string>& rows) {
  std::vector<std::string> lines;
  for (const std::string& row : rows) {
    size_t start = 0;
    while (true) {
      const size_t end = row.find('\n', start);
      if (end == std::string::npos) {
        if (start < row.size() || start == 0) lines.push_back(row.substr(start));
        break;
      }
      lines.push_back(row.substr(start, end - start));
      start = end + 1;
    }
  }
  return lines;
}

std::string renderLines(const std::vector<std::string>& lines) {
  if (lines.empty()) return "  (no rows)\n";
  std::string text;
  for (const std::string& line : lines) text += "  " + line + "\n";
  return text;
}

std::string mismatch(std::string_view sql, const std::vector<std::string>& expected,
                     const std::vector<std::string>& actual) {
  return fmt::format("result mismatch\n{}\nexpected:\n{}actual:\n{}", sql, renderLines(expected), renderLines(actual));
}

bool rowsMatch(const CellRow& eddy, const CellRow& duckdb) {
  if (eddy.size() != duckdb.size()) return false;
  for (size_t i = 0; i < eddy.size(); ++i) {
    if (!sameOracleValue(eddy[i], duckdb[i])) return false;
  }
  return true;
}

}  // namespace

TestFileRunner::TestFileRunner(std::string path, std::optional<DuckDbOracle> oracle)
    : path_(std::move(path)), oracle_(std::move(oracle)) {}

std::vector<std::string> TestFileRunner::run(const std::vector<Record>& records) {
  for (const Record& record : records) {
    std::visit(
        [&](const auto& body) {
          using Body = std::decay_t<decltype(body)>;
          if constexpr (std::is_same_v<Body, StatementRecord>) runStatement(record.line, body);
          else if constexpr (std::is_same_v<Body, QueryRecord>) runQuery(record.line, body);
          else if constexpr (std::is_same_v<Body, SinkRecord>) runSink(record.line, body);
          else session_.registerInput(body);
        },
        record.body);
  }
  return failures_;
}

void TestFileRunner::fail(int line, const std::string& message) {
  failures_.push_back(fmt::format("{}:{}: {}", path_, line, message));
}

void TestFileRunner::runStatement(int line, const StatementRecord& record) {
  Result<StatementOutput> output = session_.execute(record.sql);
  if (!record.expect_error) {
    if (!output.ok()) fail(line, fmt::format("statement failed\n{}\nerror: {}", record.sql, output.status().message()));
    return;
  }
  if (output.ok()) {
    fail(line, fmt::format("statement succeeded but an error containing '{}' was expected\n{}", record.expected_error,
                           record.sql));
  } else if (output.status().message().find(record.expected_error) == std::string::npos) {
    fail(line, fmt::format("wrong error\n{}\nexpected an error containing:\n  {}\nactual error:\n  {}", record.sql,
                           record.expected_error, output.status().message()));
  }
}

void TestFileRunner::runQuery(int line, const QueryRecord& record) {
  if (record.expect_error) {
    runStatement(line, StatementRecord{record.sql, true, record.expected_error});
    return;
  }
  Result<StatementOutput> output = session_.execute(record.sql);
  if (!output.ok()) {
    fail(line, fmt::format("query failed\n{}\nerror: {}", record.sql, output.status().message()));
    return;
  }
  if (output->columns.size() != record.column_types.size()) {
    fail(line, fmt::format("query has {} columns but its types '{}' say {}\n{}", output->columns.size(),
                           record.column_types, record.column_types.size(), record.sql));
    return;
  }
  std::vector<std::string> actual;
  if (record.changelog) {
    for (const ChangelogRow& row : output->changelog) {
      actual.push_back(std::string(types::shortString(row.kind)) + "\t" + renderRow(row.cells));
    }
  } else {
    Result<std::vector<CellRow>> rows = foldChangelog(output->changelog);
    if (!rows.ok()) {
      fail(line, fmt::format("bad changelog\n{}\n{}", record.sql, rows.status().message()));
      return;
    }
    for (const CellRow& row : *rows) actual.push_back(renderRow(row));
  }
  actual = splitIntoLines(actual);
  std::vector<std::string> expected = record.expected_lines;
  if (record.rowsort) {
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
  }
  if (actual != expected) fail(line, mismatch(record.sql, expected, actual));
  if (record.duckdb) checkWithOracle(line, record);
}

void TestFileRunner::checkWithOracle(int line, const QueryRecord& record) {
  if (!oracle_) return;
  std::vector<OracleTable> tables;
  for (const auto& [name, table] : session_.valuesTables()) {
    OracleTable oracle_table{name, table.columns, {}};
    for (const InputElement& element : session_.input(table.data_id)) {
      const auto* row = std::get_if<ChangelogRow>(&element);
      if (!row) continue;
      if (row->kind != types::RowKind::INSERT) {
        fail(line, fmt::format("'duckdb' needs insert-only inputs, but table {} has a {} row", name,
                               types::shortString(row->kind)));
        return;
      }
      oracle_table.rows.push_back(row->cells);
    }
    tables.push_back(std::move(oracle_table));
  }
  Result<std::vector<CellRow>> answer = oracle_->query(tables, record.sql);
  if (!answer.ok()) {
    fail(line, fmt::format("DuckDB could not run the query\n{}\n{}", record.sql, answer.status().message()));
    return;
  }
  std::vector<CellRow> unmatched = *answer;
  bool same = true;
  for (const std::string& line_text : record.expected_lines) {
    const CellRow expected = parseResultLine(line_text);
    auto found = std::find_if(unmatched.begin(), unmatched.end(), [&](const CellRow& row) { return rowsMatch(expected, row); });
    if (found == unmatched.end()) {
      same = false;
      break;
    }
    unmatched.erase(found);
  }
  if (same && unmatched.empty()) return;
  std::vector<std::string> duckdb_lines;
  for (const CellRow& row : *answer) duckdb_lines.push_back(renderRow(row));
  fail(line, fmt::format("DuckDB disagrees with the expected rows\n{}\nexpected:\n{}DuckDB:\n{}", record.sql,
                         renderLines(record.expected_lines), renderLines(duckdb_lines)));
}

void TestFileRunner::runSink(int line, const SinkRecord& record) {
  std::vector<std::string> actual = sql::ValuesData::rawResults(record.table);
  std::vector<std::string> expected = record.expected_lines;
  if (record.rowsort) {
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
  }
  if (actual != expected) fail(line, mismatch("sink " + record.table, expected, actual));
}

}  // namespace eddy::slt
