#include "sql/connectors/values/values_source_operator.h"

#include <stdexcept>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/expression_evaluator.h"

namespace eddy::sql {

using types::ColumnBatch;
using types::DataTypes;
using types::LogicalType;

ValuesSourceOperator::ValuesSourceOperator(std::string data_id, LogicalType physical_type, std::vector<int> fields,
                                           LogicalType produced_type, ChangelogMode changelog_mode, bool bounded,
                                           BoundExprPtr filter)
    : data_id_(std::move(data_id)),
      physical_type_(std::move(physical_type)),
      fields_(std::move(fields)),
      produced_type_(std::move(produced_type)),
      changelog_mode_(changelog_mode),
      bounded_(bounded) {
  if (filter) filter_.emplace(std::move(filter));
  for (int field : fields_) {
    projections_.emplace_back(BoundExpr::inputRef(field, physical_type_.typeAt(static_cast<size_t>(field)), {}));
  }
}

Status ValuesSourceOperator::initializeState(const std::vector<std::string>& operator_state) {
  for (const std::string& position : operator_state) position_ = std::stoull(position);
  return Status::OK();
}

void ValuesSourceOperator::open() {
  data_ = ValuesData::data(data_id_);
  if (!data_) data_ = std::make_shared<const std::vector<ValuesElement>>();
}

Result<std::vector<std::string>> ValuesSourceOperator::snapshotOperatorState(int64_t) {
  return std::vector<std::string>{std::to_string(position_)};
}

InputStatus ValuesSourceOperator::emitNext() {
  auto* out = static_cast<runtime::Output<RowChunk>*>(output());
  const std::vector<ValuesElement>& data = *data_;
  if (position_ >= data.size()) {
    if (!bounded_) return InputStatus::kNothingAvailable;
    if (!ended_) {
      ended_ = true;
      out->emitWatermark(runtime::kMaxWatermark);
    }
    return InputStatus::kEndOfInput;
  }
  if (data[position_].watermark) {
    out->emitWatermark(*data[position_].watermark);
    ++position_;
    return InputStatus::kMoreAvailable;
  }
  size_t end = position_;
  while (end < data.size() && !data[end].watermark && end - position_ < kRowChunkSize) ++end;
  RowChunk chunk = produce(convert(position_, end));
  position_ = end;
  if (chunk.size() == 0) return InputStatus::kMoreAvailable;
  runtime::RecordBatch<RowChunk> batch;
  batch.add(std::move(chunk), runtime::kNoTimestamp);
  out->emitBatch(batch);
  return InputStatus::kMoreAvailable;
}

RowChunk ValuesSourceOperator::produce(const ColumnBatch& physical) {
  selection_.clear();
  if (filter_) {
    types::ColumnVector keep(filter_->expr().type);
    Status status = filter_->evaluate(physical, keep);
    if (!status.ok()) throw std::runtime_error("values source '" + data_id_ + "', filter: " + status.message());
    for (size_t i = 0; i < physical.size(); ++i) {
      if (!keep.isNull(i) && keep.valueAt<int8_t>(i) != 0) selection_.push_back(static_cast<int32_t>(i));
    }
  } else {
    for (size_t i = 0; i < physical.size(); ++i) selection_.push_back(static_cast<int32_t>(i));
  }
  auto batch = std::make_shared<ColumnBatch>(produced_type_);
  batch->reserve(selection_.size());
  for (size_t c = 0; c < projections_.size(); ++c) {
    Status status = projections_[c].evaluate(physical, selection_, batch->column(c));
    if (!status.ok()) throw std::logic_error(status.message());
  }
  for (int32_t row : selection_) batch->appendRowKind(physical.rowKind(static_cast<size_t>(row)));
  return RowChunk{std::move(batch)};
}

ColumnBatch ValuesSourceOperator::convert(size_t from, size_t to) const {
  const std::vector<ValuesElement>& data = *data_;
  std::vector<types::RowField> text_fields;
  for (const types::RowField& field : physical_type_.fields()) {
    text_fields.push_back(DataTypes::FIELD(field.name, DataTypes::STRING()));
  }
  ColumnBatch text(DataTypes::ROW(std::move(text_fields)));
  for (size_t i = from; i < to; ++i) {
    const ValuesElement& element = data[i];
    if (!changelog_mode_.contains(element.kind)) {
      throw std::runtime_error("values source '" + data_id_ + "': row " + std::to_string(i) + " has kind " +
                               std::string(types::shortString(element.kind)) + ", outside changelog-mode [" +
                               changelog_mode_.toString() + "]");
    }
    if (element.fields.size() != physical_type_.fieldCount()) {
      throw std::runtime_error("values source '" + data_id_ + "': row " + std::to_string(i) + " has " +
                               std::to_string(element.fields.size()) + " fields, the table has " +
                               std::to_string(physical_type_.fieldCount()));
    }
    for (size_t c = 0; c < element.fields.size(); ++c) {
      const std::optional<std::string>& cell = element.fields[c];
      if (cell) {
        text.column(c).appendString(*cell);
      } else {
        text.column(c).appendNull();
      }
    }
    text.appendRowKind(element.kind);
  }
  ColumnBatch batch(physical_type_);
  for (size_t c = 0; c < physical_type_.fieldCount(); ++c) {
    const LogicalType& type = physical_type_.typeAt(c);
    ExpressionEvaluator cast(binder::castTo(BoundExpr::inputRef(static_cast<int>(c), DataTypes::STRING(), {}),
                                            type.nullable()));
    Status status = cast.evaluate(text, batch.column(c));
    if (!status.ok()) {
      throw std::runtime_error("values source '" + data_id_ + "', column '" + physical_type_.fields()[c].name +
                               "': " + status.message());
    }
  }
  for (size_t i = 0; i < text.size(); ++i) batch.appendRowKind(text.rowKind(i));
  return batch;
}

}  // namespace eddy::sql
