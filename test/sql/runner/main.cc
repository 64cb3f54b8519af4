// eddy_slt: runs sqllogictest files (the format of test/sql/README.md) and prints every
// failure as <file>:<line>: <message>. Exit code 0 when all passed, 1 otherwise.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "duckdb_oracle.h"
#include "slt_file_parser.h"
#include "slt_runner.h"
#include "sql/connectors/values/values_data.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: eddy_slt <file.test>...\n";
    return 2;
  }
  std::optional<eddy::slt::DuckDbOracle> oracle = eddy::slt::DuckDbOracle::find(EDDY_SOURCE_DIR, EDDY_SLT_ORACLE_SCRIPT);
  if (!oracle) {
    std::cerr << "SKIPPING the DuckDB oracle: " << EDDY_SOURCE_DIR
              << "/.venv/bin/python3 is missing (scripts/setup.sh creates it); 'duckdb' queries are checked against "
                 "their expected rows only\n";
  }
  int failed_files = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    std::ifstream in(path);
    if (!in) {
      std::cerr << path << ": cannot open\n";
      ++failed_files;
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    eddy::Result<std::vector<eddy::slt::Record>> records = eddy::slt::parseTestFile(text.str());
    if (!records.ok()) {
      std::cerr << path << ": " << records.status().message() << "\n";
      ++failed_files;
      continue;
    }
    eddy::sql::ValuesData::clearAll();
    std::vector<std::string> failures = eddy::slt::TestFileRunner(path, oracle).run(*records);
    for (const std::string& failure : failures) std::cerr << failure << "\n\n";
    std::cout << fmt::format("{}: {} records, {} failed\n", path, records->size(), failures.size());
    if (!failures.empty()) ++failed_files;
  }
  return failed_files == 0 ? 0 : 1;
}
