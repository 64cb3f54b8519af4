#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/runtime/mini_batch_assigner_operator.h"
#include "sql/runtime/mini_batch_global_group_aggregate_operator.h"
#include "sql/runtime/mini_batch_group_aggregate_operator.h"
#include "sql/runtime/mini_batch_local_group_aggregate_operator.h"
#include "sql/tests/join_operator_harness.h"
#include "sql/tests/manual_processing_time_service.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using types::Value;

// Rows [word STRING, v INT] and what aggregates them: COUNT(*), SUM(v), MAX(v).
const types::LogicalType kInputType =
    DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("v", DataTypes::INT())});
const types::LogicalType kOutputType =
    DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("cnt", DataTypes::BIGINT()),
                    DataTypes::FIELD("total", DataTypes::INT()), DataTypes::FIELD("top", DataTypes::INT())});
const types::LogicalType kLocalType = DataTypes::ROW(
    {DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("accumulators", DataTypes::BYTES().notNull())});

std::vector<AggregateCall> calls(bool needs_retraction) {
  AggregateCall count;
  count.name = "cnt";
  AggregateCall sum;
  sum.function = AggregateCall::Function::kSum;
  sum.argument = 1;
  sum.argument_type = DataTypes::INT();
  sum.result_type = DataTypes::INT();
  sum.name = "total";
  AggregateCall max = sum;
  max.function = AggregateCall::Function::kMax;
  max.name = "top";
  std::vector<AggregateCall> out = {count, sum, max};
  for (AggregateCall& call : out) call.needs_retraction = needs_retraction;
  return out;
}

runtime::RecordBatch<RowChunk> chunk(const std::vector<types::Row>& rows) {
  auto batch = std::make_shared<types::ColumnBatch>(kInputType);
  for (const types::Row& row : rows) EXPECT_TRUE(batch->appendRow(row).ok());
  runtime::RecordBatch<RowChunk> records;
  records.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
  return records;
}

types::Row row(RowKind kind, const char* word, int32_t v) { return types::Row(kind, {Value(std::string(word)), Value(v)}); }

// Hands what the local aggregation emits straight to the global one, as the Exchange would
// with one subtask on each side.
class ForwardingOutput final : public runtime::Output<RowChunk> {
 public:
  void emitBatch(runtime::RecordBatch<RowChunk>& batch) override { target->processBatch(batch, 0); }
  void emitWatermark(int64_t watermark) override { target->processWatermark(watermark, 0); }
  void emitWatermarkStatus(bool) override {}

  runtime::StreamOperator* target = nullptr;
};

// One instance of a one-input SQL operator driven by hand, keyed when `keyed`; its managed
// operator state (the open bundle) comes from `restored_bundle` and its keyed state from
// `restored_keyed`, as a restore would hand them over.
struct OperatorUnderTest {
  OperatorUnderTest(std::unique_ptr<runtime::StreamOperator> op, runtime::OutputBase* output, bool keyed,
                    std::vector<state::OperatorStateSnapshot> restored_bundle = {},
                    const state::KeyedStateSnapshot* restored_keyed = nullptr)
      : op(std::move(op)) {
    runtime::OperatorSetup setup;
    setup.info.name = "mini-batch";
    setup.output = output;
    setup.processing_time = &time;
    if (keyed) {
      backend = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, {});
      if (restored_keyed) {
        EXPECT_TRUE(backend->restore(*restored_keyed).ok());
      }
      setup.keyed_state = backend.get();
    }
    this->op->setup(std::move(setup));
    this->op->restoreManagedOperatorState(restored_bundle.empty() ? std::nullopt : std::optional<int64_t>(1),
                                          std::move(restored_bundle));
    this->op->open();
  }

  // The operator state and keyed state of a checkpoint, taken as the task takes them.
  std::vector<state::OperatorStateSnapshot> snapshotBundle() {
    EXPECT_TRUE(op->snapshotOperatorState(1).ok());
    return op->snapshotManagedOperatorState(1, 0);
  }

  ManualProcessingTimeService time;
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend;
  std::unique_ptr<runtime::StreamOperator> op;
};

TEST(SqlMiniBatchOperatorTest, OnePhaseEmitsEachKeyOncePerBundle) {
  ChangelogCollector out;
  OperatorUnderTest aggregate(std::make_unique<MiniBatchGroupAggregateOperator>(std::vector<int>{0}, calls(false),
                                                                                kInputType, kOutputType, true, 0, 3),
                              &out, true);
  auto first = chunk({row(RowKind::INSERT, "a", 1), row(RowKind::INSERT, "b", 2), row(RowKind::INSERT, "a", 3),
                      row(RowKind::INSERT, "a", 4)});
  aggregate.op->processBatch(first, 0);
  EXPECT_EQ(out.take(), "+I[a, 2, 4, 3]\n+I[b, 1, 2, 2]\n");
  auto second = chunk({row(RowKind::INSERT, "b", 5)});
  aggregate.op->processBatch(second, 0);
  EXPECT_EQ(out.take(), "");
  aggregate.op->processWatermark(1000, 0);
  EXPECT_EQ(out.take(), "-U[a, 2, 4, 3]\n+U[a, 3, 8, 4]\n-U[b, 1, 2, 2]\n+U[b, 2, 7, 5]\nwatermark 1000\n");
}

