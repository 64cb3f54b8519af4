#include "sql/connectors/datagen/datagen_row_source.h"

#include <algorithm>
#include <chrono>
#include <optional>

namespace eddy::sql {

namespace {

using connectors::IndexRange;
using connectors::IndexRangeCursor;
using connectors::RateLimiter;

class DataGenRowReader final : public SourceReader<RowChunk> {
 public:
  DataGenRowReader(types::LogicalType row_type, std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields,
                   IndexRangeCursor cursor, std::optional<RateLimiter> limiter, DataGenRowSource::Clock clock)
      : row_type_(std::move(row_type)), fields_(std::move(fields)), cursor_(std::move(cursor)), limiter_(std::move(limiter)), clock_(std::move(clock)) {}

  InputStatus pollNext(runtime::RecordBatch<RowChunk>& out) override {
    if (cursor_.done()) return InputStatus::kEndOfInput;
    int64_t n = std::min<int64_t>(cursor_.availableInRange(), static_cast<int64_t>(kRowChunkSize));
    if (limiter_) {
      n = limiter_->acquire(n);
      if (n == 0) return InputStatus::kNothingAvailable;
    }
    const IndexRange run = cursor_.take(n);
    // A chunk is immutable once emitted, so every chunk gets its own batch.
    auto batch = std::make_shared<types::ColumnBatch>(row_type_);
    batch->reserve(static_cast<size_t>(run.end - run.begin));
    const int64_t now = clock_();
    for (size_t f = 0; f < fields_.size(); ++f) fields_[f]->appendTo(run.begin, run.end, now, batch->column(f));
    for (int64_t i = run.begin; i < run.end; ++i) batch->appendRowKind(types::RowKind::INSERT);
    out.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    return cursor_.done() ? InputStatus::kEndOfInput : InputStatus::kMoreAvailable;
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override { return cursor_.snapshot(); }

 private:
  types::LogicalType row_type_;
  std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields_;
  IndexRangeCursor cursor_;
  std::optional<RateLimiter> limiter_;
  DataGenRowSource::Clock clock_;
};

}  // namespace

DataGenRowSource::DataGenRowSource(types::LogicalType row_type,
                                   std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields, int64_t count,
                                   double rows_per_second, Clock clock)
    : row_type_(std::move(row_type)),
      fields_(std::move(fields)),
      count_(count),
      rate_limiter_(connectors::RateLimiterStrategy::perSecond(rows_per_second)),
      clock_(std::move(clock)) {}

int64_t DataGenRowSource::systemClock() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<SourceReader<RowChunk>> DataGenRowSource::createReader(const SourceReaderContext& context) {
  return makeReader(context,
                    IndexRangeCursor({connectors::splitIndexRange(count_, context.subtask_index, context.parallelism)}));
}

Result<std::unique_ptr<SourceReader<RowChunk>>> DataGenRowSource::restoreReader(const SourceReaderContext& context,
                                                                                const std::vector<std::string>& splits) {
  EDDY_ASSIGN_OR_RETURN(IndexRangeCursor cursor, IndexRangeCursor::fromSplits(splits));
  return makeReader(context, std::move(cursor));
}

std::unique_ptr<SourceReader<RowChunk>> DataGenRowSource::makeReader(const SourceReaderContext& context,
                                                                     IndexRangeCursor cursor) const {
  std::optional<RateLimiter> limiter;
  if (rate_limiter_.isLimited()) limiter.emplace(rate_limiter_.createRateLimiter(context.parallelism));
  return std::make_unique<DataGenRowReader>(row_type_, fields_, std::move(cursor), std::move(limiter), clock_);
}

}  // namespace eddy::sql
