#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "eddy/types/row_kind.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// The output side of the Top-N operators (Flink's AbstractTopNFunction#collect*): decodes a
// kept row, appends its rank when the row number is an output field, and ends the row with
// its kind. The ranked calls emit only ranks in [rank_start, rank_end] and drop UPDATE_BEFORE
// unless generate_update_before; the unranked ones emit as asked. Used by one operator.
class RankOutput {
 public:
  RankOutput(types::LogicalType output_type, size_t input_fields, int64_t rank_start, int64_t rank_end,
             bool output_rank_number, bool generate_update_before)
      : builder_(std::move(output_type)),
        input_fields_(input_fields),
        rank_start_(rank_start),
        rank_end_(rank_end),
        output_rank_number_(output_rank_number),
        generate_update_before_(generate_update_before) {}

  int64_t rankEnd() const { return rank_end_; }
  bool inRankEnd(int64_t rank) const { return rank <= rank_end_; }
  // Flink's hasOffset: the algorithms without row numbers cannot skip leading ranks.
  bool withRowNumber() const { return output_rank_number_ || rank_start_ > 1; }

  // A row at `rank`, if the rank is in the range.
  void collect(std::string_view row, int64_t rank, types::RowKind kind, runtime::Output<RowChunk>* output) {
    if (rank < rank_start_ || rank > rank_end_) return;
    collectRow(row, rank, kind, output);
  }
  // A row whatever its rank (`rank` is emitted only with the row number).
  void collectRow(std::string_view row, int64_t rank, types::RowKind kind, runtime::Output<RowChunk>* output) {
    if (kind == types::RowKind::UPDATE_BEFORE && !generate_update_before_) return;
    builder_.decodeInto(row, 0);
    if (output_rank_number_) builder_.batch().column(input_fields_).append<int64_t>(rank);
    builder_.endRow(kind, output);
  }
  void flush(runtime::Output<RowChunk>* output) { builder_.flush(output); }

 private:
  ChunkBuilder builder_;
  size_t input_fields_;
  int64_t rank_start_;
  int64_t rank_end_;
  bool output_rank_number_;
  bool generate_update_before_;
};

}  // namespace eddy::sql
