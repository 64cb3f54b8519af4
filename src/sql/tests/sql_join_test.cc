#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "eddy/types/data_types.h"
#include "sql/runtime/streaming_join_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

const types::LogicalType kLeft = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("v", DataTypes::STRING())});
const types::LogicalType kRight =
    DataTypes::ROW({DataTypes::FIELD("id0", DataTypes::INT()), DataTypes::FIELD("w", DataTypes::STRING())});

// A harness around a join of kLeft and kRight on id = id0, with `condition` over the
// concatenated row (null for none).
TwoInputOperatorHarness joinHarness(FlinkJoinType type, BoundExprPtr condition = nullptr,
                                    const state::KeyedStateSnapshot* restored = nullptr) {
  auto spec = std::make_shared<StreamingJoinSpec>();
  spec->join_type = type;
  spec->left_keys = {0};
  spec->right_keys = {0};
  spec->filter_nulls = {true};
  spec->left_type = kLeft;
  spec->right_type = kRight;
  std::vector<types::RowField> fields = kLeft.fields();
  for (const types::RowField& f : kRight.fields()) fields.push_back(f);
  spec->joined_type = DataTypes::ROW(fields);
  spec->output_type = type == FlinkJoinType::kSemi || type == FlinkJoinType::kAnti ? kLeft : DataTypes::ROW(fields);
  if (condition) spec->condition = std::make_shared<const ExpressionEvaluator>(std::move(condition));
  return TwoInputOperatorHarness(std::make_unique<StreamingJoinOperator>(spec), kLeft, kRight, restored);
}

constexpr int L = 0;
constexpr int R = 1;
const Value kNull;

TEST(StreamingJoinOperatorTest, InnerJoinMatchesBothWaysWithDuplicates) {
  TwoInputOperatorHarness h = joinHarness(FlinkJoinType::kInner);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("a")}), "");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("x")}), "+I[1, a, 1, x]\n");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a, 1, x]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {2, std::string("y")}), "");
  EXPECT_EQ(h.process(R, RowKind::DELETE, {1, std::string("x")}), "-D[1, a, 1, x]\n-D[1, a, 1, x]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("z")}), "+I[1, a, 1, z]\n+I[1, a, 1, z]\n");
}

TEST(StreamingJoinOperatorTest, InnerJoinForwardsUpdateKinds) {
  TwoInputOperatorHarness h = joinHarness(FlinkJoinType::kInner);
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("x")}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a, 1, x]\n");
  EXPECT_EQ(h.process(L, RowKind::UPDATE_BEFORE, {1, std::string("a")}), "-U[1, a, 1, x]\n");
  EXPECT_EQ(h.process(L, RowKind::UPDATE_AFTER, {1, std::string("b")}), "+U[1, b, 1, x]\n");
  // A retraction of a row that was never there still retracts its joined rows, as Flink.
  EXPECT_EQ(h.process(L, RowKind::DELETE, {1, std::string("b")}), "-D[1, b, 1, x]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("y")}), "");
}

TEST(StreamingJoinOperatorTest, LeftJoinPadsAndRetractsThePaddedRow) {
  TwoInputOperatorHarness h = joinHarness(FlinkJoinType::kLeft);
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a, null, null]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("x")}), "-D[1, a, null, null]\n+I[1, a, 1, x]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("y")}), "+I[1, a, 1, y]\n");
  EXPECT_EQ(h.process(R, RowKind::DELETE, {1, std::string("x")}), "-D[1, a, 1, x]\n");
  // The inner side's retraction keeps its kind; the outer side's rows are +I / -D.
  EXPECT_EQ(h.process(R, RowKind::UPDATE_BEFORE, {1, std::string("y")}), "-U[1, a, 1, y]\n+I[1, a, null, null]\n");
  EXPECT_EQ(h.process(L, RowKind::UPDATE_BEFORE, {1, std::string("a")}), "-D[1, a, null, null]\n");
  EXPECT_EQ(h.process(R, RowKind::UPDATE_AFTER, {1, std::string("z")}), "");
  EXPECT_EQ(h.process(L, RowKind::UPDATE_AFTER, {1, std::string("b")}), "+I[1, b, 1, z]\n");
}

