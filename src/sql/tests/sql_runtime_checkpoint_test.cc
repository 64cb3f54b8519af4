#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

constexpr const char* kInsert = "INSERT INTO sums SELECT k, COUNT(*), SUM(v) FROM numbers GROUP BY k";

std::vector<ValuesElement> rows(int from, int to) {
  std::vector<ValuesElement> out;
  for (int i = from; i < to; ++i) out.push_back(insertRow({"k" + std::to_string(i % 3), std::to_string(i)}));
  return out;
}

// A session with the source table (bounded or not) over data id `id` and the sink `sums`.
std::unique_ptr<table::TableEnvironment> session(const std::string& id, bool bounded) {
  Configuration configuration;
  configuration.setString("parallelism.default", "2");
  auto env = table::TableEnvironment::create(configuration);
  EXPECT_EQ(runSql(*env, "CREATE TABLE numbers (k STRING, v INT) WITH ('connector' = 'values', 'data-id' = '" + id +
                             "', 'bounded' = '" + (bounded ? "true" : "false") + "')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env, "CREATE TABLE sums (k STRING, cnt BIGINT, total INT) WITH ('connector' = 'values', "
                         "'sink-insert-only' = 'false')"),
            "[OK]\n");
  return env;
}

// The final value per key of a changelog of "+I[k, ...]" lines.
std::map<std::string, std::string> materialize(const std::vector<std::string>& changelog) {
  std::map<std::string, std::string> table;
  for (const std::string& line : changelog) {
    const std::string key = line.substr(3, line.find(',') - 3);
    if (line.starts_with("+I") || line.starts_with("+U")) table[key] = line.substr(3);
    if (line.starts_with("-D")) table.erase(key);
  }
  return table;
}

TEST(SqlRuntimeCheckpointTest, AGroupAggregationRestoredFromACheckpointEndsAsAnUninterruptedRun) {
  ValuesData::clearAll();
  std::vector<ValuesElement> all = rows(0, 60);
  ValuesData::registerData("all", all);
  ASSERT_EQ(runSql(*session("all", true), kInsert), "[-1]\n");
  const std::vector<std::string> uninterrupted = ValuesData::rawResults("sums");
  ASSERT_FALSE(uninterrupted.empty());

  // First run: the first 30 rows on an unbounded source; a checkpoint once they are all in the sink.
  ValuesData::clearAll();
  ValuesData::registerData("part", rows(0, 30));
  auto first = session("part", false);
  Result<std::unique_ptr<runtime::JobClient>> job = first->submitSql(kInsert, nullptr);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  // 30 rows over 3 keys: 3 inserts and 27 updates of two rows each.
  const size_t expected = 3 + 27 * 2;
  for (int i = 0; i < 1000 && ValuesData::rawResults("sums").size() < expected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(ValuesData::rawResults("sums").size(), expected);
  Result<std::shared_ptr<const runtime::CompletedCheckpoint>> checkpoint = (*job)->triggerCheckpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().toString();
  (*job)->cancel();
  (void)(*job)->waitForCompletion();
  std::vector<std::string> restored_changelog = ValuesData::rawResults("sums");

  // Second run: all 60 rows registered, bounded; the source resumes after row 30.
  ValuesData::registerData("part", all);
  auto second = session("part", true);
  second->setRestoreFrom(*checkpoint);
  ASSERT_EQ(runSql(*second, kInsert), "[-1]\n");
  restored_changelog = ValuesData::rawResults("sums");

  EXPECT_EQ(materialize(restored_changelog), materialize(uninterrupted));
  EXPECT_EQ(materialize(uninterrupted).at("k0"), "k0, 20, 570]");
}

}  // namespace
}  // namespace eddy::sql
