#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Set operations read two sources that run concurrently, so these tests compare the final
// rows (the changelog folded), sorted.
class SqlSetOperationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("t1", {insertRow({"1", "a"}), insertRow({"1", "a"}), insertRow({"2", "b"}),
                                    insertRow({std::nullopt, "n"}), insertRow({"3", std::nullopt})});
    ValuesData::registerData("t2", {insertRow({"1", "a"}), insertRow({std::nullopt, "n"}), insertRow({"4", "d"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t1 (k INT, v STRING) WITH ('connector' = 'values', 'data-id' = 't1')"), "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE t2 (k BIGINT, v STRING) WITH ('connector' = 'values', 'data-id' = 't2')"),
              "[OK]\n");
  }

  std::string finalRows(const std::string& sql) { return eddy::sql::finalRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlSetOperationTest, UnionRemovesDuplicates) {
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 UNION SELECT k, v FROM t2"),
            "[1, a]\n[2, b]\n[3, NULL]\n[4, d]\n[NULL, n]\n");
}

TEST_F(SqlSetOperationTest, IntersectAndExceptTreatNullsAsEqual) {
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 INTERSECT SELECT k, v FROM t2"), "[1, a]\n[NULL, n]\n");
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 EXCEPT SELECT k, v FROM t2"), "[2, b]\n[3, NULL]\n");
  EXPECT_EQ(finalRows("SELECT v FROM t2 EXCEPT SELECT v FROM t1"), "[d]\n");
}

TEST_F(SqlSetOperationTest, ExplainShowsSemiJoinBelowADistinctAggregate) {
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT v FROM t1 INTERSECT SELECT v FROM t2"),
            "== Optimized Physical Plan ==\n"
            "GroupAggregate(groupBy=[v], select=[v])\n"
            "+- Exchange(distribution=[hash[v]])\n"
            "   +- Join(joinType=[LeftSemiJoin], where=[IS NOT DISTINCT FROM(v, v0)], select=[v], "
            "leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])\n"
            "      :- Exchange(distribution=[hash[v]])\n"
            "      :  +- Calc(select=[v])\n"
            "      :     +- TableSourceScan(table=[[default_catalog, default_database, t1]], fields=[k, v])\n"
            "      +- Exchange(distribution=[hash[v]])\n"
            "         +- Calc(select=[v])\n"
            "            +- TableSourceScan(table=[[default_catalog, default_database, t2]], fields=[k, v])");
}

TEST_F(SqlSetOperationTest, InAndExistsSubqueriesAreSemiAndAntiJoins) {
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 WHERE k IN (SELECT k FROM t2)"), "[1, a]\n[1, a]\n");
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 WHERE v IN (SELECT v FROM t2) AND k IS NULL"), "[NULL, n]\n");
  EXPECT_EQ(finalRows("SELECT v FROM t1 WHERE EXISTS (SELECT * FROM t2 WHERE k = 4)"), "[NULL]\n[a]\n[a]\n[b]\n[n]\n");
  EXPECT_EQ(finalRows("SELECT v FROM t1 WHERE NOT EXISTS (SELECT * FROM t2 WHERE k = 4)"), "");
}

TEST_F(SqlSetOperationTest, CorrelatedExistsJoinsOnTheCorrelation) {
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 a WHERE EXISTS (SELECT * FROM t2 b WHERE b.k = a.k AND b.v = 'a')"),
            "[1, a]\n[1, a]\n");
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 a WHERE NOT EXISTS (SELECT * FROM t2 b WHERE b.v = a.v)"),
            "[2, b]\n[3, NULL]\n");
}

TEST_F(SqlSetOperationTest, NotInFollowsSqlNullSemantics) {
  // A NULL in the subquery makes every NOT IN unknown.
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 WHERE k NOT IN (SELECT k FROM t2)"), "");
  // A NULL value is not known to be outside a non-empty subquery.
  EXPECT_EQ(finalRows("SELECT k, v FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE k IS NOT NULL)"),
            "[2, b]\n[3, NULL]\n");
  // Everything is outside an empty subquery.
  EXPECT_EQ(finalRows("SELECT k FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE k > 100)"),
            "[1]\n[1]\n[2]\n[3]\n[NULL]\n");
}

TEST_F(SqlSetOperationTest, Errors) {
  EXPECT_EQ(runSql(*env_, "SELECT k, v FROM t1 UNION SELECT k FROM t2"),
            "ERROR: At line 1, column 21: Column count mismatch in UNION");
  EXPECT_EQ(runSql(*env_, "SELECT k FROM t1 INTERSECT ALL SELECT k, v FROM t2"),
            "ERROR: At line 1, column 18: Column count mismatch in INTERSECT");
}

}  // namespace
}  // namespace eddy::sql
