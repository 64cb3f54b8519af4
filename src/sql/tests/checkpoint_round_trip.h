#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {

// What the SQL checkpoint round-trip tests share: the input rows, a session over them and
// the folding of the sink's changelog.

// Rows i in [from, to) as (k<i % 3>, i).
inline std::vector<ValuesElement> keyedNumbers(int from, int to) {
  std::vector<ValuesElement> out;
  for (int i = from; i < to; ++i) out.push_back(insertRow({"k" + std::to_string(i % 3), std::to_string(i)}));
  return out;
}

// A session configured by `configuration` with the source table `source` (k STRING, v INT;
// bounded or not) over data id `id` and the updating sink table `sink` (k, cnt, total).
inline std::unique_ptr<table::TableEnvironment> numbersAndSumsSession(const Configuration& configuration,
                                                                      const std::string& source,
                                                                      const std::string& sink, const std::string& id,
                                                                      bool bounded) {
  auto env = table::TableEnvironment::create(configuration);
  EXPECT_EQ(runSql(*env, "CREATE TABLE " + source + " (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = '" +
                             id + "', 'bounded' = '" + (bounded ? "true" : "false") + "')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env, "CREATE TABLE " + sink + " (k STRING, cnt BIGINT, total INT) WITH ('connector' = 'values', "
                         "'sink-insert-only' = 'false')"),
            "[OK]\n");
  return env;
}

// The final value per key of a changelog of "+I[k, ...]" lines.
inline std::map<std::string, std::string> materialize(const std::vector<std::string>& changelog) {
  std::map<std::string, std::string> table;
  for (const std::string& line : changelog) {
    const std::string key = line.substr(3, line.find(',') - 3);
    if (line.starts_with("+I") || line.starts_with("+U")) table[key] = line.substr(3);
    if (line.starts_with("-D")) table.erase(key);
  }
  return table;
}

}  // namespace eddy::sql
