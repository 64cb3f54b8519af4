#pragma once

#include <optional>
#include <string>
#include <vector>

#include "duckdb_oracle.h"
#include "slt_record.h"
#include "sql_session.h"

namespace eddy::slt {

// Runs the records of one .test file in order in a fresh SqlSession and collects every
// mismatch as "<file>:<line>: <what went wrong>" (it goes on after a failure, as
// sqllogictest does). With no oracle, `duckdb` queries are still checked against their
// expected rows and the skipped oracle is reported once on stderr. Single use.
class TestFileRunner {
 public:
  TestFileRunner(std::string path, std::optional<DuckDbOracle> oracle);

  // The failures; empty when the file passed.
  std::vector<std::string> run(const std::vector<Record>& records);

 private:
  void runStatement(int line, const StatementRecord& record);
  void runQuery(int line, const QueryRecord& record);
  void runSink(int line, const SinkRecord& record);
  void checkWithOracle(int line, const QueryRecord& record);
  void fail(int line, const std::string& message);

  std::string path_;
  std::optional<DuckDbOracle> oracle_;
  SqlSession session_;
  std::vector<std::string> failures_;
};

}  // namespace eddy::slt
