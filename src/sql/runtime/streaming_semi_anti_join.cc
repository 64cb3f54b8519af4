// The SEMI and ANTI joins of StreamingJoinOperator (Flink's StreamingSemiAntiJoinOperator):
// only left rows are emitted. The left side keeps the number of right rows each left row
// joins; the right side only its rows.
#include "sql/runtime/streaming_join_operator.h"

namespace eddy::sql {

using types::RowKind;

namespace {

bool isAccumulate(RowKind kind) { return kind == RowKind::INSERT || kind == RowKind::UPDATE_AFTER; }

}  // namespace

void StreamingJoinOperator::processSemiAntiLeft(RowKind kind) {
  const bool anti = spec_->join_type == FlinkJoinType::kAnti;
  const size_t associated = associatedCount();
  // SEMI: the row is in the result while it has a match; ANTI: while it has none.
  if ((associated == 0) == anti) emitLeft(record_, kind);
  if (isAccumulate(kind)) {
    left_view_->addRecord(record_, static_cast<int32_t>(associated));
  } else {
    left_view_->retractRecord(record_);
  }
}

void StreamingJoinOperator::processSemiAntiRight(RowKind kind) {
  const bool anti = spec_->join_type == FlinkJoinType::kAnti;
  if (isAccumulate(kind)) {
    right_view_->addRecord(record_, 0);
    for (size_t i = 0; i < others_.size(); ++i) {
      if (!matched_[i]) continue;
      if (others_[i].associations == 0) {
        // The left row gets its first match: it enters a SEMI result, leaves an ANTI one.
        for (int32_t c = 0; c < others_[i].count; ++c) emitLeft(others_[i].record, anti ? RowKind::DELETE : kind);
      }
      left_view_->updateNumOfAssociations(others_[i].record, others_[i].associations + 1);
    }
    return;
  }
  right_view_->retractRecord(record_);
  for (size_t i = 0; i < others_.size(); ++i) {
    if (!matched_[i]) continue;
    if (others_[i].associations == 1) {
      for (int32_t c = 0; c < others_[i].count; ++c) emitLeft(others_[i].record, anti ? RowKind::INSERT : kind);
    }
    left_view_->updateNumOfAssociations(others_[i].record, others_[i].associations - 1);
  }
}

}  // namespace eddy::sql
