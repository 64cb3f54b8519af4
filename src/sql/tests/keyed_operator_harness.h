#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "eddy/runtime/processing_time_service.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/row_chunk.h"
#include "sql/tests/join_operator_harness.h"

namespace eddy::sql {

// Drives one instance of a keyed one-input SQL operator by hand (as Flink's
// KeyedOneInputStreamOperatorTestHarness) on the state backend a test picks, optionally from
// an earlier instance's keyed state, and takes checkpoints as its task would.
class KeyedOperatorHarness {
 public:
  // `processing_time`: the operator's ProcessingTimeService, or null when it needs none.
  KeyedOperatorHarness(std::unique_ptr<runtime::StreamOperator> op, const char* name,
                       const state::StateBackendConfig& config, const state::KeyedStateSnapshot* restored,
                       runtime::ProcessingTimeService* processing_time = nullptr)
      : op_(std::move(op)) {
    backend_ = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, config);
    if (restored) {
      EXPECT_TRUE(backend_->restore(*restored).ok());
    }
    runtime::OperatorSetup setup;
    setup.info.name = name;
    setup.output = &output_;
    setup.keyed_state = backend_.get();
    setup.processing_time = processing_time;
    op_->setup(std::move(setup));
    op_->open();
  }

  // Feeds `rows` as one chunk; returns what the operator emitted for it.
  std::string process(std::shared_ptr<types::ColumnBatch> rows) {
    runtime::RecordBatch<RowChunk> records;
    records.add(RowChunk{std::move(rows)}, runtime::kNoTimestamp);
    op_->processBatch(records, 0);
    return output_.take();
  }
  std::string watermark(int64_t time) {
    op_->processWatermark(time, 0);
    return output_.take();
  }
  // A checkpoint's keyed state, as the task takes it after snapshotOperatorState.
  state::KeyedStateSnapshot checkpoint() {
    EXPECT_TRUE(op_->snapshotOperatorState(1).ok());
    Result<state::KeyedStateSnapshot> snapshot = backend_->snapshot();
    EXPECT_TRUE(snapshot.ok());
    return std::move(snapshot).value();
  }
  size_t stateEntries(const std::string& state) const { return backend_->numEntries(state); }

 private:
  std::unique_ptr<runtime::StreamOperator> op_;
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend_;
  ChangelogCollector output_;
};

}  // namespace eddy::sql
