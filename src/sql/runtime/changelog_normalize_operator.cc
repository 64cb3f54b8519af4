#include "sql/runtime/changelog_normalize_operator.h"

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/keyed_rows.h"
#include "sql/runtime/record_codec.h"
#include "sql/runtime/row_selector.h"
#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

using types::RowKind;

ChangelogNormalizeOperator::ChangelogNormalizeOperator(std::vector<int> keys, bool generate_update_before,
                                                       types::LogicalType row_type, int64_t state_retention_ms)
    : keys_(std::move(keys)),
      generate_update_before_(generate_update_before),
      state_retention_ms_(state_retention_ms),
      builder_(std::move(row_type)) {}

void ChangelogNormalizeOperator::open() {
  backend_ = static_cast<state::KeyedStateBackendT<std::string>*>(keyedStateBackend());
  state::ValueStateDescriptor<std::string> descriptor("changelog-normalize");
  if (state_retention_ms_ > 0) descriptor.enableTimeToLive(createTtlConfig(state_retention_ms_));
  kept_ = backend_->getPartitionedState<state::VoidNamespace>(descriptor);
}

void ChangelogNormalizeOperator::processBatch(runtime::BatchBase& batch, int) {
  forEachKeyedRow(batch, keys_, *backend_, key_, [this](const types::ColumnBatch& rows, size_t i) {
    std::optional<std::string> kept = kept_->value();
    const RowKind kind = rows.rowKind(i);
    if (kind == RowKind::DELETE || kind == RowKind::UPDATE_BEFORE) {
      // The kept row, not the input's: a tombstone may hold only the key.
      if (kept) {
        emit(*kept, RowKind::DELETE);
        kept_->clear();
      }
      return;
    }
    row_.clear();
    encodeRecord(rows, i, row_);
    if (!kept) {
      emit(row_, RowKind::INSERT);
    } else {
      if (state_retention_ms_ == 0 && *kept == row_) return;
      if (generate_update_before_) emit(*kept, RowKind::UPDATE_BEFORE);
      emit(row_, RowKind::UPDATE_AFTER);
    }
    kept_->update(row_);
  });
  builder_.flush(typedOutput());
}

void ChangelogNormalizeOperator::emit(std::string_view row, RowKind kind) {
  builder_.decodeRecordInto(row, 0);
  builder_.endRow(kind, typedOutput());
}

}  // namespace eddy::sql
