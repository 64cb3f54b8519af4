#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "sql/tests/checkpoint_round_trip.h"

namespace eddy::sql {
namespace {

constexpr const char* kInsert = "INSERT INTO sums SELECT k, COUNT(*), SUM(v) FROM numbers GROUP BY k";

// A session at parallelism 2 with the source table `numbers` over data id `id` and the sink `sums`.
std::unique_ptr<table::TableEnvironment> session(const std::string& id, bool bounded) {
  Configuration configuration;
  configuration.setString("parallelism.default", "2");
  return numbersAndSumsSession(configuration, "numbers", "sums", id, bounded);
}

TEST(SqlRuntimeCheckpointTest, AGroupAggregationRestoredFromACheckpointEndsAsAnUninterruptedRun) {
  ValuesData::clearAll();
  std::vector<ValuesElement> all = keyedNumbers(0, 60);
  ValuesData::registerData("all", all);
  ASSERT_EQ(runSql(*session("all", true), kInsert), "[-1]\n");
  const std::vector<std::string> uninterrupted = ValuesData::rawResults("sums");
  ASSERT_FALSE(uninterrupted.empty());

  // First run: the first 30 rows on an unbounded source; a checkpoint once they are all in the sink.
  ValuesData::clearAll();
  ValuesData::registerData("part", keyedNumbers(0, 30));
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
