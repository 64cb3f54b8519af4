#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// A wide table behind a view with a rowtime, as Nexmark's bid view over its event table.
class SqlPruneCalcFieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("events", {insertRow({"1", "a", "x", "2023-11-14 10:00:01"}),
                                        insertRow({"2", "b", "y", "2023-11-14 10:00:02"}),
                                        insertRow({"1", "c", "z", "2023-11-14 10:00:12"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE events (id BIGINT, name STRING, extra STRING, ts TIMESTAMP(3), "
                            "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "
                            "WITH ('connector' = 'values', 'data-id' = 'events')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE VIEW v AS SELECT id, UPPER(name) AS name, extra, ts FROM events WHERE id > 0"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

constexpr const char* kTumbleCount =
    "SELECT id, window_start, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
    "GROUP BY id, window_start, window_end";

TEST_F(SqlPruneCalcFieldsTest, FieldsNothingReadsLeaveTheViewsCalc) {
  Result<std::string> plan = env_->explainSql(kTumbleCount, false);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  const std::string execution = plan->substr(plan->find("== Optimized Execution Plan =="));
  EXPECT_EQ(execution,
            "== Optimized Execution Plan ==\n"
            "Calc(select=[id, window_start, c])\n"
            "+- WindowAggregate(groupBy=[id], window=[TUMBLE(win_start=[window_start], win_end=[window_end], "
            "size=[10 s])], select=[id, COUNT(*) AS c, start('w$) AS window_start, end('w$) AS window_end, "
            "rowtime('w$) AS window_time])\n"
            "   +- Exchange(distribution=[hash[id]])\n"
            "      +- Calc(select=[id, window_start, window_end])\n"
            "         +- WindowTableFunction(window=[TUMBLE(time_col=[ts], size=[10 s])])\n"
            "            +- Calc(select=[id, ts], where=[>(id, 0)])\n"
            "               +- WatermarkAssigner(rowtime=[ts], watermark=[-(ts, PT1S)])\n"
            "                  +- TableSourceScan(table=[[default_catalog, default_database, events]], fields=[id, name, "
            "extra, ts])\n");
}

TEST_F(SqlPruneCalcFieldsTest, APrunedPlanGivesTheSameRows) {
  EXPECT_EQ(sortedRows(*env_, kTumbleCount),
            "+I[1, 2023-11-14 10:00:00.000, 1]\n"
            "+I[1, 2023-11-14 10:00:10.000, 1]\n"
            "+I[2, 2023-11-14 10:00:00.000, 1]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT extra, window_end FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), "
                              "INTERVAL '10' SECOND)) WHERE name <> 'B'"),
            "+I[x, 2023-11-14 10:00:10.000]\n"
            "+I[z, 2023-11-14 10:00:20.000]\n");
}

TEST_F(SqlPruneCalcFieldsTest, AJoinKeepsItsKeysConditionAndTheFieldsReadAbove) {
  ValuesData::registerData("names", {insertRow({"1", "one", "long text"}), insertRow({"2", "two", "more text"})});
  ASSERT_EQ(runSql(*env_, "CREATE TABLE names (k BIGINT, label STRING, note STRING) "
                          "WITH ('connector' = 'values', 'data-id' = 'names')"),
            "[OK]\n");
  const std::string sql = "SELECT v.name, n.label FROM v JOIN names n ON v.id = n.k AND n.note <> 'x'";
  Result<std::string> plan = env_->explainSql(sql, false);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  const std::string execution = plan->substr(plan->find("== Optimized Execution Plan =="));
  EXPECT_EQ(execution,
            "== Optimized Execution Plan ==\n"
            "Calc(select=[name, label])\n"
            "+- Join(joinType=[InnerJoin], where=[=(id, k)], select=[id, name, ts, k, label], "
            "leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])\n"
            "   :- Exchange(distribution=[hash[id]])\n"
            "   :  +- Calc(select=[id, UPPER(name) AS name, ts], where=[>(id, 0)])\n"
            "   :     +- WatermarkAssigner(rowtime=[ts], watermark=[-(ts, PT1S)])\n"
            "   :        +- TableSourceScan(table=[[default_catalog, default_database, events]], fields=[id, name, extra, ts])\n"
            "   +- Exchange(distribution=[hash[k]])\n"
            "      +- Calc(select=[k, label], where=[<>(note, 'x')])\n"
            "         +- TableSourceScan(table=[[default_catalog, default_database, names]], fields=[k, label, note])\n");
  EXPECT_EQ(sortedRows(*env_, sql), "+I[A, one]\n+I[B, two]\n+I[C, one]\n");
}

TEST_F(SqlPruneCalcFieldsTest, MinAndMaxOverInsertOnlyInputKeepTheirAnswer) {
  EXPECT_EQ(finalRows(*env_, "SELECT id, MIN(name), MAX(name), FIRST_VALUE(extra), LAST_VALUE(extra) FROM v "
                             "GROUP BY id"),
            "[1, A, C, x, z]\n"
            "[2, B, B, y, y]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT MAX(extra), MIN(id), window_start FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(ts), "
                              "INTERVAL '1' MINUTE)) GROUP BY window_start, window_end"),
            "+I[z, 1, 2023-11-14 10:00:00.000]\n");
}

}  // namespace
}  // namespace eddy::sql
