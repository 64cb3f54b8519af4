#include "sql/runtime/correlate_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "sql/expression/vector_ops.h"

namespace eddy::sql {

namespace {

void check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace

void CorrelateOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  const CorrelateCall& call = *program_->call;
  const types::LogicalType& output_type = program_->output_type;
  const size_t left_count = in.size() == 0 ? 0 : in.values[0].batch->columnCount();
  out_.clear();
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    const size_t n = rows.size();
    if (n == 0) continue;
    std::vector<types::ColumnVector> arguments;
    arguments.reserve(program_->arguments.size());
    std::vector<const types::ColumnVector*> argument_pointers;
    for (const ExpressionEvaluator& argument : program_->arguments) {
      Result<types::ColumnVector> evaluated = argument.evaluate(rows);
      check(evaluated.status());
      arguments.push_back(std::move(evaluated).value());
    }
    for (const types::ColumnVector& argument : arguments) argument_pointers.push_back(&argument);
    table::TableFunctionOutput produced;
    for (size_t f = left_count; f < output_type.fieldCount(); ++f) produced.columns.emplace_back(output_type.typeAt(f));
    check(call.function->eval(call.signature, argument_pointers, n, produced));
    const size_t m = produced.input_rows.size();
    for (const types::ColumnVector& column : produced.columns) {
      if (column.size() != m) {
        check(Internal(fmt::format("The table function '{}' produced {} rows but {} values in a column", call.name, m,
                                   column.size())));
      }
    }
    left_rows_.clear();
    right_rows_.clear();
    size_t next = 0;  // the next produced row
    for (size_t i = 0; i < n; ++i) {
      const size_t first = next;
      while (next < m && produced.input_rows[next] == static_cast<int32_t>(i)) {
        left_rows_.push_back(static_cast<int32_t>(i));
        right_rows_.push_back(static_cast<int32_t>(next++));
      }
      if (next == first && call.left_outer) {
        left_rows_.push_back(static_cast<int32_t>(i));
        right_rows_.push_back(-1);
      }
    }
    if (next != m) {
      check(Internal(fmt::format("The table function '{}' produced rows out of input order", call.name)));
    }
    for (size_t from = 0; from < left_rows_.size(); from += kRowChunkSize) {
      emitRange(rows, produced, from, std::min(left_rows_.size(), from + kRowChunkSize));
    }
  }
  if (!out_.empty()) typedOutput()->emitBatch(out_);
}

void CorrelateOperator::emitRange(const types::ColumnBatch& input, const table::TableFunctionOutput& produced,
                                  size_t from, size_t to) {
  auto result = std::make_shared<types::ColumnBatch>(program_->output_type);
  result->reserve(to - from);
  const size_t left_count = input.columnCount();
  for (size_t c = 0; c < left_count; ++c) {
    const types::ColumnVector& source = input.column(c);
    types::ColumnVector& target = result->column(c);
    vector_ops::dispatchStorage(source.type().root(), [&](auto tag) {
      using T = decltype(tag);
      for (size_t r = from; r < to; ++r) vector_ops::appendFrom<T>(source, static_cast<size_t>(left_rows_[r]), target);
    });
  }
  for (size_t k = 0; k < produced.columns.size(); ++k) {
    const types::ColumnVector& source = produced.columns[k];
    types::ColumnVector& target = result->column(left_count + k);
    vector_ops::dispatchStorage(source.type().root(), [&](auto tag) {
      using T = decltype(tag);
      for (size_t r = from; r < to; ++r) {
        if (right_rows_[r] < 0) {
          target.appendNull();
        } else {
          vector_ops::appendFrom<T>(source, static_cast<size_t>(right_rows_[r]), target);
        }
      }
    });
  }
  for (size_t r = from; r < to; ++r) result->appendRowKind(input.rowKind(static_cast<size_t>(left_rows_[r])));
  out_.add(RowChunk{std::move(result)}, runtime::kNoTimestamp);
}

}  // namespace eddy::sql
