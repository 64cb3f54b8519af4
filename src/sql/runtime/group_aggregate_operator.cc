#include "sql/runtime/group_aggregate_operator.h"

#include <absl/strings/string_view.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "eddy/state/state_descriptor.h"
#include "sql/expression/vector_ops.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/sortable_codec.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

namespace {
// How many rows ahead of the one worked on the state entry of a key is prefetched: enough
// for the memory latency, few enough for the CPU's outstanding misses.
constexpr size_t kPrefetchDistance = 8;
// The longest group key kept packed, in two words (see state::PackedLayout).
constexpr size_t kMaxPackedKeyBytes = 15;

// Whether none of the chunk's rows retracts (all are +I or +U).
bool onlyAccumulates(const types::ColumnBatch& rows) {
  for (size_t i = 0; i < rows.size(); ++i) {
    const RowKind kind = rows.rowKind(i);
    if (kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE) return false;
  }
  return true;
}
}  // namespace

GroupAggregateOperator::GroupAggregateOperator(std::vector<int> keys, std::vector<AggregateCall> calls,
                                               types::LogicalType output_type, bool generate_update_before,
                                               int64_t state_retention_ms)
    : keys_(std::move(keys)),
      calls_(std::move(calls)),
      generate_update_before_(generate_update_before),
      state_retention_ms_(state_retention_ms),
      builder_(std::move(output_type)),
      compact_(CompactAggregates::of(calls_)) {
  const bool every_row_changes_results = std::any_of(calls_.begin(), calls_.end(), [](const AggregateCall& call) {
    return call.function == AggregateCall::Function::kCount && call.argument < 0 && call.filter < 0 && !call.distinct;
  });
  keep_results_before_ = generate_update_before_ || state_retention_ms_ > 0 || !every_row_changes_results;
  // Packed keys of one or two words: at most 7 or 15 bytes and the size byte.
  size_t key_bytes = 0;
  const std::vector<types::LogicalType> fields = builder_.rowType().children();
  for (size_t k = 0; k < keys_.size(); ++k) key_bytes += maxSortableSize(fields[k]).value_or(kMaxPackedKeyBytes + 1);
  packed_key_words_ = key_bytes <= kMaxPackedKeyBytes ? (key_bytes + 1 + 7) / 8 : 0;
}

void GroupAggregateOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  if (compact_ && packed_key_words_ > 0 && state_retention_ms_ <= 0 && !backend_->rocksDBInstance()) {
    const state::PackedLayout layout{packed_key_words_, compact_->packedWords()};
    // Copies: the codec outlives this operator in snapshots.
    state::PackedValueCodec codec{[compact = *compact_](const uint64_t* words) {
                                    CompactGroupAccumulators group;
                                    compact.unpack(words, group);
                                    return types::serializeToBytes(group);
                                  },
                                  [compact = *compact_](std::string_view bytes, uint64_t* words) {
                                    return compact.unpackBytes(bytes, words);
                                  }};
    packed_accumulators_ = backend_->getOrCreateHeapState<state::PackedValueState>(
        "accumulators", [&](state::KeyGroupRange range) {
          return std::make_unique<state::PackedValueState>(range, layout, std::move(codec));
        });
  } else if (compact_) {
    state::ValueStateDescriptor<CompactGroupAccumulators> descriptor("accumulators");
    if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
    compact_accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
  } else {
    state::ValueStateDescriptor<GroupAccumulators> descriptor("accumulators");
    if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
    accumulators_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
  }
}

void GroupAggregateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    if (packed_accumulators_) {
      processPackedChunk(in.values[b]);
    } else if (compact_) {
      processCompactChunk(in.values[b]);
    } else {
      processChunk(in.values[b]);
    }
  }
  builder_.flush(typedOutput());
}

void GroupAggregateOperator::prepareKeys(const RowChunk& chunk) {
  const types::ColumnBatch& rows = *chunk.batch;
  const std::vector<int>* given_key_groups = ChunkKeyGroups::of(chunk, keys_, backend_->getNumberOfKeyGroups());
  key_groups_.clear();
  if (packed_accumulators_) return preparePackedKeys(rows, given_key_groups);
  keys_buffer_.clear();
  key_ends_.clear();
  size_t begin = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    encodeRowKey(rows, keys_, i, keys_buffer_);
    key_ends_.push_back(keys_buffer_.size());
    if (!given_key_groups) {
      key_groups_.push_back(backend_->keyGroupOf(key_.assign(keys_buffer_, begin, keys_buffer_.size() - begin)));
    }
    begin = keys_buffer_.size();
  }
  if (given_key_groups) key_groups_ = *given_key_groups;
}

