#include "sql/runtime/updatable_rank_operator.h"

#include <algorithm>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/keyed_rows.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/sort_key.h"
#include "sql/runtime/state_bytes.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

UpdatableRankOperator::UpdatableRankOperator(std::vector<int> keys, std::vector<SortField> sort,
                                             std::vector<int> upsert_key, int64_t rank_start, int64_t rank_end,
                                             bool output_rank_number, bool generate_update_before, size_t input_fields,
                                             types::LogicalType output_type, int64_t state_retention_ms)
    : keys_(std::move(keys)),
      sort_(std::move(sort)),
      upsert_key_(std::move(upsert_key)),
      out_(std::move(output_type), input_fields, rank_start, rank_end, output_rank_number, generate_update_before),
      state_retention_ms_(state_retention_ms) {
  for (size_t f = 0; f < input_fields; ++f) all_fields_.push_back(static_cast<int>(f));
}

void UpdatableRankOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<std::string> descriptor("data-state-with-update");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  top_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
}

void UpdatableRankOperator::processBatch(runtime::BatchBase& batch, int) {
  forEachKeyedRow(batch, keys_, *backend_, key_, [this](const types::ColumnBatch& rows, size_t i) {
    sort_key_.clear();
    appendSortKey(rows, sort_, i, sort_key_);
    row_key_.clear();
    encodeRowKey(rows, upsert_key_, i, row_key_);
    row_.clear();
    encodeRowKey(rows, all_fields_, i, row_);
    buffer_.clear();
    if (std::optional<std::string> stored = top_->value()) {
      for (std::string_view view = *stored; !view.empty();) {
        Entry entry;
        entry.sort_key = state_bytes::takeString(view);
        entry.row_key = state_bytes::takeString(view);
        entry.row = state_bytes::takeString(view);
        buffer_.push_back(std::move(entry));
      }
    }
    if (out_.withRowNumber()) {
      processWithRowNumber();
    } else {
      processWithoutRowNumber();
    }
    serialized_.clear();
    for (const Entry& entry : buffer_) {
      state_bytes::putString(serialized_, entry.sort_key);
      state_bytes::putString(serialized_, entry.row_key);
      state_bytes::putString(serialized_, entry.row);
    }
    top_->update(serialized_);
  });
  out_.flush(typedOutput());
}

size_t UpdatableRankOperator::put() {
  auto at = std::upper_bound(buffer_.begin(), buffer_.end(), sort_key_,
                             [](const std::string& key, const Entry& entry) { return key < entry.sort_key; });
  const size_t position = static_cast<size_t>(at - buffer_.begin());
  buffer_.insert(at, Entry{sort_key_, row_key_, row_});
  return position;
}

bool UpdatableRankOperator::inBufferRange() const {
  if (buffer_.empty() || sort_key_ < buffer_.back().sort_key) return true;
  return static_cast<int64_t>(buffer_.size()) < out_.rankEnd();
}

void UpdatableRankOperator::processWithRowNumber() {
  auto existing = std::find_if(buffer_.begin(), buffer_.end(), [&](const Entry& e) { return e.row_key == row_key_; });
  if (existing == buffer_.end()) {
    if (!inBufferRange()) return;
    put();
    emitWithRowNumber(nullptr, -1);
    return;
  }
  const int64_t old_rank = existing - buffer_.begin() + 1;
  if (existing->sort_key == sort_key_) {
    const std::string old_row = std::move(existing->row);
    existing->row = row_;
    out_.collect(old_row, old_rank, RowKind::UPDATE_BEFORE, typedOutput());
    out_.collect(row_, old_rank, RowKind::UPDATE_AFTER, typedOutput());
    return;
  }
  const Entry old = std::move(*existing);
  buffer_.erase(existing);
  const size_t position = put();
  if (sort_key_ < old.sort_key) {
    emitWithRowNumber(&old, old_rank);
  } else {
    emitMovedDown(old.row, old_rank, static_cast<int64_t>(position) + 1);
  }
}