TEST(StreamingJoinOperatorTest, RightAndFullJoinPadTheOtherSide) {
  TwoInputOperatorHarness right = joinHarness(FlinkJoinType::kRight);
  EXPECT_EQ(right.process(L, RowKind::INSERT, {1, std::string("a")}), "");
  EXPECT_EQ(right.process(R, RowKind::INSERT, {2, std::string("x")}), "+I[null, null, 2, x]\n");
  EXPECT_EQ(right.process(R, RowKind::INSERT, {1, std::string("y")}), "+I[1, a, 1, y]\n");

  TwoInputOperatorHarness full = joinHarness(FlinkJoinType::kFull);
  EXPECT_EQ(full.process(R, RowKind::INSERT, {2, std::string("z")}), "+I[null, null, 2, z]\n");
  EXPECT_EQ(full.process(R, RowKind::INSERT, {2, std::string("z")}), "+I[null, null, 2, z]\n");
  EXPECT_EQ(full.process(L, RowKind::INSERT, {2, std::string("b")}),
            "-D[null, null, 2, z]\n-D[null, null, 2, z]\n+I[2, b, 2, z]\n+I[2, b, 2, z]\n");
  EXPECT_EQ(full.process(L, RowKind::DELETE, {2, std::string("b")}),
            "-D[2, b, 2, z]\n-D[2, b, 2, z]\n+I[null, null, 2, z]\n+I[null, null, 2, z]\n");
  EXPECT_EQ(full.process(L, RowKind::INSERT, {3, std::string("c")}), "+I[3, c, null, null]\n");
}

TEST(StreamingJoinOperatorTest, NullKeysNeverMatch) {
  TwoInputOperatorHarness inner = joinHarness(FlinkJoinType::kInner);
  EXPECT_EQ(inner.process(L, RowKind::INSERT, {kNull, std::string("a")}), "");
  EXPECT_EQ(inner.process(R, RowKind::INSERT, {kNull, std::string("x")}), "");

  TwoInputOperatorHarness full = joinHarness(FlinkJoinType::kFull);
  EXPECT_EQ(full.process(L, RowKind::INSERT, {kNull, std::string("a")}), "+I[null, a, null, null]\n");
  EXPECT_EQ(full.process(R, RowKind::INSERT, {kNull, std::string("x")}), "+I[null, null, null, x]\n");
  EXPECT_EQ(full.process(L, RowKind::DELETE, {kNull, std::string("a")}), "-D[null, a, null, null]\n");
}

// v < w over the concatenated row (v is field 1, w field 3).
BoundExprPtr vLessThanW() {
  std::vector<BoundExprPtr> operands;
  operands.push_back(BoundExpr::inputRef(1, DataTypes::STRING(), {}));
  operands.push_back(BoundExpr::inputRef(3, DataTypes::STRING(), {}));
  return BoundExpr::call(BuiltInFunction::kLessThan, DataTypes::BOOLEAN(), std::move(operands), {});
}

TEST(StreamingJoinOperatorTest, ResidualConditionDecidesWhichRowsMatch) {
  TwoInputOperatorHarness h = joinHarness(FlinkJoinType::kLeft, vLessThanW());
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("m")}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("z")}), "+I[1, z, null, null]\n");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a, 1, m]\n");
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, std::string("zz")}),
            "-D[1, z, null, null]\n+I[1, a, 1, zz]\n+I[1, z, 1, zz]\n");
}