// The keys' bytes are written a column at a time into their zeroed words, as packKey lays
// them out; each pass over the chunk reads what earlier passes wrote, not what the previous
// store just wrote (a word loaded right after a byte of it is stored waits for the store).
void GroupAggregateOperator::preparePackedKeys(const types::ColumnBatch& rows,
                                               const std::vector<int>* given_key_groups) {
  const state::PackedLayout& layout = packed_accumulators_->layout();
  const size_t n = rows.size();
  const size_t stride = layout.key_words * 8;
  packed_keys_.assign(n * layout.key_words, 0);
  key_lengths_.assign(n, 0);
  auto* bytes = reinterpret_cast<unsigned char*>(packed_keys_.data());
  for (int k : keys_) writeSortableColumn(rows.column(static_cast<size_t>(k)), n, bytes, stride, key_lengths_.data());
  for (size_t i = 0; i < n; ++i) bytes[i * stride + stride - 1] = key_lengths_[i];
  key_hashes_.resize(n);
  for (size_t i = 0; i < n; ++i) key_hashes_[i] = state::hashKey(layout, &packed_keys_[i * layout.key_words]);
  if (given_key_groups) {
    key_groups_ = *given_key_groups;
    return;
  }
  key_groups_.resize(n);
  const int max_parallelism = backend_->getNumberOfKeyGroups();
  for (size_t i = 0; i < n; ++i) {
    key_groups_[i] = keyGroupOfKey(state::keyBytes(layout, &packed_keys_[i * layout.key_words]), max_parallelism);
  }
}

template <typename State>
void GroupAggregateOperator::prefetchKey(const State& state, size_t row) const {
  const size_t begin = row == 0 ? 0 : key_ends_[row - 1];
  // absl's own string_view: the heterogeneous lookup type of the state's string-keyed map.
  state.prefetch(key_groups_[row], absl::string_view(keys_buffer_).substr(begin, key_ends_[row] - begin));
}

void GroupAggregateOperator::prefetchKey(const state::PackedValueState& state, size_t row) const {
  state.prefetch(key_groups_[row], key_hashes_[row]);
}

template <typename State>
void GroupAggregateOperator::selectKey(State&, size_t row) {
  const size_t begin = row == 0 ? 0 : key_ends_[row - 1];
  key_.assign(keys_buffer_, begin, key_ends_[row] - begin);
  backend_->setCurrentKeyAndKeyGroup(key_, key_groups_[row]);
}

void GroupAggregateOperator::selectKey(state::PackedValueState& state, size_t row) {
  state.setCurrentKey(&packed_keys_[row * state.layout().key_words], key_hashes_[row], key_groups_[row]);
}

template <typename State, typename Update>
void GroupAggregateOperator::forEachGroupOf(const RowChunk& chunk, State& state, Update&& update) {
  const types::ColumnBatch& rows = *chunk.batch;
  prepareKeys(chunk);
  const size_t n = rows.size();
  for (size_t i = 0; i < std::min(n, kPrefetchDistance); ++i) prefetchKey(state, i);
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) prefetchKey(state, i + kPrefetchDistance);
    const RowKind kind = rows.rowKind(i);
    const bool retract = kind == RowKind::UPDATE_BEFORE || kind == RowKind::DELETE;
    selectKey(state, i);
    bool first_row = false;
    auto&& group = state.getOrCreate(first_row);
    // No accumulator for a retraction: the group was never seen (or was cleaned up).
    if (first_row && retract) {
      state.clear();
      continue;
    }
    update(i, retract, first_row, group);
  }
}

void GroupAggregateOperator::processChunk(const RowChunk& chunk) {
  const types::ColumnBatch& rows = *chunk.batch;
  forEachGroupOf(chunk, *accumulators_, [&](size_t i, bool retract, bool first_row, GroupAccumulators& group) {
    if (first_row) group.calls.resize(calls_.size());
    before_.clear();
    if (!first_row && (keep_results_before_ || retract)) appendResults(group, calls_, before_);
    accumulateRow(group, calls_, rows, i, retract, scratch_);
    if (group.record_count == 0) {
      if (!first_row) emit(before_, RowKind::DELETE);
      accumulators_->clear();
    } else if (first_row) {
      emitCurrent(rows, i, group, RowKind::INSERT);
    } else if (!keep_results_before_) {
      emitCurrent(rows, i, group, RowKind::UPDATE_AFTER);
    } else {
      after_.clear();
      appendResults(group, calls_, after_);
      if (state_retention_ms_ > 0 || before_ != after_) {
        if (generate_update_before_) emit(before_, RowKind::UPDATE_BEFORE);
        emit(after_, RowKind::UPDATE_AFTER);
      }
    }
  });
}

