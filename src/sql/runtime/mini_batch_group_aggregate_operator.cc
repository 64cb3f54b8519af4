#include "sql/runtime/mini_batch_group_aggregate_operator.h"

#include <cstring>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/runtime/record_codec.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

namespace {

bool isRetraction(RowKind kind) { return kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE; }

}  // namespace

MiniBatchGroupAggregateOperator::MiniBatchGroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                                                 types::LogicalType input_type,
                                                                 types::LogicalType output_type,
                                                                 bool generate_update_before, int64_t state_retention_ms,
                                                                 int64_t bundle_size)
    : MiniBatchBundleOperator(bundle_size, true),
      keys_(std::move(keys)),
      calls_(calls),
      input_type_(std::move(input_type)),
      state_retention_ms_(state_retention_ms),
      emitter_(std::move(calls), std::move(output_type), keys_.size(), generate_update_before) {}

void MiniBatchGroupAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<GroupAccumulators> descriptor("accumulators");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
  // Every instance restores the union of the bundles; each keeps the rows of its key groups,
  // in one chunk of their own.
  auto restored = std::make_shared<types::ColumnBatch>(input_type_);
  for (const std::string& element : savedBundle()) {
    auto [key, rows] = decodeBundleEntry(element);
    key_.assign(key);
    if (!backend_->getKeyGroupRange().contains(backend_->keyGroupOf(key_))) continue;
    std::vector<RowRef>& refs = bundle_.get(key);
    while (!rows.empty()) {
      const auto kind = static_cast<RowKind>(rows[0]);
      uint32_t size = 0;
      std::memcpy(&size, rows.data() + 1, sizeof(size));
      decodeRecordInto(rows.substr(1 + sizeof(size), size), *restored, 0);
      restored->appendRowKind(kind);
      refs.push_back(restored->size() - 1);
      rows.remove_prefix(1 + sizeof(size) + size);
    }
  }
  if (!bundle_.empty()) chunks_.push_back(std::move(restored));
}

void MiniBatchGroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const std::shared_ptr<const types::ColumnBatch>& rows = in.values[b].batch;
    for (size_t i = 0; i < rows->size(); ++i) {
      // The chunk stays alive until the bundle ends (again after a bundle ended within it).
      if (chunks_.empty() || chunks_.back() != rows) chunks_.push_back(rows);
      key_.clear();
      encodeRowKey(*rows, keys_, i, key_);
      bundle_.get(key_).push_back((static_cast<RowRef>(chunks_.size() - 1) << 32) | i);
      countRow();
    }
  }
}

void MiniBatchGroupAggregateOperator::finishBundle() {
  for (auto& [key, refs] : bundle_.entries()) {
    backend_->setCurrentKey(key);
    bool first_row = false;
    GroupAccumulators& group = accumulators_->getOrCreate(first_row);
    size_t start = 0;
    if (first_row) {
      // No accumulator for retractions: the group was never seen (or its state expired).
      while (start < refs.size() && isRetraction(chunks_[refs[start] >> 32]->rowKind(refs[start] & 0xffffffffu))) ++start;
      if (start == refs.size()) {
        accumulators_->clear();
        continue;
      }
      group.calls.resize(calls_.size());
    }
    emitter_.begin(group, first_row);
    for (size_t r = start; r < refs.size(); ++r) {
      const types::ColumnBatch& rows = *chunks_[refs[r] >> 32];
      const size_t row = refs[r] & 0xffffffffu;
      accumulateRow(group, calls_, rows, row, isRetraction(rows.rowKind(row)), scratch_);
    }
    if (!emitter_.end(key, group, typedOutput())) accumulators_->clear();
  }
  emitter_.flush(typedOutput());
  bundle_.clear();
  chunks_.clear();
}

void MiniBatchGroupAggregateOperator::saveBundle(std::vector<std::string>& elements) {
  // Each row: its RowKind (1 byte), the length of its record (4 bytes), the record.
  appendBundleEntries(
      bundle_,
      [this](const std::vector<RowRef>& refs, std::string& out) {
        for (RowRef ref : refs) {
          const types::ColumnBatch& rows = *chunks_[ref >> 32];
          const size_t row = ref & 0xffffffffu;
          record_.clear();
          encodeRecord(rows, row, record_);
          out.push_back(static_cast<char>(rows.rowKind(row)));
          const auto size = static_cast<uint32_t>(record_.size());
          out.append(reinterpret_cast<const char*>(&size), sizeof(size));
          out += record_;
        }
      },
      elements);
}

}  // namespace eddy::sql
