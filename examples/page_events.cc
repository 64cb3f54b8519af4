#include "page_events.h"


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

}  // namespace

PageEvent PageEventGenerator::operator()(int64_t index) const {
  const int64_t span = options_.duration_minutes * 60'000;
  uint64_t random = options_.seed * 0x2545f4914f6cdd1dULL + static_cast<uint64_t>(index);
  int64_t in_order = options_.start_millis + index * span / options_.events;
  int64_t jitter = static_cast<int64_t>(nextRandom(random) % 5000);  // up to 5 s late
  PageEvent event;
  event.user_id = fmt::format("user-{}", nextRandom(random) % options_.users);
  event.page = fmt::format("/page/{}", nextRandom(random) % options_.pages);
  event.timestamp = in_order - jitter;
  return event;
}

std::shared_ptr<Source<PageEvent>> pageEventSource(PageEventGenerator::Options options) {
  PageEventGenerator generator(options);
  return std::make_shared<connectors::DataGeneratorSource<PageEvent, PageEventGenerator>>(generator, generator.count());
}

}  // namespace eddy::examples
