#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/functions/source.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/jdbc/jdbc_scan_splits.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The bounded source of a jdbc table scan (Flink's InputFormatSource over a
// JdbcRowDataInputFormat): split i of the scan (one query, a range of
// 'scan.partition.column' or the whole table, with the pushed-down filters;
// jdbc_scan_splits.h) goes to reader i % parallelism, which reads it
// whole and emits its rows as RowChunks of up to kRowChunkSize INSERT rows of `row_type`.
// A checkpoint keeps each reader's unfinished splits with the rows already emitted of the
// current one; a restored reader runs the query again and skips those rows, which assumes
// the table did not change in between (as Flink's input splits, a scan is a snapshot read).
// A failed query fails the job with the database's error (password masked). Immutable;
// readers run in their task threads.
class JdbcRowSource final : public Source<RowChunk> {
 public:
  // REQUIRES: `row_type` is the ROW of the splits' fields.
  JdbcRowSource(JdbcScanSplits splits, types::LogicalType row_type)
      : splits_(std::make_shared<const JdbcScanSplits>(std::move(splits))), row_type_(std::move(row_type)) {}

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }
  std::unique_ptr<SourceReader<RowChunk>> createReader(const SourceReaderContext& context) override;
  // Splits as snapshotState wrote them: "<split>:<rows emitted>".
  Result<std::unique_ptr<SourceReader<RowChunk>>> restoreReader(const SourceReaderContext& context,
                                                                const std::vector<std::string>& splits) override;

 private:
  std::shared_ptr<const JdbcScanSplits> splits_;
  types::LogicalType row_type_;
};

}  // namespace eddy::sql
