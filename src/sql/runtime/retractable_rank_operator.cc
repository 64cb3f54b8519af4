#include "sql/runtime/retractable_rank_operator.h"

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

RetractableRankOperator::RetractableRankOperator(std::vector<int> keys, std::vector<SortField> sort, int64_t rank_start,
                                                 int64_t rank_end, bool output_rank_number, bool generate_update_before,
                                                 size_t input_fields, types::LogicalType output_type,
                                                 int64_t state_retention_ms)
    : keys_(std::move(keys)),
      sort_(std::move(sort)),
      out_(std::move(output_type), input_fields, rank_start, rank_end, output_rank_number, generate_update_before),
      state_retention_ms_(state_retention_ms) {
  for (size_t f = 0; f < input_fields; ++f) all_fields_.push_back(static_cast<int>(f));
}

void RetractableRankOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<std::string> sorted_map("sorted-map");
  state::MapStateDescriptor<std::string, std::string> data("data-state");
  if (state_retention_ms_ > 0) {
    sorted_map.enableTimeToLive(createTtlConfig(state_retention_ms_));
    data.enableTimeToLive(createTtlConfig(state_retention_ms_));
  }
  sorted_map_state_ = backend_->getPartitionedState<state::VoidNamespace>(sorted_map);
  data_state_ = backend_->getPartitionedState<state::VoidNamespace>(data);
}

bool RetractableRankOperator::loadRows(const std::string& sort_key, std::vector<std::string>& rows) {
  rows.clear();
  std::optional<std::string> stored = data_state_->get(sort_key);
  if (!stored) return false;
  for (std::string_view in = *stored; !in.empty();) rows.push_back(state_bytes::takeString(in));
  return true;
}

void RetractableRankOperator::storeRows(const std::string& sort_key, const std::vector<std::string>& rows) {
  if (rows.empty()) {
    data_state_->remove(sort_key);
    return;
  }
  serialized_.clear();
  for (const std::string& row : rows) state_bytes::putString(serialized_, row);
  data_state_->put(sort_key, serialized_);
}

void RetractableRankOperator::processBatch(runtime::BatchBase& batch, int) {
  forEachKeyedRow(batch, keys_, *backend_, key_, [this](const types::ColumnBatch& rows, size_t i) {
    sort_key_.clear();
    appendSortKey(rows, sort_, i, sort_key_);
    row_.clear();
    encodeRowKey(rows, all_fields_, i, row_);
    sorted_map_.clear();
    if (std::optional<std::string> stored = sorted_map_state_->value()) {
      for (std::string_view view = *stored; !view.empty();) {
        const int64_t count = state_bytes::take<int64_t>(view);
        sorted_map_.emplace_back(state_bytes::takeString(view), count);
      }
    }
    const RowKind kind = rows.rowKind(i);
    if (kind == RowKind::INSERT || kind == RowKind::UPDATE_AFTER) {
      accumulate();
    } else {
      retract();
    }
    if (sorted_map_.empty()) {
      sorted_map_state_->clear();
      return;
    }
    serialized_.clear();
    for (const auto& [sort_key, count] : sorted_map_) {
      state_bytes::put<int64_t>(serialized_, count);
      state_bytes::putString(serialized_, sort_key);
    }
    sorted_map_state_->update(serialized_);
  });
  out_.flush(typedOutput());
}

