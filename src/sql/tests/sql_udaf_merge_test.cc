#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/table/functions/aggregate_function.h"
#include "eddy/types/data_types.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using table::FunctionSignature;
using types::ColumnVector;
using types::DataTypes;

// SUM of BIGINT values as a user-defined aggregate function with an 8-byte accumulator; with
// `mergeable` it implements merge (Flink's AggregateFunction#merge), without it it does not.
class LongSum final : public table::AggregateFunction {
 public:
  explicit LongSum(bool mergeable) : mergeable_(mergeable) {}

  std::vector<FunctionSignature> signatures() const override { return {{{DataTypes::BIGINT()}, DataTypes::BIGINT()}}; }
  std::string createAccumulator() const override { return std::string(sizeof(int64_t), '\0'); }
  Status accumulate(size_t, std::string& acc, std::span<const ColumnVector* const> args, size_t row) const override {
    if (!args[0]->isNull(row)) add(acc, args[0]->valueAt<int64_t>(row));
    return Status::OK();
  }
  Status getValue(size_t, std::string_view acc, ColumnVector& out) const override {
    out.append<int64_t>(read(acc));
    return Status::OK();
  }
  bool implementsMerge() const override { return mergeable_; }
  Status merge(size_t, std::string& acc, std::string_view other) const override {
    add(acc, read(other));
    return Status::OK();
  }

 private:
  static int64_t read(std::string_view acc) {
    int64_t value;
    std::memcpy(&value, acc.data(), sizeof(value));
    return value;
  }
  static void add(std::string& acc, int64_t value) {
    const int64_t sum = read(acc) + value;
    std::memcpy(acc.data(), &sum, sizeof(sum));
  }

  bool mergeable_;
};

// A user-defined aggregate function's merge where accumulators merge: SESSION windows whose
// sessions join, and the two-phase aggregation of mini-batch.
class SqlUdafMergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_TRUE(env_->createTemporarySystemFunction("long_sum", std::make_shared<LongSum>(true)).ok());
    ASSERT_TRUE(env_->createTemporarySystemFunction("unmergeable_sum", std::make_shared<LongSum>(false)).ok());
    ASSERT_EQ(runSql(*env_, "CREATE TABLE clicks (user_id STRING, v BIGINT, ts TIMESTAMP(3), "
                            "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) "
                            "WITH ('connector' = 'values', 'data-id' = 'udaf-clicks')"),
              "[OK]\n");
    // alice's rows at 10:00 and 10:20 open two sessions of 10 minutes that 10:09 and 10:12 join.
    ValuesData::registerData("udaf-clicks", {insertRow({"alice", "1", "2024-01-01 10:00:00"}),
                                             insertRow({"alice", "20", "2024-01-01 10:20:00"}),
                                             insertRow({"bob", "300", "2024-01-01 10:05:00"}),
                                             insertRow({"alice", "4000", "2024-01-01 10:09:00"}),
                                             insertRow({"alice", "50000", "2024-01-01 10:12:00"}),
                                             insertRow({"bob", "600000", "2024-01-01 10:05:30"})});
  }

  // Mini-batch with bundles of 2 rows, over `scores`: the rows of `clicks` without their time.
  void createScoresUnderMiniBatch() {
    ASSERT_EQ(runSql(*env_, "CREATE TABLE scores (user_id STRING, v BIGINT) "
                            "WITH ('connector' = 'values', 'data-id' = 'udaf-scores')"),
              "[OK]\n");
    ValuesData::registerData("udaf-scores", {insertRow({"alice", "1"}), insertRow({"alice", "20"}), insertRow({"bob", "300"}),
                                             insertRow({"alice", "4000"}), insertRow({"alice", "50000"}),
                                             insertRow({"bob", "600000"})});
    for (const char* set : {"SET 'table.exec.mini-batch.enabled' = 'true'",
                            "SET 'table.exec.mini-batch.allow-latency' = '1 h'",
                            "SET 'table.exec.mini-batch.size' = '2'"}) {
      ASSERT_EQ(runSql(*env_, set), "[OK]\n") << set;
    }
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlUdafMergeTest, GroupWindowSessionsMergeTheirAccumulators) {
  EXPECT_EQ(runSql(*env_, "SELECT user_id, SESSION_START(ts, INTERVAL '10' MINUTE), long_sum(v) FROM clicks "
                          "GROUP BY user_id, SESSION(ts, INTERVAL '10' MINUTE)"),
            "+I[bob, 2024-01-01 10:05:00.000, 600300]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 54021]\n");
}

TEST_F(SqlUdafMergeTest, SessionWindowTableFunctionMergesTheAccumulators) {
  EXPECT_EQ(runSql(*env_, "SELECT user_id, window_start, window_end, long_sum(v) FROM TABLE(SESSION(TABLE clicks "
                          "PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' MINUTE)) "
                          "GROUP BY user_id, window_start, window_end"),
            "+I[bob, 2024-01-01 10:05:00.000, 2024-01-01 10:15:30.000, 600300]\n"
            "+I[alice, 2024-01-01 10:00:00.000, 2024-01-01 10:30:00.000, 54021]\n");
}

TEST_F(SqlUdafMergeTest, SessionWindowWithoutMergeFailsWithFlinksMessage) {
  EXPECT_EQ(runSql(*env_, "SELECT user_id, unmergeable_sum(v) FROM clicks "
                          "GROUP BY user_id, SESSION(ts, INTERVAL '10' MINUTE)"),
            "ERROR: Could not find an implementation method 'merge' for function 'unmergeable_sum' that matches the "
            "following signature:\nStatus merge(size_t, std::string&, std::string_view)");
}

TEST_F(SqlUdafMergeTest, TwoPhaseAggregationMergesBundlesWithMerge) {
  createScoresUnderMiniBatch();
  const std::string plan = optimizedPhysicalPlan(*env_, "SELECT user_id, long_sum(v) AS total FROM scores GROUP BY user_id");
  EXPECT_TRUE(plan.starts_with("== Optimized Physical Plan ==\n"
                               "GlobalGroupAggregate(groupBy=[user_id], select=[user_id, long_sum(long_sum$0) AS total])\n"
                               "+- Exchange(distribution=[hash[user_id]])\n"
                               "   +- LocalGroupAggregate(groupBy=[user_id], select=[user_id, long_sum("))
      << plan;
  EXPECT_EQ(finalRows(*env_, "SELECT user_id, long_sum(v) AS total FROM scores GROUP BY user_id"),
            "[alice, 54021]\n[bob, 600300]\n");
}

TEST_F(SqlUdafMergeTest, WithoutMergeMiniBatchAggregatesInOnePhase) {
  createScoresUnderMiniBatch();
  const std::string plan =
      optimizedPhysicalPlan(*env_, "SELECT user_id, unmergeable_sum(v) AS total FROM scores GROUP BY user_id");
  EXPECT_TRUE(plan.starts_with("== Optimized Physical Plan ==\n"
                               "GroupAggregate(groupBy=[user_id], select=[user_id, unmergeable_sum("))
      << plan;
  EXPECT_EQ(finalRows(*env_, "SELECT user_id, unmergeable_sum(v) AS total FROM scores GROUP BY user_id"),
            "[alice, 54021]\n[bob, 600300]\n");
}

}  // namespace
}  // namespace eddy::sql
