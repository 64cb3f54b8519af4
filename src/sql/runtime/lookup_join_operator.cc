#include "sql/runtime/lookup_join_operator.h"

#include <chrono>
#include <stdexcept>
#include <utility>
#include <variant>

#include "sql/expression/vector_ops.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

namespace {

void check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace

void LookupJoinOperator::open() {
  if (const auto* full = std::get_if<std::shared_ptr<const FullCachingLookupProvider>>(&program_->provider)) {
    Result<types::ColumnBatch> rows = (*full)->loadAll();
    check(rows.status());
    cache_.emplace(std::move(rows).value(), program_->table_keys);
    table_batch_ = &cache_->rows();
    null_row_ = cache_->nullRow();
  } else {
    const auto& partial = std::get<std::shared_ptr<const PartialCachingLookupProvider>>(program_->provider);
    Result<std::unique_ptr<LookupFunction>> function = partial->createLookupFunction();
    check(function.status());
    lookup_.emplace(std::move(function).value(), partial->getCacheOptions(), program_->table_type);
    check(lookup_->open());
    matched_.emplace(lookup_->rowType());
    table_batch_ = &*matched_;
    null_row_ = 0;
  }
  const types::LogicalType& table_type = table_batch_->schema();
  input_copies_.clear();
  table_copies_.clear();
  for (size_t i = 0; i < program_->input_field_count; ++i) {
    input_copies_.emplace_back(BoundExpr::inputRef(static_cast<int>(i), program_->input_type.typeAt(i), {}));
  }
  for (size_t i = 0; i < table_type.fieldCount(); ++i) {
    table_copies_.emplace_back(BoundExpr::inputRef(static_cast<int>(i), table_type.typeAt(i), {}));
  }
}

void LookupJoinOperator::close() {
  if (lookup_) lookup_->close();
}

void LookupJoinOperator::appendLookedUp(const types::ColumnBatch& rows, size_t row, int64_t now_ms) {
  Result<const types::ColumnBatch*> found = lookup_->lookup(rows, program_->input_keys, row, key_, now_ms);
  check(found.status());
  const types::ColumnBatch& table_rows = **found;
  types::ColumnBatch& matched = *matched_;
  for (size_t t = 0; t < table_rows.size(); ++t) {
    for (size_t c = 0; c < matched.columnCount(); ++c) vector_ops::appendAnyFrom(table_rows.column(c), t, matched.column(c));
    matched.appendRowKind(types::RowKind::INSERT);
    left_rows_.push_back(static_cast<int32_t>(row));
    table_rows_.push_back(static_cast<int32_t>(matched.size() - 1));
  }
}

void LookupJoinOperator::lookupRows(const types::ColumnBatch& rows, int64_t now_ms) {
  const bool pad = program_->join_type == FlinkJoinType::kLeft && !program_->condition;
  left_rows_.clear();
  table_rows_.clear();
  if (matched_) {
    matched_->clear();
    for (size_t c = 0; c < matched_->columnCount(); ++c) matched_->column(c).appendNull();
    matched_->appendRowKind(types::RowKind::INSERT);
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    bool has_null = false;
    for (int field : program_->input_keys) has_null |= rows.column(static_cast<size_t>(field)).isNull(r);
    const size_t before = table_rows_.size();
    if (!has_null) {
      key_.clear();
      encodeRowKey(rows, program_->input_keys, r, key_);
      if (cache_) {
        for (int32_t match : cache_->lookup(key_)) {
          left_rows_.push_back(static_cast<int32_t>(r));
          table_rows_.push_back(match);
        }
      } else {
        appendLookedUp(rows, r, now_ms);
      }
    }
    if (table_rows_.size() == before && pad) {
      left_rows_.push_back(static_cast<int32_t>(r));
      table_rows_.push_back(null_row_);
    }
  }
}

void LookupJoinOperator::applyCondition(const types::ColumnBatch& rows) {
  types::ColumnVector accepted(program_->condition->expr().type);
  if (!left_rows_.empty()) {
    std::shared_ptr<types::ColumnBatch> joined = gather(rows);
    check(program_->condition->evaluate(*joined, accepted, currentWatermark()));
  }
  const bool outer = program_->join_type == FlinkJoinType::kLeft;
  kept_left_.clear();
  kept_table_.clear();
  size_t candidate = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    bool any = false;
    for (; candidate < left_rows_.size() && left_rows_[candidate] == static_cast<int32_t>(r); ++candidate) {
      if (accepted.isNull(candidate) || accepted.valueAt<int8_t>(candidate) == 0) continue;
      kept_left_.push_back(static_cast<int32_t>(r));
      kept_table_.push_back(table_rows_[candidate]);
      any = true;
    }
    if (!any && outer) {
      kept_left_.push_back(static_cast<int32_t>(r));
      kept_table_.push_back(null_row_);
    }
  }
  left_rows_.swap(kept_left_);
  table_rows_.swap(kept_table_);
}

std::shared_ptr<types::ColumnBatch> LookupJoinOperator::gather(const types::ColumnBatch& rows) const {
  auto out = std::make_shared<types::ColumnBatch>(program_->output_type);
  out->reserve(left_rows_.size());
  for (size_t i = 0; i < input_copies_.size(); ++i) check(input_copies_[i].evaluate(rows, left_rows_, out->column(i)));
  const size_t offset = input_copies_.size();
  for (size_t i = 0; i < table_copies_.size(); ++i) {
    check(table_copies_[i].evaluate(*table_batch_, table_rows_, out->column(offset + i)));
  }
  for (int32_t row : left_rows_) out->appendRowKind(rows.rowKind(static_cast<size_t>(row)));
  return out;
}

void LookupJoinOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  out_.clear();
  // Read once per batch of chunks: the cache's clock (Guava reads System.nanoTime).
  const int64_t now_ms = lookup_ ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::steady_clock::now().time_since_epoch())
                                       .count()
                                 : 0;
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    if (rows.size() == 0) continue;
    lookupRows(rows, now_ms);
    if (program_->condition) applyCondition(rows);
    if (left_rows_.empty()) continue;
    out_.add(RowChunk{gather(rows)}, runtime::kNoTimestamp);
  }
  if (!out_.empty()) typedOutput()->emitBatch(out_);
}

}  // namespace eddy::sql
