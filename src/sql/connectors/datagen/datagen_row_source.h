#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "eddy/connectors/index_range_splits.h"
#include "eddy/connectors/rate_limiter.h"
#include "eddy/functions/source.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/datagen/datagen_field_generator.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The DataStream source of a `datagen` table (Flink's DataGeneratorSource over a
// RowDataGenerator): row i of [0, count) is made by the field generators, a RowChunk of up
// to kRowChunkSize INSERT rows at a time, column by column. The index range is split among
// the parallel readers as DataGeneratorSource splits it (contiguous ranges), the readers
// share the rows-per-second budget, and a checkpoint keeps each reader's unread index
// ranges, so a restored job goes on with the next row. count = kUnbounded never ends.
// Immutable; readers run in their task threads.
class DataGenRowSource final : public Source<RowChunk> {
 public:
  static constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();
  // Epoch milliseconds, read once per chunk for DATE, TIME and timestamp fields.
  using Clock = std::function<int64_t()>;

  // REQUIRES: one generator per field of `row_type`; count >= 0; rows_per_second > 0.
  DataGenRowSource(types::LogicalType row_type, std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields,
                   int64_t count, double rows_per_second, Clock clock = systemClock);

  Boundedness getBoundedness() const override {
    return count_ == kUnbounded ? Boundedness::kContinuousUnbounded : Boundedness::kBounded;
  }
  std::unique_ptr<SourceReader<RowChunk>> createReader(const SourceReaderContext& context) override;
  Result<std::unique_ptr<SourceReader<RowChunk>>> restoreReader(const SourceReaderContext& context,
                                                                const std::vector<std::string>& splits) override;

  static int64_t systemClock();

 private:
  std::unique_ptr<SourceReader<RowChunk>> makeReader(const SourceReaderContext& context,
                                                     connectors::IndexRangeCursor cursor) const;

  types::LogicalType row_type_;
  std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields_;
  int64_t count_;
  connectors::RateLimiterStrategy rate_limiter_;
  Clock clock_;
};

}  // namespace eddy::sql
