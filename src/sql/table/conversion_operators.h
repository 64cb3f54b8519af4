#pragma once

#include <memory>

#include "eddy/runtime/stream_operator.h"
#include "eddy/types/row.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::table {

// Turns the Rows of a DataStream into the chunks SQL operators read (Flink's
// InputConversionOperator): one chunk per input batch, each Row's fields into the columns
// of the table's physical ROW type and its RowKind kept; with `append_rowtime` the record's
// timestamp follows as the "rowtime" metadata column (TIMESTAMP_LTZ(3), NULL when the
// record has none). A Row that does not fit the physical type fails the job naming the
// operator. The stream's watermarks pass only with `propagate_watermark` (the table's
// watermark is SOURCE_WATERMARK()); otherwise only the end of input (MAX_WATERMARK) does,
// and the table's WATERMARK, if any, makes its own.
class InputConversionOperator final : public runtime::OneOutputOperator<sql::RowChunk> {
 public:
  InputConversionOperator(types::LogicalType produced_type, bool append_rowtime, bool propagate_watermark)
      : produced_type_(std::move(produced_type)),
        append_rowtime_(append_rowtime),
        propagate_watermark_(propagate_watermark) {}

  void processBatch(runtime::BatchBase& batch, int input) override;

 protected:
  void onWatermark(int64_t watermark) override;

 private:
  types::LogicalType produced_type_;
  bool append_rowtime_;
  bool propagate_watermark_;
  runtime::RecordBatch<sql::RowChunk> out_;
};

// Turns a table's chunks back into Rows of a DataStream (Flink's OutputConversionOperator):
// every row with its RowKind, and the value of the rowtime column (`rowtime_field`, -1 for
// none) as the record's timestamp, as toDataStream and toChangelogStream do. Watermarks
// pass through.
class OutputConversionOperator final : public runtime::OneOutputOperator<types::Row> {
 public:
  explicit OutputConversionOperator(int rowtime_field) : rowtime_field_(rowtime_field) {}

  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  int rowtime_field_;
  runtime::RecordBatch<types::Row> out_;
};

}  // namespace eddy::table
