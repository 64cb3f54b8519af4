#include <gtest/gtest.h>

#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// Equal subtrees of a plan run once and feed every consumer (Flink's sub-plan reuse): both
// sides of a self-join over a random source see the very same rows.
class SqlSubplanReuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(runSql(*env_, "CREATE TABLE r (id BIGINT, v INT) WITH ('connector' = 'datagen', "
                            "'number-of-rows' = '200', 'fields.id.min' = '1', 'fields.id.max' = '1000000000000', "
                            "'fields.v.min' = '0', 'fields.v.max' = '3')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlSubplanReuseTest, ASelfJoinOverARandomSourceJoinsEveryRowWithItself) {
  EXPECT_EQ(finalRows(*env_, "SELECT COUNT(*) FROM r a JOIN r b ON a.id = b.id AND a.v = b.v"), "[200]\n");
}

TEST_F(SqlSubplanReuseTest, TwoViewsOfOneSourceReadTheSameRows) {
  ASSERT_EQ(runSql(*env_, "CREATE VIEW small AS SELECT id FROM r WHERE v < 2"), "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE VIEW large AS SELECT id FROM r WHERE v >= 2"), "[OK]\n");
  EXPECT_EQ(finalRows(*env_, "SELECT COUNT(*) FROM (SELECT id FROM small UNION ALL SELECT id FROM large) u "
                             "JOIN r ON u.id = r.id"),
            "[200]\n");
}

}  // namespace
}  // namespace eddy::sql
