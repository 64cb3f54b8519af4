#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "sql/planner/push_filter_into_scan.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// EXPLAIN of filters pushed into a values source with 'filterable-fields', the cases of
// Flink's PushFilterIntoTableSourceScanRuleTest and FilterableSourceTest.
class FilterPushDownPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_EQ(runSql(*env_, "CREATE TABLE MyTable (name STRING, id BIGINT, amount INT, price DOUBLE) WITH ("
                            "'connector' = 'values', 'filterable-fields' = 'name;id;amount')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE VirtualTable (name STRING, id BIGINT, amount INT, virtualField AS amount + 1, "
                            "price DOUBLE) WITH ('connector' = 'values', 'filterable-fields' = 'name;id;amount')"),
              "[OK]\n");
  }

  std::string plan(const std::string& sql) { return optimizedPhysicalPlan(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(FilterPushDownPlanTest, AFilterOnAFilterableFieldLeavesNoCalc) {
  EXPECT_EQ(plan("SELECT * FROM MyTable WHERE amount > 2"),
            "== Optimized Physical Plan ==\n"
            "TableSourceScan(table=[[default_catalog, default_database, MyTable, filter=[>(amount, 2)]]], "
            "fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, ConjunctsAreJoinedPairwiseInTheDigest) {
  EXPECT_EQ(plan("SELECT * FROM MyTable WHERE amount > 2 AND amount < 10 AND name IS NOT NULL"),
            "== Optimized Physical Plan ==\n"
            "TableSourceScan(table=[[default_catalog, default_database, MyTable, "
            "filter=[and(and(>(amount, 2), <(amount, 10)), IS NOT NULL(name))]]], fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, AFilterOnAFieldThatIsNotFilterableStaysInTheCalc) {
  EXPECT_EQ(plan("SELECT * FROM MyTable WHERE price > 10"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[name, id, amount, price], where=[>(price, 10.0)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, MyTable, filter=[]]], "
            "fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, MixedConjunctsSplitBetweenSourceAndCalc) {
  EXPECT_EQ(plan("SELECT name, price FROM MyTable WHERE amount > 2 AND price > 10 AND id = 7"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[name, price], where=[>(price, 10.0)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, MyTable, "
            "filter=[and(>(amount, 2), =(id, 7))]]], fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, AnOrIsOneConjunct) {
  EXPECT_EQ(plan("SELECT id FROM MyTable WHERE amount > 2 OR name = 'x'"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, MyTable, "
            "filter=[OR(>(amount, 2), =(name, 'x'))]]], fields=[name, id, amount, price])");
  EXPECT_EQ(plan("SELECT id FROM MyTable WHERE amount > 2 OR price > 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id], where=[OR(>(amount, 2), >(price, 1.0))])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, MyTable, filter=[]]], "
            "fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, TheConditionIsSplitInConjunctiveNormalForm) {
  EXPECT_EQ(plan("SELECT id FROM MyTable WHERE (amount > 2 AND price > 1) OR id = 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id], where=[OR(>(price, 1.0), =(id, 1))])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, MyTable, "
            "filter=[OR(>(amount, 2), =(id, 1))]]], fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, FilterUnderAComputedColumnIsPushedOnAComputedColumnIsNot) {
  EXPECT_EQ(plan("SELECT * FROM VirtualTable WHERE amount > 2"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[name, id, amount, +(amount, 1) AS virtualField, price])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, VirtualTable, filter=[>(amount, 2)]]], "
            "fields=[name, id, amount, price])");
  EXPECT_EQ(plan("SELECT name FROM VirtualTable WHERE virtualField > 3"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[name], where=[>(+(amount, 1), 3)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, VirtualTable, filter=[]]], "
            "fields=[name, id, amount, price])");
}

TEST_F(FilterPushDownPlanTest, ASourceWithoutFilterableFieldsKeepsItsPlan) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE Plain (a INT, b STRING) WITH ('connector' = 'values')"), "[OK]\n");
  EXPECT_EQ(plan("SELECT b FROM Plain WHERE a > 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[b], where=[>(a, 1)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, Plain]], fields=[a, b])");
}

TEST_F(FilterPushDownPlanTest, AFilterAboveAWatermarkAssignerStaysThere) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE Events (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ("
                          "'connector' = 'values', 'filterable-fields' = 'a')"),
            "[OK]\n");
  EXPECT_EQ(plan("SELECT a FROM Events WHERE a > 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[a], where=[>(a, 1)])\n"
            "+- WatermarkAssigner(rowtime=[ts], watermark=[ts])\n"
            "   +- TableSourceScan(table=[[default_catalog, default_database, Events]], fields=[a, ts])");
}

TEST_F(FilterPushDownPlanTest, AnInsertPushesItsFilterToo) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE Out (name STRING) WITH ('connector' = 'values')"), "[OK]\n");
  Result<std::string> explained = env_->explainSql("INSERT INTO Out SELECT name FROM MyTable WHERE id = 3", false);
  ASSERT_TRUE(explained.ok()) << explained.status().toString();
  EXPECT_NE(explained->find("+- Calc(select=[name])\n"
                            "   +- TableSourceScan(table=[[default_catalog, default_database, MyTable, "
                            "filter=[=(id, 3)]]], fields=[name, id, amount, price])\n\n== Optimized Execution Plan =="),
            std::string::npos)
      << *explained;
}

TEST(ConjunctiveNormalFormTest, DistributesOrOverAnd) {
  const auto type = types::DataTypes::BOOLEAN();
  auto ref = [&](int i) { return BoundExpr::inputRef(i, type, {}); };
  auto call = [&](BuiltInFunction f, BoundExprPtr l, BoundExprPtr r) {
    std::vector<BoundExprPtr> operands;
    operands.push_back(std::move(l));
    operands.push_back(std::move(r));
    return BoundExpr::call(f, type, std::move(operands), {});
  };
  // (a AND b) OR (c AND d) = (a OR c) AND (a OR d) AND (b OR c) AND (b OR d)
  BoundExprPtr condition = call(BuiltInFunction::kOr, call(BuiltInFunction::kAnd, ref(0), ref(1)),
                                call(BuiltInFunction::kAnd, ref(2), ref(3)));
  std::vector<BoundExprPtr> conjuncts = conjunctiveNormalForm(*condition);
  std::string printed;
  for (const BoundExprPtr& conjunct : conjuncts) printed += conjunct->toString() + ";";
  EXPECT_EQ(printed, "OR($0, $2);OR($0, $3);OR($1, $2);OR($1, $3);");
}

}  // namespace
}  // namespace eddy::sql
