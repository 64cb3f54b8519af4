#include <gtest/gtest.h>

#include <memory>

#include "eddy/table/table_environment.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::RowKind;

// An upsert source (changelog mode [I, UA, D] with a primary key) is read through a
// ChangelogNormalize on the primary key, as Flink plans it.
class SqlChangelogNormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("upserts", {changeRow(RowKind::INSERT, {"1", "a"}), changeRow(RowKind::UPDATE_AFTER, {"1", "b"}),
                                         changeRow(RowKind::UPDATE_AFTER, {"1", "b"}), changeRow(RowKind::DELETE, {"1", "x"}),
                                         changeRow(RowKind::DELETE, {"2", "x"}), changeRow(RowKind::UPDATE_AFTER, {"2", "c"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE upserts (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH "
                            "('connector' = 'values', 'data-id' = 'upserts', 'changelog-mode' = 'I,UA,D')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlChangelogNormalizeTest, UpsertsBecomeAFullChangelog) {
  // A repeated row changes nothing; a delete retracts the kept row, not the delete's own
  // values; a delete of an unknown key is dropped.
  EXPECT_EQ(runSql(*env_, "SELECT * FROM upserts"),
            "+I[1, a]\n-U[1, a]\n+U[1, b]\n-D[1, b]\n+I[2, c]\n");
  EXPECT_EQ(runSql(*env_, "SELECT name, COUNT(*) FROM upserts GROUP BY name"),
            "+I[a, 1]\n-D[a, 1]\n+I[b, 1]\n-D[b, 1]\n+I[c, 1]\n");
}

TEST_F(SqlChangelogNormalizeTest, PlannedOnThePrimaryKey) {
  Result<std::string> plan = env_->explainSql("SELECT * FROM upserts", true);
  ASSERT_TRUE(plan.ok()) << plan.status().toString();
  EXPECT_NE(plan->find("ChangelogNormalize(key=[id], changelogMode=[I,UB,UA,D])"), std::string::npos) << *plan;
}

TEST_F(SqlChangelogNormalizeTest, UpsertSourceWithoutPrimaryKeyIsRefused) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE keyless (id INT, name STRING) WITH "
                          "('connector' = 'values', 'data-id' = 'upserts', 'changelog-mode' = 'I,UA,D')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM keyless"),
            "ERROR: Table 'default_catalog.default_database.keyless' produces a changelog stream that contains "
            "UPDATE_AFTER but no UPDATE_BEFORE. This requires defining a primary key constraint on the table.");
}

}  // namespace
}  // namespace eddy::sql
