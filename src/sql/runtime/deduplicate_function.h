#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// What Flink's deduplicate functions do with one row of a key (DeduplicateFunctionHelper's
// processFirstRowOnProcTime, processLastRowOnProcTime and deduplicateOnRowTime), against the
// row the key keeps: 8 bytes of rowtime, then the row encoded (sortable_codec.h).
//   - processing time, first row: the first row of a key is +I, later ones are dropped;
//   - processing time, last row: +I for the first, then -U[kept] / +U[new] for each row;
//   - rowtime: a row replaces the kept one when its rowtime is earlier (first row) or not
//     earlier (last row), emitting +I for the first and -U / +U after.
// -U only when generate_update_before. The operators read and write the kept row in keyed
// state; this only decides and emits. Used by one operator instance.
class DeduplicateFunction {
 public:
  DeduplicateFunction(int time_field, bool rowtime, bool keep_last_row, bool generate_update_before,
                      types::LogicalType row_type);

  // Processes row `row` of `rows` against `kept` (nullopt when the key keeps none) and emits
  // what it changes into the chunk being built; returns whether it replaced `kept`.
  bool processRow(const types::ColumnBatch& rows, size_t row, std::optional<std::string>& kept,
                  runtime::Output<RowChunk>* output);
  // Emits the rows built so far.
  void flush(runtime::Output<RowChunk>* output) { builder_.flush(output); }

 private:
  void emit(std::string_view row, types::RowKind kind, runtime::Output<RowChunk>* output);

  int time_field_;
  bool rowtime_;
  bool keep_last_row_;
  bool generate_update_before_;
  std::vector<int> all_fields_;
  ChunkBuilder builder_;
  // Reused per row: the candidate as 8 bytes of rowtime then the encoded row.
  std::string candidate_;
};

}  // namespace eddy::sql