TEST(StreamingJoinOperatorTest, SemiAndAntiJoinEmitLeftRows) {
  TwoInputOperatorHarness semi = joinHarness(FlinkJoinType::kSemi);
  EXPECT_EQ(semi.process(L, RowKind::INSERT, {1, std::string("a")}), "");
  EXPECT_EQ(semi.process(R, RowKind::INSERT, {1, std::string("x")}), "+I[1, a]\n");
  EXPECT_EQ(semi.process(R, RowKind::INSERT, {1, std::string("y")}), "");
  EXPECT_EQ(semi.process(L, RowKind::INSERT, {1, std::string("b")}), "+I[1, b]\n");
  EXPECT_EQ(semi.process(R, RowKind::DELETE, {1, std::string("x")}), "");
  EXPECT_EQ(semi.process(R, RowKind::DELETE, {1, std::string("y")}), "-D[1, a]\n-D[1, b]\n");

  TwoInputOperatorHarness anti = joinHarness(FlinkJoinType::kAnti);
  EXPECT_EQ(anti.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a]\n");
  EXPECT_EQ(anti.process(L, RowKind::INSERT, {kNull, std::string("n")}), "+I[null, n]\n");
  EXPECT_EQ(anti.process(R, RowKind::INSERT, {1, std::string("x")}), "-D[1, a]\n");
  EXPECT_EQ(anti.process(R, RowKind::INSERT, {kNull, std::string("x")}), "");
  EXPECT_EQ(anti.process(R, RowKind::DELETE, {1, std::string("x")}), "+I[1, a]\n");
}

TEST(StreamingJoinOperatorTest, RestoredStateJoinsAsBefore) {
  state::KeyedStateSnapshot snapshot;
  {
    TwoInputOperatorHarness first = joinHarness(FlinkJoinType::kLeft);
    EXPECT_EQ(first.process(L, RowKind::INSERT, {1, std::string("a")}), "+I[1, a, null, null]\n");
    EXPECT_EQ(first.process(R, RowKind::INSERT, {2, std::string("x")}), "");
    Result<state::KeyedStateSnapshot> taken = first.backend().snapshot();
    ASSERT_TRUE(taken.ok()) << taken.status().toString();
    snapshot = *taken;
  }
  TwoInputOperatorHarness restored = joinHarness(FlinkJoinType::kLeft, nullptr, &snapshot);
  EXPECT_EQ(restored.process(R, RowKind::INSERT, {1, std::string("y")}), "-D[1, a, null, null]\n+I[1, a, 1, y]\n");
  EXPECT_EQ(restored.process(L, RowKind::INSERT, {2, std::string("b")}), "+I[2, b, 2, x]\n");
}