void RetractableRankOperator::accumulate() {
  auto at = std::lower_bound(sorted_map_.begin(), sorted_map_.end(), sort_key_,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  if (at != sorted_map_.end() && at->first == sort_key_) {
    ++at->second;
  } else {
    sorted_map_.insert(at, {sort_key_, 1});
  }
  if (out_.withRowNumber()) {
    emitWithRowNumber();
  } else {
    emitWithoutRowNumber();
  }
  loadRows(sort_key_, rows_);
  rows_.push_back(row_);
  storeRows(sort_key_, rows_);
}

void RetractableRankOperator::retract() {
  const bool removed = out_.withRowNumber() ? retractWithRowNumber() : retractWithoutRowNumber();
  auto at = std::lower_bound(sorted_map_.begin(), sorted_map_.end(), sort_key_,
                             [](const auto& entry, const std::string& key) { return entry.first < key; });
  // Retracting a row that is not there (its state expired) is skipped, as Flink's lenient mode.
  if (at != sorted_map_.end() && at->first == sort_key_ && --at->second == 0) sorted_map_.erase(at);
  if (removed || !loadRows(sort_key_, rows_)) return;
  auto row = std::find(rows_.begin(), rows_.end(), row_);
  if (row == rows_.end()) return;
  rows_.erase(row);
  storeRows(sort_key_, rows_);
}

// The row has entered sorted_map_ (not yet "data-state"): it takes the rank after the rows with
// its sort key, and every row below moves down one rank up to rank_end.
void RetractableRankOperator::emitWithRowNumber() {
  int64_t rank = 0;
  bool found = false;
  for (const auto& [sort_key, count] : sorted_map_) {
    if (!out_.inRankEnd(rank)) break;
    if (!found && sort_key == sort_key_) {
      rank += count;
      current_ = row_;
      found = true;
    } else if (found) {
      loadRows(sort_key, rows_);
      for (size_t i = 0; i < rows_.size() && out_.inRankEnd(rank); ++i, ++rank) {
        out_.collect(rows_[i], rank, RowKind::UPDATE_BEFORE, typedOutput());
        out_.collect(current_, rank, RowKind::UPDATE_AFTER, typedOutput());
        current_ = rows_[i];
      }
    } else {
      rank += count;
    }
  }
  if (found && out_.inRankEnd(rank)) out_.collect(current_, rank, RowKind::INSERT, typedOutput());
}

// Without row numbers: the row enters the top N and the one pushed to rank_end + 1 leaves it.
void RetractableRankOperator::emitWithoutRowNumber() {
  int64_t rank = 0;
  bool found = false;
  bool enters = false;
  bool leaves = false;
  for (const auto& [sort_key, count] : sorted_map_) {
    if (!out_.inRankEnd(rank)) break;
    if (!found && sort_key == sort_key_) {
      rank += count;
      enters = out_.inRankEnd(rank);
      found = true;
    } else if (found) {
      if (out_.inRankEnd(rank + count)) {
        rank += count;
        continue;
      }
      const auto index = static_cast<size_t>(out_.rankEnd() - rank);
      if (loadRows(sort_key, rows_) && index < rows_.size()) {
        current_ = rows_[index];
        leaves = true;
      }
      break;
    } else {
      rank += count;
    }
  }
  if (leaves) out_.collectRow(current_, 0, RowKind::DELETE, typedOutput());
  if (enters) out_.collectRow(row_, 0, RowKind::INSERT, typedOutput());
}

// Every row below the retracted one moves up one rank, the one from rank_end + 1 into the top N.
bool RetractableRankOperator::retractWithRowNumber() {
  int64_t rank = 0;
  bool found = false;
  for (const auto& [sort_key, count] : sorted_map_) {
    if (!out_.inRankEnd(rank)) break;
    if (!found && sort_key == sort_key_) {
      if (!loadRows(sort_key, rows_)) continue;
      for (size_t i = 0; i < rows_.size() && out_.inRankEnd(rank); ++rank) {
        if (!found && rows_[i] == row_) {
          current_ = std::move(rows_[i]);
          rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(i));
          found = true;
          continue;
        }
        if (found) {
          out_.collect(current_, rank, RowKind::UPDATE_BEFORE, typedOutput());
          out_.collect(rows_[i], rank, RowKind::UPDATE_AFTER, typedOutput());
          current_ = rows_[i];
        }
        ++i;
      }
      storeRows(sort_key, rows_);
    } else if (found) {
      loadRows(sort_key, rows_);
      for (size_t i = 0; i < rows_.size() && out_.inRankEnd(rank); ++i, ++rank) {
        out_.collect(current_, rank, RowKind::UPDATE_BEFORE, typedOutput());
        out_.collect(rows_[i], rank, RowKind::UPDATE_AFTER, typedOutput());
        current_ = rows_[i];
      }
    } else {
      rank += count;
    }
  }
  if (found && out_.inRankEnd(rank)) out_.collect(current_, rank, RowKind::DELETE, typedOutput());
  return found;
}

// Without row numbers: the retracted row leaves the top N and the one at rank_end + 1 enters.
bool RetractableRankOperator::retractWithoutRowNumber() {
  int64_t next_rank = 1;
  bool found = false;
  for (const auto& [sort_key, count] : sorted_map_) {
    if (!out_.inRankEnd(next_rank)) break;
    if (!found && sort_key == sort_key_) {
      if (!loadRows(sort_key, rows_)) continue;
      for (size_t i = 0; i < rows_.size() && out_.inRankEnd(next_rank); ++next_rank) {
        if (!found && rows_[i] == row_) {
          out_.collectRow(rows_[i], 0, RowKind::DELETE, typedOutput());
          rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(i));
          --next_rank;
          found = true;
          continue;
        }
        if (found && next_rank == out_.rankEnd()) out_.collectRow(rows_[i], 0, RowKind::INSERT, typedOutput());
        ++i;
      }
      storeRows(sort_key, rows_);
    } else if (found) {
      const int64_t rank_of_last = next_rank + count - 1;
      if (rank_of_last < out_.rankEnd()) {
        next_rank = rank_of_last + 1;
        continue;
      }
      const auto index = static_cast<size_t>(out_.rankEnd() - next_rank);
      if (loadRows(sort_key, rows_) && index < rows_.size()) {
        out_.collectRow(rows_[index], 0, RowKind::INSERT, typedOutput());
      }
      break;
    } else {
      next_rank += count;
    }
  }
  return found;
}

}  // namespace eddy::sql