void UpdatableRankOperator::emitWithRowNumber(const Entry* old, int64_t old_rank) {
  int64_t rank = 0;
  std::string current = row_;
  bool current_is_input = false;
  bool found = false;
  bool old_retracted = false;
  size_t group = 0;
  while (group < buffer_.size() && out_.inRankEnd(rank)) {
    size_t group_end = group + 1;
    while (group_end < buffer_.size() && buffer_[group_end].sort_key == buffer_[group].sort_key) ++group_end;
    const std::string& group_key = buffer_[group].sort_key;
    if (!found && group_key == sort_key_) {
      rank += static_cast<int64_t>(group_end - group);
      current_is_input = true;
      found = true;
    } else if (found) {
      // A moved row shifts down only the rows ranked above its old position.
      if (old && group_key > old->sort_key) {
        group = group_end;
        break;
      }
      for (size_t j = group; j < group_end && (old ? rank < old_rank : out_.inRankEnd(rank)); ++j, ++rank) {
        out_.collect(buffer_[j].row, rank, RowKind::UPDATE_BEFORE, typedOutput());
        if (current_is_input && old && !old_retracted) {
          out_.collect(old->row, old_rank, RowKind::UPDATE_BEFORE, typedOutput());
          old_retracted = true;
        }
        out_.collect(current, rank, RowKind::UPDATE_AFTER, typedOutput());
        current = buffer_[j].row;
        current_is_input = false;
      }
    } else {
      rank += static_cast<int64_t>(group_end - group);
    }
    group = group_end;
  }
  if (out_.inRankEnd(rank)) {
    if (!old) {
      out_.collect(current, rank, RowKind::INSERT, typedOutput());
    } else {
      if (!old_retracted) out_.collect(old->row, old_rank, RowKind::UPDATE_BEFORE, typedOutput());
      out_.collect(current, rank, RowKind::UPDATE_AFTER, typedOutput());
    }
    return;
  }
  // The rows after the last group reached fell out of the top N.
  buffer_.erase(buffer_.begin() + static_cast<std::ptrdiff_t>(group), buffer_.end());
}

void UpdatableRankOperator::emitMovedDown(const std::string& old_row, int64_t old_rank, int64_t new_rank) {
  int64_t rank = 0;
  const std::string* previous = nullptr;
  size_t group = 0;
  while (group < buffer_.size() && rank <= new_rank) {
    size_t group_end = group + 1;
    while (group_end < buffer_.size() && buffer_[group_end].sort_key == buffer_[group].sort_key) ++group_end;
    for (size_t j = group; j < group_end; ++j) {
      ++rank;
      if (old_rank == rank) {
        out_.collect(old_row, old_rank, RowKind::UPDATE_BEFORE, typedOutput());
      } else if (old_rank < rank) {
        out_.collect(*previous, rank, RowKind::UPDATE_BEFORE, typedOutput());
        out_.collect(*previous, rank - 1, RowKind::UPDATE_AFTER, typedOutput());
        if (rank == new_rank) out_.collect(row_, rank, RowKind::UPDATE_AFTER, typedOutput());
      }
      previous = &buffer_[j].row;
    }
    group = group_end;
  }
}

void UpdatableRankOperator::processWithoutRowNumber() {
  auto existing = std::find_if(buffer_.begin(), buffer_.end(), [&](const Entry& e) { return e.row_key == row_key_; });
  if (existing != buffer_.end()) {
    const std::string old_row = existing->row;
    if (existing->sort_key != sort_key_) {
      buffer_.erase(existing);
      put();
    } else {
      existing->row = row_;
    }
    out_.collectRow(old_row, 0, RowKind::UPDATE_BEFORE, typedOutput());
    out_.collectRow(row_, 0, RowKind::UPDATE_AFTER, typedOutput());
    return;
  }
  if (!inBufferRange()) return;
  put();
  if (static_cast<int64_t>(buffer_.size()) > out_.rankEnd()) {
    const std::string last = std::move(buffer_.back().row);
    buffer_.pop_back();
    out_.collectRow(last, 0, RowKind::DELETE, typedOutput());
  }
  out_.collectRow(row_, 0, RowKind::INSERT, typedOutput());
}

}  // namespace eddy::sql