// SQL through the planner and the runtime. Two sources run concurrently, so the order in
// which the join sees their rows is not fixed: these tests compare the final rows (the
// changelog folded), sorted, and the plans.
class SqlJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("orders", {insertRow({"1", "10", "apple"}), insertRow({"2", "20", "pear"}),
                                        insertRow({"3", "10", "apple"}), insertRow({"4", std::nullopt, "fig"}),
                                        insertRow({"5", "30", "kiwi"})});
    ValuesData::registerData("users", {insertRow({"10", "alice"}), insertRow({"20", "bob"}), insertRow({"20", "bob"}),
                                       insertRow({"40", "dave"}), insertRow({std::nullopt, "nobody"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (oid INT, uid INT, item STRING) WITH ('connector' = 'values', "
                            "'data-id' = 'orders')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE users (uid INT, name STRING) WITH ('connector' = 'values', "
                            "'data-id' = 'users')"),
              "[OK]\n");
  }

  std::string finalRows(const std::string& sql) { return eddy::sql::finalRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlJoinTest, InnerJoinWithDuplicatesAndNullKeys) {
  EXPECT_EQ(finalRows("SELECT o.oid, u.name FROM orders o JOIN users u ON o.uid = u.uid"),
            "[1, alice]\n[2, bob]\n[2, bob]\n[3, alice]\n");
}

TEST_F(SqlJoinTest, OuterJoins) {
  EXPECT_EQ(finalRows("SELECT o.oid, u.name FROM orders o LEFT JOIN users u ON o.uid = u.uid"),
            "[1, alice]\n[2, bob]\n[2, bob]\n[3, alice]\n[4, NULL]\n[5, NULL]\n");
  EXPECT_EQ(finalRows("SELECT o.oid, u.name FROM orders o RIGHT JOIN users u ON o.uid = u.uid"),
            "[1, alice]\n[2, bob]\n[2, bob]\n[3, alice]\n[NULL, dave]\n[NULL, nobody]\n");
  EXPECT_EQ(finalRows("SELECT o.oid, u.name FROM orders o FULL OUTER JOIN users u ON o.uid = u.uid"),
            "[1, alice]\n[2, bob]\n[2, bob]\n[3, alice]\n[4, NULL]\n[5, NULL]\n[NULL, dave]\n[NULL, nobody]\n");
}

TEST_F(SqlJoinTest, NonEquiConditionsCommaJoinsUsingAndNatural) {
  EXPECT_EQ(finalRows("SELECT o.oid, u.name FROM orders o LEFT JOIN users u ON o.uid = u.uid AND o.oid > 1"),
            "[1, NULL]\n[2, bob]\n[2, bob]\n[3, alice]\n[4, NULL]\n[5, NULL]\n");
  EXPECT_EQ(finalRows("SELECT oid, name FROM orders, users WHERE orders.uid = users.uid AND item = 'apple'"),
            "[1, alice]\n[3, alice]\n");
  EXPECT_EQ(finalRows("SELECT * FROM orders JOIN users USING (uid) WHERE oid < 3"),
            "[10, 1, apple, alice]\n[20, 2, pear, bob]\n[20, 2, pear, bob]\n");
  EXPECT_EQ(finalRows("SELECT uid, oid FROM orders NATURAL FULL JOIN users WHERE oid IS NULL OR oid = 4"),
            "[40, NULL]\n[NULL, 4]\n[NULL, NULL]\n");
}

TEST_F(SqlJoinTest, RetractionsFlowThroughAJoin) {
  EXPECT_EQ(finalRows("SELECT u.name, c.cnt FROM (SELECT uid, COUNT(*) AS cnt FROM orders GROUP BY uid) c "
                      "JOIN users u ON c.uid = u.uid"),
            "[alice, 2]\n[bob, 1]\n[bob, 1]\n");
  EXPECT_EQ(finalRows("SELECT name, COUNT(*) FROM orders o JOIN users u ON o.uid = u.uid GROUP BY name"),
            "[alice, 2]\n[bob, 2]\n");
}

TEST_F(SqlJoinTest, ExplainShowsTheJoinAndItsChangelogMode) {
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT o.oid, u.name FROM orders o LEFT JOIN users u ON o.uid = u.uid", true),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[oid, name], changelogMode=[I,UB,UA,D])\n"
            "+- Join(joinType=[LeftOuterJoin], where=[=(uid, uid0)], select=[oid, uid, item, uid0, name], "
            "leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey], changelogMode=[I,UB,UA,D])\n"
            "   :- Exchange(distribution=[hash[uid]], changelogMode=[I])\n"
            "   :  +- TableSourceScan(table=[[default_catalog, default_database, orders]], fields=[oid, uid, item], "
            "changelogMode=[I])\n"
            "   +- Exchange(distribution=[hash[uid]], changelogMode=[I])\n"
            "      +- TableSourceScan(table=[[default_catalog, default_database, users]], fields=[uid, name], "
            "changelogMode=[I])");
}

TEST_F(SqlJoinTest, AnInsertOnlySinkRefusesAnOuterJoin) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE x (oid INT, name STRING) WITH ('connector' = 'values')"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO x SELECT o.oid, u.name FROM orders o JOIN users u ON o.uid = u.uid"), "[-1]\n");
  EXPECT_EQ(runSql(*env_, "INSERT INTO x SELECT o.oid, u.name FROM orders o LEFT JOIN users u ON o.uid = u.uid"),
            "ERROR: Table sink 'default_catalog.default_database.x' doesn't support consuming update and delete "
            "changes which is produced by node Join(joinType=[LeftOuterJoin], where=[=(uid, uid0)], "
            "select=[oid, uid, item, uid0, name], leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])");
}

TEST_F(SqlJoinTest, UnknownColumnsInJoinConditions) {
  EXPECT_EQ(runSql(*env_, "SELECT * FROM orders JOIN users USING (item)"),
            "ERROR: From line 1, column 22 to line 1, column 44: Column 'item' not found in any table");
  EXPECT_EQ(runSql(*env_, "SELECT * FROM orders o JOIN users u ON o.uid = u.nope"),
            "ERROR: From line 1, column 48 to line 1, column 53: Column 'nope' not found in table 'u'");
}

}  // namespace
}  // namespace eddy::sql
