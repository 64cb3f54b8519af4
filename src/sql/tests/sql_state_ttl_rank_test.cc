#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/runtime/changelog_normalize_operator.h"
#include "sql/runtime/deduplicate_operator.h"
#include "sql/runtime/rank_operator.h"
#include "sql/runtime/retractable_rank_operator.h"
#include "sql/runtime/updatable_rank_operator.h"
#include "sql/tests/ttl_operator_harness.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;

// 'table.exec.state.ttl' on Top-N, deduplication and ChangelogNormalize, with processing time
// driven by hand: state idle for the TTL is gone, and the key starts over, as Flink's functions
// with createTtlConfig on their state (a write refreshes it; nothing else does).

const types::LogicalType kScores =
    DataTypes::ROW({DataTypes::FIELD("k", DataTypes::STRING()), DataTypes::FIELD("v", DataTypes::INT())});
const types::LogicalType kRankedScores = DataTypes::ROW({DataTypes::FIELD("k", DataTypes::STRING()),
                                                         DataTypes::FIELD("v", DataTypes::INT()),
                                                         DataTypes::FIELD("rn", DataTypes::BIGINT())});
// ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) <= 2
const std::vector<SortField> kByValueDesc = {SortField{1, false, false}};

class StateTtlRankTest : public ::testing::Test {
 protected:
  void setTime(int64_t ms) { now_->store(ms); }
  std::shared_ptr<std::atomic<int64_t>> now_ = std::make_shared<std::atomic<int64_t>>(0);
};

TEST_F(StateTtlRankTest, AppendOnlyTopNStartsOverAfterIdleTime) {
  TtlOperatorHarness h(std::make_unique<RankOperator>(std::vector<int>{0}, kByValueDesc, 1, 2, true, true, 2,
                                                      kRankedScores, 1000),
                       {kScores}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 10}), "+I[a, 10, 1]\n");
  setTime(500);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 20}), "-U[a, 10, 1]\n+U[a, 20, 1]\n+I[a, 10, 2]\n");
  // Below a full top 2: dropped, and the state is not written, so not refreshed.
  setTime(1499);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 5}), "");
  setTime(1500);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 5}), "+I[a, 5, 1]\n");
}

TEST_F(StateTtlRankTest, AppendOnlyTopNWithoutTtlNeverForgets) {
  TtlOperatorHarness h(std::make_unique<RankOperator>(std::vector<int>{0}, kByValueDesc, 1, 2, true, true, 2,
                                                      kRankedScores, 0),
                       {kScores}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 10}), "+I[a, 10, 1]\n");
  setTime(100000);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 5}), "+I[a, 5, 2]\n");
}

// Both states expire on their own: "sorted-map" (written by every row of the partition) and
// each sort key's rows in "data-state". Rows whose entry expired are skipped, as Flink's
// RetractableTopNFunction does when state cleaning is enabled.
TEST_F(StateTtlRankTest, RetractableTopNSkipsExpiredRows) {
  TtlOperatorHarness h(std::make_unique<RetractableRankOperator>(std::vector<int>{0}, kByValueDesc, 1, 2, true, true,
                                                                 2, kRankedScores, 1000),
                       {kScores}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 10}), "+I[a, 10, 1]\n");
  setTime(600);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 20}), "-U[a, 10, 1]\n+U[a, 20, 1]\n+I[a, 10, 2]\n");
  // The rows of 10 were written at 0 and are gone: their retraction is dropped.
  setTime(1000);
  EXPECT_EQ(h.process(0, RowKind::DELETE, {std::string("a"), 10}), "");
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 15}), "+I[a, 15, 2]\n");
  // 20 (written at 600) is gone too, but "sorted-map" (written at 1000) still counts it: its
  // rows are skipped without taking a rank, as in Flink, so the updates rank 30 and 15 as 1
  // and 2.
  setTime(1600);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 30}), "-U[a, 15, 1]\n+U[a, 30, 1]\n+I[a, 15, 2]\n");
  setTime(3000);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 1}), "+I[a, 1, 1]\n");
}

