#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/output.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/types/data_types.h"
#include "eddy/types/row.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Collects the rows an operator emits as Flink's Row.toString ("+I[1, a]"), one a line.
class ChangelogCollector final : public runtime::Output<RowChunk> {
 public:
  void emitBatch(runtime::RecordBatch<RowChunk>& batch) override {
    for (size_t b = 0; b < batch.size(); ++b) {
      const types::ColumnBatch& rows = *batch.values[b].batch;
      for (size_t i = 0; i < rows.size(); ++i) changelog += rows.getRow(i).toString() + "\n";
    }
  }
  void emitWatermark(int64_t watermark) override { changelog += "watermark " + std::to_string(watermark) + "\n"; }
  void emitWatermarkStatus(bool) override {}

  // What was collected since the last call.
  std::string take() { return std::exchange(changelog, std::string()); }

  std::string changelog;
};

// Drives one instance of a keyed two-input SQL operator by hand (as Flink's
// KeyedTwoInputStreamOperatorTestHarness): rows go to input 0 or 1 one at a time, so the
// changelog is exact whatever the interleaving of a real job would be.
class TwoInputOperatorHarness {
 public:
  // `restored`: keyed state of an earlier instance to start from (Flink's initializeState).
  TwoInputOperatorHarness(std::unique_ptr<runtime::StreamOperator> op, types::LogicalType left_type,
                          types::LogicalType right_type, const state::KeyedStateSnapshot* restored = nullptr)
      : op_(std::move(op)), types_{std::move(left_type), std::move(right_type)} {
    backend_ = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, {});
    if (restored) {
      EXPECT_TRUE(backend_->restore(*restored).ok());
    }
    runtime::OperatorSetup setup;
    setup.info.name = "join";
    setup.num_inputs = 2;
    setup.output = &output_;
    setup.keyed_state = backend_.get();
    op_->setup(std::move(setup));
    op_->open();
  }

  // Feeds `row` to input 0 (left) or 1 (right); returns what the operator emitted for it.
  std::string process(int input, types::RowKind kind, std::vector<types::Value> fields) {
    auto batch = std::make_shared<types::ColumnBatch>(types_[input]);
    EXPECT_TRUE(batch->appendRow(types::Row(kind, std::move(fields))).ok());
    runtime::RecordBatch<RowChunk> records;
    records.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    op_->processBatch(records, input);
    return output_.take();
  }
  std::string watermark(int input, int64_t time) {
    op_->processWatermark(time, input);
    return output_.take();
  }
  state::KeyedStateBackendT<std::string>& backend() { return *backend_; }

 private:
  std::unique_ptr<runtime::StreamOperator> op_;
  types::LogicalType types_[2];
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend_;
  ChangelogCollector output_;
};

}  // namespace eddy::sql
