#include "sql/runtime/calc_operator.h"

#include <stdexcept>

namespace eddy::sql {

namespace {

void check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace

void CalcOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  out_.clear();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    if (rows.size() == 0) continue;
    selection_.clear();
    if (program_->condition) {
      types::ColumnVector keep(program_->condition->expr().type);
      check(program_->condition->evaluate(rows, keep, currentWatermark()));
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!keep.isNull(i) && keep.valueAt<int8_t>(i) != 0) selection_.push_back(static_cast<int32_t>(i));
      }
      if (selection_.empty()) continue;
    }
    // With every row kept, the projections read the input columns themselves (a field is
    // copied as a whole column) instead of gathering the selected rows.
    const bool all_rows = !program_->condition || selection_.size() == rows.size();
    auto result = std::make_shared<types::ColumnBatch>(program_->output_type);
    for (size_t c = 0; c < program_->projections.size(); ++c) {
      const ExpressionEvaluator& projection = program_->projections[c];
      check(all_rows ? projection.evaluate(rows, result->column(c), currentWatermark())
                     : projection.evaluate(rows, selection_, result->column(c), currentWatermark()));
    }
    if (all_rows) {
      result->appendRowKinds(rows, rows.size());
    } else {
      for (int32_t row : selection_) result->appendRowKind(rows.rowKind(static_cast<size_t>(row)));
    }
    out_.add(RowChunk{std::move(result)}, runtime::kNoTimestamp);
  }
  if (!out_.empty()) typedOutput()->emitBatch(out_);
}

}  // namespace eddy::sql
