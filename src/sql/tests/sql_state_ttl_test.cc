#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/configuration.h"
#include "eddy/state/ttl/ttl_time_provider.h"
#include "eddy/types/data_types.h"
#include "sql/runtime/group_aggregate_operator.h"
#include "sql/runtime/state_config_util.h"
#include "sql/runtime/streaming_join_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/ttl_operator_harness.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

// 'table.exec.state.ttl' on the operators it applies to (regular group aggregates and joins),
// with processing time driven by hand: a key idle longer than the TTL starts over.

const types::LogicalType kWords = DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING())});

// SELECT word, COUNT(*) FROM words GROUP BY word
std::unique_ptr<GroupAggregateOperator> countPerWord(int64_t retention_ms) {
  AggregateCall count;
  count.function = AggregateCall::Function::kCount;
  count.name = "cnt";
  return std::make_unique<GroupAggregateOperator>(
      std::vector<int>{0}, std::vector<AggregateCall>{count},
      DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("cnt", DataTypes::BIGINT())}),
      true, retention_ms);
}

class StateTtlTest : public ::testing::Test {
 protected:
  void setTime(int64_t ms) { now_->store(ms); }
  std::shared_ptr<std::atomic<int64_t>> now_ = std::make_shared<std::atomic<int64_t>>(0);
};

// Flink's documented effect: the count of a word idle for longer than the TTL restarts from 1.
TEST_F(StateTtlTest, GroupAggregateStartsOverAfterIdleTime) {
  TtlOperatorHarness h(countPerWord(1000), {kWords}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), "+I[a, 1]\n");
  setTime(999);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), "-U[a, 1]\n+U[a, 2]\n");
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("b")}), "+I[b, 1]\n");
  // a was last written at 999: it lives until 1999.
  setTime(1998);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), "-U[a, 2]\n+U[a, 3]\n");
  setTime(2998);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), "+I[a, 1]\n");
  // A retraction for expired state is ignored, as for state never seen.
  EXPECT_EQ(h.process(0, RowKind::DELETE, {std::string("b")}), "");
}

// Without TTL nothing expires, and an unchanged result is not re-emitted; with TTL it is (to
// refresh downstream state, as Flink's GroupAggFunction).
TEST_F(StateTtlTest, GroupAggregateWithoutTtlNeverForgets) {
  AggregateCall max;
  max.function = AggregateCall::Function::kMax;
  max.argument = 0;
  max.argument_type = DataTypes::STRING();
  max.result_type = DataTypes::STRING();
  max.name = "m";
  for (int64_t retention : {int64_t{0}, int64_t{1000}}) {
    SCOPED_TRACE(retention);
    setTime(0);
    TtlOperatorHarness h(std::make_unique<GroupAggregateOperator>(
                             std::vector<int>{0}, std::vector<AggregateCall>{max},
                             DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()),
                                             DataTypes::FIELD("m", DataTypes::STRING())}),
                             true, retention),
                         {kWords}, now_);
    EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), "+I[a, a]\n");
    setTime(500);
    EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), retention > 0 ? "-U[a, a]\n+U[a, a]\n" : "");
    setTime(100000);
    EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a")}), retention > 0 ? "+I[a, a]\n" : "");
  }
}

const types::LogicalType kLeft =
    DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("v", DataTypes::STRING())});
const types::LogicalType kRight =
    DataTypes::ROW({DataTypes::FIELD("id0", DataTypes::INT()), DataTypes::FIELD("w", DataTypes::STRING())});

std::unique_ptr<StreamingJoinOperator> innerJoin(int64_t retention_ms) {
  auto spec = std::make_shared<StreamingJoinSpec>();
  spec->left_keys = {0};
  spec->right_keys = {0};
  spec->filter_nulls = {true};
  spec->left_type = kLeft;
  spec->right_type = kRight;
  std::vector<types::RowField> fields = kLeft.fields();
  for (const types::RowField& f : kRight.fields()) fields.push_back(f);
  spec->joined_type = DataTypes::ROW(fields);
  spec->output_type = DataTypes::ROW(fields);
  spec->state_retention_ms = retention_ms;
  return std::make_unique<StreamingJoinOperator>(spec);
}

// Each stored row of a regular join expires on its own, TTL after it was last written.
TEST_F(StateTtlTest, JoinForgetsRowsIdleLongerThanTheTtl) {
  TtlOperatorHarness h(innerJoin(1000), {kLeft, kRight}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {1, std::string("a")}), "");
  setTime(600);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {1, std::string("b")}), "");
  EXPECT_EQ(h.process(1, RowKind::INSERT, {1, std::string("x")}), "+I[1, a, 1, x]\n+I[1, b, 1, x]\n");
  setTime(1000);
  // a was stored at 0 and is gone; b (600) and x (600) are not.
  EXPECT_EQ(h.process(1, RowKind::INSERT, {1, std::string("y")}), "+I[1, b, 1, y]\n");
  EXPECT_EQ(h.process(0, RowKind::INSERT, {1, std::string("c")}), "+I[1, c, 1, x]\n+I[1, c, 1, y]\n");
  setTime(1700);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {1, std::string("d")}), "+I[1, d, 1, y]\n");
}

TEST(StateConfigUtilTest, ReadsTableExecStateTtl) {
  Configuration configuration;
  EXPECT_EQ(*idleStateRetentionMillis(configuration), 0);
  EXPECT_FALSE(createTtlConfig(0).isEnabled());
  configuration.setString("table.exec.state.ttl", "1 h");
  EXPECT_EQ(*idleStateRetentionMillis(configuration), 3600000);
  state::StateTtlConfig ttl = createTtlConfig(3600000);
  EXPECT_TRUE(ttl.isEnabled());
  EXPECT_EQ(ttl.getTtl().count(), 3600000);
  EXPECT_EQ(ttl.getUpdateType(), state::StateTtlConfig::UpdateType::OnCreateAndWrite);
  EXPECT_EQ(ttl.getStateVisibility(), state::StateTtlConfig::StateVisibility::NeverReturnExpired);
  configuration.setString("table.exec.state.ttl", "soon");
  EXPECT_FALSE(idleStateRetentionMillis(configuration).ok());
}

}  // namespace
}  // namespace eddy::sql