bool GroupAggregateOperator::updateCompact(const types::ColumnBatch& rows, size_t i, bool retract, bool first_row,
                                           CompactGroupAccumulators& group) {
  if (first_row) compact_->describe(group);
  // A copy: the value is a few words.
  const CompactGroupAccumulators before = group;
  compact_->accumulateRow(group, rows, i, retract);
  if (group.record_count == 0) {
    if (!first_row) emitCompact(rows, i, before, RowKind::DELETE);
    return false;
  }
  if (first_row) {
    emitCompact(rows, i, group, RowKind::INSERT);
  } else if (!keep_results_before_) {
    emitCompact(rows, i, group, RowKind::UPDATE_AFTER);
  } else if (state_retention_ms_ > 0 || !compact_->sameResults(before, group)) {
    if (generate_update_before_) emitCompact(rows, i, before, RowKind::UPDATE_BEFORE);
    emitCompact(rows, i, group, RowKind::UPDATE_AFTER);
  }
  return true;
}

void GroupAggregateOperator::processCompactChunk(const RowChunk& chunk) {
  const types::ColumnBatch& rows = *chunk.batch;
  forEachGroupOf(chunk, *compact_accumulators_,
                 [&](size_t i, bool retract, bool first_row, CompactGroupAccumulators& group) {
                   if (!updateCompact(rows, i, retract, first_row, group)) compact_accumulators_->clear();
                 });
}

void GroupAggregateOperator::processPackedChunk(const RowChunk& chunk) {
  const types::ColumnBatch& rows = *chunk.batch;
  if (!keep_results_before_ && onlyAccumulates(rows)) return processPackedInserts(chunk);
  forEachGroupOf(chunk, *packed_accumulators_, [&](size_t i, bool retract, bool first_row, uint64_t* words) {
    CompactGroupAccumulators group;
    compact_->unpack(words, group);
    if (updateCompact(rows, i, retract, first_row, group)) {
      compact_->pack(group, words);
    } else {
      packed_accumulators_->clear();
    }
  });
}

void GroupAggregateOperator::processPackedInserts(const RowChunk& chunk) {
  const types::ColumnBatch& rows = *chunk.batch;
  builder_.flush(typedOutput());
  types::ColumnBatch& out = builder_.batch();
  // Room for a row per input row, so that the result columns do not grow value by value.
  out.reserve(rows.size());
  for (size_t k = 0; k < keys_.size(); ++k) {
    const types::ColumnVector& key = rows.column(static_cast<size_t>(keys_[k]));
    if (key.type() == out.column(k).type()) {
      out.column(k) = key;
    } else {
      for (size_t i = 0; i < rows.size(); ++i) vector_ops::appendAnyFrom(key, i, out.column(k));
    }
  }
  forEachGroupOf(chunk, *packed_accumulators_, [&](size_t i, bool, bool first_row, uint64_t* words) {
    CompactGroupAccumulators group;
    compact_->unpack(words, group);
    compact_->accumulateRow(group, rows, i, false);
    compact_->pack(group, words);
    compact_->appendResultColumns(group, out, keys_.size());
    out.appendRowKind(first_row ? RowKind::INSERT : RowKind::UPDATE_AFTER);
  });
  builder_.flush(typedOutput());
}

void GroupAggregateOperator::emit(const std::string& results, RowKind kind) {
  builder_.decodeInto(key_, 0);
  builder_.decodeInto(results, keys_.size());
  builder_.endRow(kind, typedOutput());
}

void GroupAggregateOperator::emitCurrent(const types::ColumnBatch& rows, size_t row, const GroupAccumulators& group,
                                         RowKind kind) {
  appendKey(rows, row);
  appendResultColumns(group, calls_, builder_.batch(), keys_.size(), scratch_);
  builder_.endRow(kind, typedOutput());
}

void GroupAggregateOperator::emitCompact(const types::ColumnBatch& rows, size_t row,
                                         const CompactGroupAccumulators& group, RowKind kind) {
  appendKey(rows, row);
  compact_->appendResultColumns(group, builder_.batch(), keys_.size());
  builder_.endRow(kind, typedOutput());
}

void GroupAggregateOperator::appendKey(const types::ColumnBatch& rows, size_t row) {
  types::ColumnBatch& out = builder_.batch();
  for (size_t k = 0; k < keys_.size(); ++k) {
    vector_ops::appendAnyFrom(rows.column(static_cast<size_t>(keys_[k])), row, out.column(k));
  }
}

}  // namespace eddy::sql
