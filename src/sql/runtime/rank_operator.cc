#include "sql/runtime/rank_operator.h"

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/sort_key.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

RankOperator::RankOperator(std::vector<int> keys, std::vector<SortField> sort, int64_t rank_start, int64_t rank_end,
                           bool output_rank_number, bool generate_update_before, size_t input_fields,
                           types::LogicalType output_type, int64_t state_retention_ms)
    : keys_(std::move(keys)),
      sort_(std::move(sort)),
      out_(std::move(output_type), input_fields, rank_start, rank_end, output_rank_number, generate_update_before),
      state_retention_ms_(state_retention_ms) {
  for (size_t f = 0; f < input_fields; ++f) all_fields_.push_back(static_cast<int>(f));
}

void RankOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<std::string> descriptor("topn");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  top_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
}

void RankOperator::load() {
  buffer_.clear();
  std::optional<std::string> stored = top_->value();
  if (!stored) return;
  deserializeSortedRows(*stored, buffer_);
}

void RankOperator::store() {
  serialized_.clear();
  serializeSortedRows(buffer_, serialized_);
  top_->update(serialized_);
}

void RankOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  const int64_t rank_end = out_.rankEnd();
  const size_t top_n = static_cast<size_t>(rank_end);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      key_.clear();
      encodeRowKey(rows, keys_, i, key_);
      backend_->setCurrentKey(key_);
      sort_key_.clear();
      appendSortKey(rows, sort_, i, sort_key_);
      load();
      // Flink's checkSortKeyInBufferRange: before the worst key, or room left.
      if (!buffer_.empty() && sort_key_ >= buffer_.back().first && buffer_.size() >= top_n) continue;
      row_.clear();
      encodeRowKey(rows, all_fields_, i, row_);
      const size_t position = insertSorted(buffer_, sort_key_, row_);
      if (out_.withRowNumber()) {
        int64_t rank = static_cast<int64_t>(position) + 1;
        const std::string* current = &buffer_[position].second;
        for (size_t j = position + 1; j < buffer_.size() && rank <= rank_end; ++j, ++rank) {
          out_.collect(buffer_[j].second, rank, RowKind::UPDATE_BEFORE, typedOutput());
          out_.collect(*current, rank, RowKind::UPDATE_AFTER, typedOutput());
          current = &buffer_[j].second;
        }
        if (rank <= rank_end) out_.collect(*current, rank, RowKind::INSERT, typedOutput());
        if (buffer_.size() > top_n) buffer_.resize(top_n);
      } else {
        if (buffer_.size() > top_n) {
          const bool input_fell_out = position == buffer_.size() - 1;
          if (!input_fell_out) out_.collectRow(buffer_.back().second, 0, RowKind::DELETE, typedOutput());
          buffer_.pop_back();
          if (input_fell_out) {
            store();
            continue;
          }
        }
        out_.collectRow(row_, 0, RowKind::INSERT, typedOutput());
      }
      store();
    }
  }
  out_.flush(typedOutput());
}

}  // namespace eddy::sql
