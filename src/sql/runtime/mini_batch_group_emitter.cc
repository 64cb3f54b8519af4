#include "sql/runtime/mini_batch_group_emitter.h"

namespace eddy::sql {

using types::RowKind;

void MiniBatchGroupEmitter::begin(const GroupAccumulators& group, bool first_row) {
  first_row_ = first_row;
  before_.clear();
  if (!first_row) appendResults(group, calls_, before_);
}

bool MiniBatchGroupEmitter::end(const std::string& key, const GroupAccumulators& group,
                                runtime::Output<RowChunk>* output) {
  if (group.record_count == 0) {
    if (!first_row_) emit(key, before_, RowKind::DELETE, output);
    return false;
  }
  after_.clear();
  appendResults(group, calls_, after_);
  if (first_row_) {
    emit(key, after_, RowKind::INSERT, output);
  } else if (before_ != after_) {
    if (generate_update_before_) emit(key, before_, RowKind::UPDATE_BEFORE, output);
    emit(key, after_, RowKind::UPDATE_AFTER, output);
  }
  return true;
}

void MiniBatchGroupEmitter::emit(const std::string& key, const std::string& results, RowKind kind,
                                 runtime::Output<RowChunk>* output) {
  builder_.decodeInto(key, 0);
  builder_.decodeInto(results, key_count_);
  builder_.endRow(kind, output);
}

}  // namespace eddy::sql