TEST(SqlMiniBatchOperatorTest, OnePhaseDropsLeadingRetractionsAndDeletesEmptiedGroups) {
  ChangelogCollector out;
  OperatorUnderTest aggregate(std::make_unique<MiniBatchGroupAggregateOperator>(std::vector<int>{0}, calls(true),
                                                                                kInputType, kOutputType, true, 0, 4),
                              &out, true);
  auto rows = chunk({row(RowKind::DELETE, "a", 9), row(RowKind::INSERT, "a", 1), row(RowKind::INSERT, "b", 2),
                     row(RowKind::INSERT, "a", 3)});
  aggregate.op->processBatch(rows, 0);
  EXPECT_EQ(out.take(), "+I[a, 2, 4, 3]\n+I[b, 1, 2, 2]\n");
  auto retractions = chunk({row(RowKind::DELETE, "b", 2), row(RowKind::UPDATE_BEFORE, "a", 3),
                            row(RowKind::UPDATE_AFTER, "a", 2), row(RowKind::DELETE, "c", 1)});
  aggregate.op->processBatch(retractions, 0);
  EXPECT_EQ(out.take(), "-D[b, 1, 2, 2]\n-U[a, 2, 4, 3]\n+U[a, 2, 3, 2]\n");
}

TEST(SqlMiniBatchOperatorTest, LocalAndGlobalPhasesMergeAccumulatorsPerBundle) {
  ChangelogCollector out;
  OperatorUnderTest global(std::make_unique<MiniBatchGlobalGroupAggregateOperator>(1, calls(true), kOutputType, true,
                                                                                   0, 2),
                           &out, true);
  ForwardingOutput forward;
  forward.target = global.op.get();
  OperatorUnderTest local(
      std::make_unique<MiniBatchLocalGroupAggregateOperator>(std::vector<int>{0}, calls(true), kLocalType, 3), &forward,
      false);
  // A local bundle of 3 rows sends a and b; the global bundle of 2 rows ends with them.
  auto first = chunk({row(RowKind::INSERT, "a", 1), row(RowKind::INSERT, "b", 2), row(RowKind::INSERT, "a", 5)});
  local.op->processBatch(first, 0);
  EXPECT_EQ(out.take(), "+I[a, 2, 6, 5]\n+I[b, 1, 2, 2]\n");
  // Retractions travel inside the accumulators: -5 and +2 for a, -2 for b.
  auto second = chunk({row(RowKind::UPDATE_BEFORE, "a", 5), row(RowKind::UPDATE_AFTER, "a", 2),
                       row(RowKind::DELETE, "b", 2)});
  local.op->processBatch(second, 0);
  EXPECT_EQ(out.take(), "-U[a, 2, 6, 5]\n+U[a, 2, 3, 2]\n-D[b, 1, 2, 2]\n");
  // The end of input (the final watermark) ends both bundles.
  auto third = chunk({row(RowKind::INSERT, "c", 7)});
  local.op->processBatch(third, 0);
  local.op->processWatermark(runtime::kMaxWatermark, 0);
  EXPECT_EQ(out.take(), "+I[c, 1, 7, 7]\nwatermark " + std::to_string(runtime::kMaxWatermark) + "\n");
}

TEST(SqlMiniBatchOperatorTest, AGlobalBundleOpenAtACheckpointIsRestoredNotLost) {
  ChangelogCollector out;
  auto make_global = [] {
    return std::make_unique<MiniBatchGlobalGroupAggregateOperator>(1, calls(false), kOutputType, true, 0, 100);
  };
  auto make_local = [] {
    return std::make_unique<MiniBatchLocalGroupAggregateOperator>(std::vector<int>{0}, calls(false), kLocalType, 2);
  };
  OperatorUnderTest global(make_global(), &out, true);
  ForwardingOutput forward;
  forward.target = global.op.get();
  OperatorUnderTest local(make_local(), &forward, false);
  auto rows = chunk({row(RowKind::INSERT, "a", 1), row(RowKind::INSERT, "b", 2), row(RowKind::INSERT, "a", 3)});
  local.op->processBatch(rows, 0);
  EXPECT_EQ(out.take(), "");
  // The checkpoint: a and b wait in the global bundle, a's third row in the local one.
  std::vector<state::OperatorStateSnapshot> global_bundle = global.snapshotBundle();
  std::vector<state::OperatorStateSnapshot> local_bundle = local.snapshotBundle();
  Result<state::KeyedStateSnapshot> keyed = global.backend->snapshot();
  ASSERT_TRUE(keyed.ok());
  ASSERT_EQ(global_bundle.size(), 1u);
  EXPECT_EQ(global_bundle[0].mode, state::OperatorStateDistributionMode::UNION);
  EXPECT_EQ(global_bundle[0].elements.size(), 2u);
  ASSERT_EQ(local_bundle.size(), 1u);
  EXPECT_EQ(local_bundle[0].mode, state::OperatorStateDistributionMode::SPLIT_DISTRIBUTE);
  EXPECT_EQ(local_bundle[0].elements.size(), 1u);

  ChangelogCollector restored_out;
  OperatorUnderTest restored_global(make_global(), &restored_out, true, global_bundle, &*keyed);
  ForwardingOutput restored_forward;
  restored_forward.target = restored_global.op.get();
  OperatorUnderTest restored_local(make_local(), &restored_forward, false, local_bundle);
  auto more = chunk({row(RowKind::INSERT, "b", 4)});
  restored_local.op->processBatch(more, 0);
  restored_local.op->processWatermark(runtime::kMaxWatermark, 0);
  EXPECT_EQ(restored_out.take(),
            "+I[a, 2, 4, 3]\n+I[b, 2, 6, 4]\nwatermark " + std::to_string(runtime::kMaxWatermark) + "\n");
}

