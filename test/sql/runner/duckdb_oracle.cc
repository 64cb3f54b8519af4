#include "duckdb_oracle.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace eddy::slt {
namespace {

using types::LogicalTypeRoot;

// Flink quotes identifiers with backticks, DuckDB with double quotes; string literals
// are the same in both.
std::string toDuckDbSql(std::string_view sql) {
  std::string out;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;
    out += (!in_string && c == '`') ? '"' : c;
  }
  return out;
}

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "eddy-slt-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd >= 0) close(fd);
    path_ = pattern;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<double> asNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// "2024-01-01 00:00:05.000" and "2024-01-01 00:00:05" are the same timestamp.
std::string withoutTrailingFraction(std::string text) {
  const size_t dot = text.rfind('.');
  if (text.size() < 19 || text[4] != '-' || text[10] != ' ' || dot == std::string::npos || dot < 19) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<DuckDbOracle> DuckDbOracle::find(const std::string& source_dir, const std::string& script) {
  const std::string python = source_dir + "/.venv/bin/python3";
  if (access(python.c_str(), X_OK) != 0) return std::nullopt;
  return DuckDbOracle(python, script);
}

Result<std::string> DuckDbOracle::duckDbType(const types::LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: return std::string("VARCHAR");
    case LogicalTypeRoot::BOOLEAN: return std::string("BOOLEAN");
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY: return std::string("BLOB");
    case LogicalTypeRoot::DECIMAL: return fmt::format("DECIMAL({}, {})", type.precision(), type.scale());
    case LogicalTypeRoot::TINYINT: return std::string("TINYINT");
    case LogicalTypeRoot::SMALLINT: return std::string("SMALLINT");
    case LogicalTypeRoot::INTEGER: return std::string("INTEGER");
    case LogicalTypeRoot::BIGINT: return std::string("BIGINT");
    case LogicalTypeRoot::FLOAT: return std::string("FLOAT");
    case LogicalTypeRoot::DOUBLE: return std::string("DOUBLE");
    case LogicalTypeRoot::DATE: return std::string("DATE");
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: return std::string("TIME");
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: return std::string("TIMESTAMP");
    default: return NotSupported(fmt::format("DuckDB oracle for columns of type {}", type.asSummaryString()));
  }
}

Result<std::vector<CellRow>> DuckDbOracle::query(const std::vector<OracleTable>& tables, std::string_view query) const {
  nlohmann::json request;
  request["query"] = toDuckDbSql(query);
  request["tables"] = nlohmann::json::array();
  for (const OracleTable& table : tables) {
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& [name, type] : table.columns) {
      EDDY_ASSIGN_OR_RETURN(std::string duckdb_type, duckDbType(type));
      columns.push_back({name, duckdb_type});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const CellRow& row : table.rows) {
      nlohmann::json cells = nlohmann::json::array();
      for (const Cell& cell : row) cells.push_back(cell ? nlohmann::json(*cell) : nlohmann::json(nullptr));
      rows.push_back(std::move(cells));
    }
    request["tables"].push_back({{"name", table.name}, {"columns", columns}, {"rows", rows}});
  }
  TempFile input, output, errors;
  std::ofstream(input.path()) << request.dump();
  const std::string command =
      fmt::format("'{}' '{}' < '{}' > '{}' 2> '{}'", python_, script_, input.path(), output.path(), errors.path());
  const int status = std::system(command.c_str());
  if (status != 0) {
    return Internal(fmt::format("the DuckDB oracle failed (exit {}): {}", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                                readFile(errors.path())));
  }
  std::vector<CellRow> rows;
  std::istringstream lines(readFile(output.path()));
  for (std::string line; std::getline(lines, line);) {
    CellRow row;
    for (const nlohmann::json& value : nlohmann::json::parse(line)) {
      row.push_back(value.is_null() ? Cell{} : Cell{value.get<std::string>()});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool sameOracleValue(const Cell& eddy, const Cell& duckdb) {
  if (!eddy || !duckdb) return !eddy && !duckdb;
  if (*eddy == *duckdb) return true;
  const std::optional<double> a = asNumber(*eddy);
  const std::optional<double> b = asNumber(*duckdb);
  if (a && b) return std::fabs(*a - *b) <= 1e-9 * std::max({1.0, std::fabs(*a), std::fabs(*b)});
  if (lower(*eddy) == lower(*duckdb) && (lower(*eddy) == "true" || lower(*eddy) == "false")) return true;
  return withoutTrailingFraction(*eddy) == withoutTrailingFraction(*duckdb);
}

}  // namespace eddy::slt
