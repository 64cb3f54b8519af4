#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/ttl/ttl_time_provider.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/types/row.h"
#include "sql/tests/join_operator_harness.h"

namespace eddy::sql {

// One instance of a keyed SQL operator with one or two inputs whose TTL state reads `now`
// (milliseconds, set by the test): 'table.exec.state.ttl' with processing time driven by hand.
class TtlOperatorHarness {
 public:
  TtlOperatorHarness(std::unique_ptr<runtime::StreamOperator> op, std::vector<types::LogicalType> input_types,
                     std::shared_ptr<std::atomic<int64_t>> now)
      : op_(std::move(op)), input_types_(std::move(input_types)) {
    backend_ = *state::KeyedStateBackendT<std::string>::create(state::KeyGroupRange{0, 127}, 128, {});
    backend_->setTtlTimeProvider(state::TtlTimeProvider::manual(std::move(now)));
    runtime::OperatorSetup setup;
    setup.info.name = "ttl";
    setup.num_inputs = static_cast<int>(input_types_.size());
    setup.output = &output_;
    setup.keyed_state = backend_.get();
    op_->setup(std::move(setup));
    op_->open();
  }

  // Feeds one row to `input` and returns what the operator emitted for it.
  std::string process(int input, types::RowKind kind, std::vector<types::Value> fields) {
    auto batch = std::make_shared<types::ColumnBatch>(input_types_[input]);
    EXPECT_TRUE(batch->appendRow(types::Row(kind, std::move(fields))).ok());
    runtime::RecordBatch<RowChunk> records;
    records.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    op_->processBatch(records, input);
    return output_.take();
  }

 private:
  std::unique_ptr<runtime::StreamOperator> op_;
  std::vector<types::LogicalType> input_types_;
  std::shared_ptr<state::KeyedStateBackendT<std::string>> backend_;
  ChangelogCollector output_;
};

}  // namespace eddy::sql