TEST(SqlMiniBatchOperatorTest, AOnePhaseBundleOpenAtACheckpointIsRestoredNotLost) {
  ChangelogCollector out;
  auto make = [] {
    return std::make_unique<MiniBatchGroupAggregateOperator>(std::vector<int>{0}, calls(false), kInputType,
                                                             kOutputType, true, 0, 3);
  };
  OperatorUnderTest aggregate(make(), &out, true);
  auto rows = chunk({row(RowKind::INSERT, "a", 1), row(RowKind::INSERT, "b", 2), row(RowKind::INSERT, "a", 3),
                     row(RowKind::INSERT, "b", 5), row(RowKind::INSERT, "a", 4)});
  aggregate.op->processBatch(rows, 0);
  EXPECT_EQ(out.take(), "+I[a, 2, 4, 3]\n+I[b, 1, 2, 2]\n");
  std::vector<state::OperatorStateSnapshot> bundle = aggregate.snapshotBundle();
  Result<state::KeyedStateSnapshot> keyed = aggregate.backend->snapshot();
  ASSERT_TRUE(keyed.ok());

  ChangelogCollector restored_out;
  OperatorUnderTest restored(make(), &restored_out, true, bundle, &*keyed);
  restored.op->processWatermark(2000, 0);
  EXPECT_EQ(restored_out.take(), "-U[b, 1, 2, 2]\n+U[b, 2, 7, 5]\n-U[a, 2, 4, 3]\n+U[a, 3, 8, 4]\nwatermark 2000\n");
}

TEST(SqlMiniBatchOperatorTest, ProcTimeAssignerEmitsAWatermarkPerInterval) {
  ChangelogCollector out;
  OperatorUnderTest assigner(std::make_unique<MiniBatchAssignerOperator>(MiniBatchInterval{5000, false}), &out, false);
  assigner.time.setTime(7000);
  auto rows = chunk({row(RowKind::INSERT, "a", 1)});
  assigner.op->processBatch(rows, 0);
  EXPECT_EQ(out.take(), "watermark 5000\n+I[a, 1]\n");
  assigner.op->processWatermark(123456, 0);  // upstream watermarks do not close bundles
  assigner.time.advanceTo(10001);
  EXPECT_EQ(out.take(), "watermark 10000\n");
  assigner.op->processWatermark(runtime::kMaxWatermark, 0);
  EXPECT_EQ(out.take(), "watermark " + std::to_string(runtime::kMaxWatermark) + "\n");
}

// As Flink's RowTimeMiniBatchAssginerOperator (its example: of the watermarks 0, 1, ..., 21 at
// an interval of 5, 4, 9, 14 and 19 pass): a watermark passes when it reaches the end of the
// interval after the last one that passed; the final one always passes.
TEST(SqlMiniBatchOperatorTest, RowTimeAssignerPassesTheWatermarksThatEndAnInterval) {
  ChangelogCollector out;
  OperatorUnderTest assigner(std::make_unique<MiniBatchAssignerOperator>(MiniBatchInterval{5, true}), &out, false);
  for (int64_t watermark = 0; watermark <= 21; ++watermark) assigner.op->processWatermark(watermark, 0);
  EXPECT_EQ(out.take(), "watermark 4\nwatermark 9\nwatermark 14\nwatermark 19\n");
  for (int64_t watermark : {27, 28, 31}) assigner.op->processWatermark(watermark, 0);
  EXPECT_EQ(out.take(), "watermark 27\nwatermark 31\n");
  assigner.op->processWatermark(runtime::kMaxWatermark, 0);
  EXPECT_EQ(out.take(), "watermark " + std::to_string(runtime::kMaxWatermark) + "\n");
}

}  // namespace
}  // namespace eddy::sql
