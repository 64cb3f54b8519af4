#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "eddy/connectors/index_range_splits.h"
#include "eddy/connectors/rate_limiter.h"
#include "eddy/functions/source.h"

namespace eddy::connectors {

// Generates records from their index (Flink's DataGeneratorSource): the generator function
// maps each index in [0, count) to a record; count = INT64_MAX means unbounded
// (Flink's Long.MAX_VALUE convention). The index range is split among the parallel
// readers so each index is produced exactly once, and an optional RateLimiterStrategy caps
// the records per second over all readers. Each reader calls its own copy of the
// generator, a batch at a time; the generator is a template parameter so the per-record
// call can be inlined (the default, std::function, is the convenient form).
//
//   auto source = makeDataGeneratorSource([](int64_t i) { return i * 2; }, 1000);
//   env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Generator Source");
template <typename OUT, typename GeneratorFunction = std::function<OUT(int64_t)>>
class DataGeneratorSource final : public Source<OUT> {
 public:
  static constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();

  // REQUIRES: count >= 0.
  DataGeneratorSource(GeneratorFunction generator, int64_t count,
                      RateLimiterStrategy rate_limiter = RateLimiterStrategy::noOp())
      : generator_(std::move(generator)), count_(count), rate_limiter_(rate_limiter) {}

  Boundedness getBoundedness() const override {
    return count_ == kUnbounded ? Boundedness::kContinuousUnbounded : Boundedness::kBounded;
  }

  // Called from each reader's task thread; reads only immutable members.
  std::unique_ptr<SourceReader<OUT>> createReader(const SourceReaderContext& context) override {
    return makeReader(context, IndexRangeCursor({splitIndexRange(count_, context.subtask_index, context.parallelism)}));
  }

  // Continues from checkpointed index ranges (the unfinished part of each split).
  Result<std::unique_ptr<SourceReader<OUT>>> restoreReader(const SourceReaderContext& context,
                                                           const std::vector<std::string>& splits) override {
    EDDY_ASSIGN_OR_RETURN(IndexRangeCursor cursor, IndexRangeCursor::fromSplits(splits));
    return makeReader(context, std::move(cursor));
  }

 private:
  std::unique_ptr<SourceReader<OUT>> makeReader(const SourceReaderContext& context, IndexRangeCursor cursor) {
    std::optional<RateLimiter> limiter;
    if (rate_limiter_.isLimited()) limiter.emplace(rate_limiter_.createRateLimiter(context.parallelism));
    return std::make_unique<Reader>(generator_, std::move(cursor), std::move(limiter));
  }

  class Reader final : public SourceReader<OUT> {
   public:
    Reader(GeneratorFunction generator, IndexRangeCursor cursor, std::optional<RateLimiter> limiter)
        : generator_(std::move(generator)), cursor_(std::move(cursor)), limiter_(std::move(limiter)) {}

    InputStatus pollNext(runtime::RecordBatch<OUT>& out) override {
      if (cursor_.done()) return InputStatus::kEndOfInput;
      int64_t n = std::min<int64_t>(cursor_.availableInRange(), static_cast<int64_t>(runtime::kDefaultBatchSize));
      if (limiter_) {
        n = limiter_->acquire(n);
        if (n == 0) return InputStatus::kNothingAvailable;
      }
      IndexRange run = cursor_.take(n);
      for (int64_t i = run.begin; i < run.end; ++i) out.add(generator_(i), runtime::kNoTimestamp);
      return cursor_.done() ? InputStatus::kEndOfInput : InputStatus::kMoreAvailable;
    }

    Result<std::vector<std::string>> snapshotState(int64_t) override { return cursor_.snapshot(); }

   private:
    GeneratorFunction generator_;
    IndexRangeCursor cursor_;
    std::optional<RateLimiter> limiter_;
  };

  GeneratorFunction generator_;
  int64_t count_;
  RateLimiterStrategy rate_limiter_;
};

// A DataGeneratorSource for `generator`'s own type (so its calls inline), as the Source of
// its result type that StreamExecutionEnvironment::fromSource takes.
template <typename GeneratorFunction>
auto makeDataGeneratorSource(GeneratorFunction generator, int64_t count,
                             RateLimiterStrategy rate_limiter = RateLimiterStrategy::noOp())
    -> std::shared_ptr<Source<std::invoke_result_t<GeneratorFunction&, int64_t>>> {
  using OUT = std::invoke_result_t<GeneratorFunction&, int64_t>;
  return std::make_shared<DataGeneratorSource<OUT, GeneratorFunction>>(std::move(generator), count, rate_limiter);
}

}  // namespace eddy::connectors
