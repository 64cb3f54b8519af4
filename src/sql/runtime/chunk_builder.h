#pragma once

#include <memory>
#include <string_view>

#include "eddy/runtime/output.h"
#include "sql/runtime/record_codec.h"
#include "sql/runtime/row_chunk.h"
#include "sql/runtime/sortable_codec.h"

namespace eddy::sql {

// Builds output chunks of one ROW type row by row from encoded values (sortable_codec.h):
// an operator decodes a row's key and results into the next row, and the builder emits a
// chunk when it is full or on flush(). Used by one operator instance.
class ChunkBuilder {
 public:
  explicit ChunkBuilder(types::LogicalType row_type) : row_type_(std::move(row_type)) {}

  // Decodes the values in `encoded` into the fields of the current row from `first_field`
  // on; the caller may append further fields through batch(), then calls endRow.
  void decodeInto(std::string_view encoded, size_t first_field) {
    ensureBatch();
    for (size_t f = first_field; !encoded.empty(); ++f) decodeSortable(encoded, batch_->column(f));
  }
  // The same for a whole record as the join operators keep it (record_codec.h).
  void decodeRecordInto(std::string_view encoded, size_t first_field) {
    ensureBatch();
    sql::decodeRecordInto(encoded, *batch_, first_field);
  }
  const types::LogicalType& rowType() const { return row_type_; }
  types::ColumnBatch& batch() {
    ensureBatch();
    return *batch_;
  }
  // Ends the current row. Emits the chunk to `output` when full.
  void endRow(types::RowKind kind, runtime::Output<RowChunk>* output) {
    batch_->appendRowKind(kind);
    if (batch_->size() >= kRowChunkSize) flush(output);
  }
  void flush(runtime::Output<RowChunk>* output) {
    if (!batch_ || batch_->size() == 0) return;
    out_.clear();
    out_.add(RowChunk{std::move(batch_)}, runtime::kNoTimestamp);
    output->emitBatch(out_);
    batch_.reset();
  }

 private:
  void ensureBatch() {
    if (!batch_) batch_ = std::make_shared<types::ColumnBatch>(row_type_);
  }

  types::LogicalType row_type_;
  std::shared_ptr<types::ColumnBatch> batch_;
  runtime::RecordBatch<RowChunk> out_;
};

}  // namespace eddy::sql