TEST_F(StateTtlRankTest, UpdatableTopNStartsOverAfterIdleTime) {
  const types::LogicalType counts =
      DataTypes::ROW({DataTypes::FIELD("k", DataTypes::STRING()), DataTypes::FIELD("id", DataTypes::INT()),
                      DataTypes::FIELD("cnt", DataTypes::BIGINT())});
  const types::LogicalType ranked =
      DataTypes::ROW({DataTypes::FIELD("k", DataTypes::STRING()), DataTypes::FIELD("id", DataTypes::INT()),
                      DataTypes::FIELD("cnt", DataTypes::BIGINT()), DataTypes::FIELD("rn", DataTypes::BIGINT())});
  TtlOperatorHarness h(std::make_unique<UpdatableRankOperator>(std::vector<int>{0}, std::vector<SortField>{{2, false, false}},
                                                               std::vector<int>{0, 1}, 1, 2, true, true, 3, ranked, 1000),
                       {counts}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 1, int64_t{5}}), "+I[a, 1, 5, 1]\n");
  setTime(500);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 2, int64_t{3}}), "+I[a, 2, 3, 2]\n");
  setTime(1499);
  EXPECT_EQ(h.process(0, RowKind::UPDATE_AFTER, {std::string("a"), 2, int64_t{7}}),
            "-U[a, 1, 5, 1]\n-U[a, 2, 3, 2]\n+U[a, 2, 7, 1]\n+U[a, 1, 5, 2]\n");
  setTime(2499);
  EXPECT_EQ(h.process(0, RowKind::UPDATE_AFTER, {std::string("a"), 1, int64_t{6}}), "+I[a, 1, 6, 1]\n");
}

TEST_F(StateTtlRankTest, DeduplicateFirstRowIsFirstAgainAfterIdleTime) {
  TtlOperatorHarness h(std::make_unique<DeduplicateOperator>(std::vector<int>{0}, 1, false, false, true, kScores, 1000),
                       {kScores}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 1}), "+I[a, 1]\n");
  // Later rows are dropped without writing: the first row's state expires 1000 after it.
  setTime(999);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 2}), "");
  setTime(1000);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 3}), "+I[a, 3]\n");
}

TEST_F(StateTtlRankTest, DeduplicateLastRowIsAnInsertAgainAfterIdleTime) {
  TtlOperatorHarness h(std::make_unique<DeduplicateOperator>(std::vector<int>{0}, 1, false, true, true, kScores, 1000),
                       {kScores}, now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 1}), "+I[a, 1]\n");
  setTime(999);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 2}), "-U[a, 1]\n+U[a, 2]\n");
  setTime(1998);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 3}), "-U[a, 2]\n+U[a, 3]\n");
  setTime(2998);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), 4}), "+I[a, 4]\n");
}

TEST_F(StateTtlRankTest, DeduplicateOnRowtimeForgetsTheKeptRow) {
  const types::LogicalType events = DataTypes::ROW(
      {DataTypes::FIELD("k", DataTypes::STRING()), DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3))});
  TtlOperatorHarness h(std::make_unique<DeduplicateOperator>(std::vector<int>{0}, 1, true, false, true, events, 1000),
                       {events}, now_);
  const auto at = [](int64_t ms) { return types::Value::timestamp(types::TimestampData::fromEpochMillis(ms)); };
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), at(5000)}), "+I[a, 1970-01-01T00:00:05]\n");
  setTime(500);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), at(4000)}),
            "-U[a, 1970-01-01T00:00:05]\n+U[a, 1970-01-01T00:00:04]\n");
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), at(4500)}), "");
  // A later rowtime than the first row's is a first row again once the state expired.
  setTime(1500);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {std::string("a"), at(4500)}), "+I[a, 1970-01-01T00:00:04.500]\n");
}

const types::LogicalType kUsers =
    DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("name", DataTypes::STRING())});

// With TTL an unchanged row is emitted again (-U / +U) so that downstream state is refreshed;
// without it, it is dropped.
TEST_F(StateTtlRankTest, ChangelogNormalizeForgetsIdleKeysAndRefreshesDownstream) {
  TtlOperatorHarness h(std::make_unique<ChangelogNormalizeOperator>(std::vector<int>{0}, true, kUsers, 1000), {kUsers},
                       now_);
  EXPECT_EQ(h.process(0, RowKind::INSERT, {1, std::string("ann")}), "+I[1, ann]\n");
  setTime(500);
  EXPECT_EQ(h.process(0, RowKind::UPDATE_AFTER, {1, std::string("ann")}), "-U[1, ann]\n+U[1, ann]\n");
  // Last written at 500: a tombstone at 1500 finds nothing to delete.
  setTime(1500);
  EXPECT_EQ(h.process(0, RowKind::DELETE, {1, types::Value()}), "");
  EXPECT_EQ(h.process(0, RowKind::UPDATE_AFTER, {1, std::string("bob")}), "+I[1, bob]\n");

  TtlOperatorHarness no_ttl(std::make_unique<ChangelogNormalizeOperator>(std::vector<int>{0}, true, kUsers, 0),
                            {kUsers}, now_);
  EXPECT_EQ(no_ttl.process(0, RowKind::INSERT, {1, std::string("ann")}), "+I[1, ann]\n");
  setTime(100000);
  EXPECT_EQ(no_ttl.process(0, RowKind::UPDATE_AFTER, {1, std::string("ann")}), "");
  EXPECT_EQ(no_ttl.process(0, RowKind::DELETE, {1, types::Value()}), "-D[1, ann]\n");
}

}  // namespace
}  // namespace eddy::sql
