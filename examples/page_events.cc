#include "page_events.h"

#include <algorithm>

namespace eddy::examples {

std::string PageCount::toString() const {
  return fmt::format("PageCount{{user_id={}, window_start={}, window_end={}, page_count={}}}", user_id, window_start,
                     window_end, page_count);
}

void toPageCount(const std::string& user_id, const windowing::TimeWindow& window, const int64_t& count,
                 Collector<PageCount>& out) {
  out.collect(PageCount{user_id, window.start, window.end, count});
}

namespace {

// splitmix64: a small, well-mixed deterministic generator.
uint64_t nextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class PageEventReader final : public SourceReader<PageEvent> {
 public:
  PageEventReader(PageEventSource::Options options, int64_t begin, int64_t end)
      : options_(options), next_(begin), end_(end) {}

  InputStatus pollNext(runtime::RecordBatch<PageEvent>& out) override {
    const int64_t span = options_.duration_minutes * 60'000;
    int64_t stop = std::min(end_, next_ + static_cast<int64_t>(runtime::kDefaultBatchSize));
    for (; next_ < stop; ++next_) {
      // Each event depends only on (seed, index): the same events whatever the parallelism.
      uint64_t random = options_.seed * 0x2545f4914f6cdd1dULL + static_cast<uint64_t>(next_);
      int64_t in_order = options_.start_millis + next_ * span / options_.events;
      int64_t jitter = static_cast<int64_t>(nextRandom(random) % 5000);  // up to 5 s late
      PageEvent event;
      event.user_id = fmt::format("user-{}", nextRandom(random) % options_.users);
      event.page = fmt::format("/page/{}", nextRandom(random) % options_.pages);
      event.timestamp = in_order - jitter;
      out.add(std::move(event), runtime::kNoTimestamp);
    }
    return next_ < end_ ? InputStatus::kMoreAvailable : InputStatus::kEndOfInput;
  }

 private:
  PageEventSource::Options options_;
  int64_t next_;
  int64_t end_;
};

}  // namespace

std::unique_ptr<SourceReader<PageEvent>> PageEventSource::createReader(const SourceReaderContext& context) {
  int64_t begin = options_.events * context.subtask_index / context.parallelism;
  int64_t end = options_.events * (context.subtask_index + 1) / context.parallelism;
  return std::make_unique<PageEventReader>(options_, begin, end);
}

}  // namespace eddy::examples
