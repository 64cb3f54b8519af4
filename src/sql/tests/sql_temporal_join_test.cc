#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "eddy/types/data_types.h"
#include "sql/runtime/temporal_join_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

const types::LogicalType kLeft = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("lt", DataTypes::BIGINT())});
const types::LogicalType kRight = DataTypes::ROW({DataTypes::FIELD("id0", DataTypes::INT()), DataTypes::FIELD("rt", DataTypes::BIGINT()),
                                                  DataTypes::FIELD("w", DataTypes::STRING())});

TwoInputOperatorHarness temporalHarness(FlinkJoinType type) {
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
  spec->output_type = DataTypes::ROW(fields);
  return TwoInputOperatorHarness(std::make_unique<TemporalJoinOperator>(spec, TemporalJoinTimes{1, 1}), kLeft, kRight);
}

constexpr int L = 0;
constexpr int R = 1;

std::string watermark(TwoInputOperatorHarness& h, int64_t time) { return h.watermark(L, time) + h.watermark(R, time); }

TEST(TemporalJoinOperatorTest, LeftRowsJoinTheVersionValidAtTheirTime) {
  TwoInputOperatorHarness h = temporalHarness(FlinkJoinType::kInner);
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{10}, std::string("v10")}), "");
  EXPECT_EQ(h.process(R, RowKind::UPDATE_AFTER, {1, int64_t{20}, std::string("v20")}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{15}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{25}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{5}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{35}}), "");
  // Rows up to the watermark, in arrival order; the row at 35 waits.
  EXPECT_EQ(watermark(h, 30), "+I[1, 15, 1, 10, v10]\n+I[1, 25, 1, 20, v20]\nwatermark 30\n");
  EXPECT_EQ(h.process(R, RowKind::DELETE, {1, int64_t{40}, std::string("v20")}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{45}}), "");
  EXPECT_EQ(watermark(h, 50), "+I[1, 35, 1, 20, v20]\nwatermark 50\n");
}

TEST(TemporalJoinOperatorTest, LeftJoinPadsRowsWithoutAVersion) {
  TwoInputOperatorHarness h = temporalHarness(FlinkJoinType::kLeft);
  EXPECT_EQ(h.process(R, RowKind::INSERT, {1, int64_t{10}, std::string("v10")}), "");
  EXPECT_EQ(h.process(R, RowKind::DELETE, {1, int64_t{20}, std::string("v10")}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{5}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{12}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {1, int64_t{25}}), "");
  EXPECT_EQ(h.process(L, RowKind::INSERT, {Value(), int64_t{25}}), "");
  EXPECT_EQ(watermark(h, 100),
            "+I[1, 5, null, null, null]\n+I[1, 12, 1, 10, v10]\n+I[1, 25, null, null, null]\n"
            "+I[null, 25, null, null, null]\nwatermark 100\n");
}

class SqlTemporalJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ValuesData::registerData("rates", {changeRow(RowKind::INSERT, {"EUR", "100", "2024-01-01 09:00:00"}),
                                       changeRow(RowKind::INSERT, {"USD", "200", "2024-01-01 09:00:00"}),
                                       changeRow(RowKind::UPDATE_AFTER, {"EUR", "110", "2024-01-01 10:00:00"}),
                                       changeRow(RowKind::DELETE, {"USD", "200", "2024-01-01 11:00:00"})});
    ValuesData::registerData("orders", {insertRow({"1", "EUR", "2024-01-01 09:30:00"}), insertRow({"2", "EUR", "2024-01-01 10:30:00"}),
                                        insertRow({"3", "USD", "2024-01-01 10:00:00"}), insertRow({"4", "USD", "2024-01-01 11:30:00"}),
                                        insertRow({"5", "GBP", "2024-01-01 10:00:00"}), insertRow({"6", "EUR", "2024-01-01 08:00:00"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (oid INT, currency STRING, ots TIMESTAMP(3), "
                            "WATERMARK FOR ots AS ots) WITH ('connector' = 'values', 'data-id' = 'orders')"),
              "[OK]\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE rates (currency STRING, rate INT, rts TIMESTAMP(3), WATERMARK FOR rts AS rts, "
                            "PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'values', 'data-id' = 'rates', "
                            "'changelog-mode' = 'I,UA,D')"),
              "[OK]\n");
  }

  std::string sortedRows(const std::string& sql) { return eddy::sql::sortedRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlTemporalJoinTest, EventTimeTemporalJoin) {
  EXPECT_EQ(sortedRows("SELECT o.oid, r.rate FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ots AS r "
                       "ON o.currency = r.currency"),
            "+I[1, 100]\n+I[2, 110]\n+I[3, 200]\n");
  EXPECT_EQ(sortedRows("SELECT o.oid, r.rate FROM orders o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ots AS r "
                       "ON o.currency = r.currency"),
            "+I[1, 100]\n+I[2, 110]\n+I[3, 200]\n+I[4, NULL]\n+I[5, NULL]\n+I[6, NULL]\n");
}

TEST_F(SqlTemporalJoinTest, FlinkRefusals) {
  EXPECT_EQ(runSql(*env_, "SELECT o.oid FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.oid AS r ON o.currency = r.currency"),
            "ERROR: Temporal table join currently only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field");
  EXPECT_EQ(runSql(*env_, "SELECT o.oid FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ots AS r ON o.oid = r.rate"),
            "ERROR: Temporal table's primary key [currency] must be included in the equivalence condition of temporal "
            "join, but current temporal join condition is [TemporalJoin(joinType=[InnerJoin], where=[=(oid, rate)], "
            "timeAttributes=[ots, rts], select=[oid, currency, ots, currency0, rate, rts])].");
  ASSERT_EQ(runSql(*env_, "CREATE TABLE plain (currency STRING, rts TIMESTAMP(3), WATERMARK FOR rts AS rts) WITH "
                          "('connector' = 'values')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT o.oid FROM orders o JOIN plain FOR SYSTEM_TIME AS OF o.ots AS p ON o.currency = p.currency"),
            "ERROR: Temporal Table Join requires primary key in versioned table, but no primary key can be found.");
}

}  // namespace
}  // namespace eddy::sql
