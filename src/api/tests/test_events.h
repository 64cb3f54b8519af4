#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "eddy/datastream.h"

namespace eddy::testing {

// A keyed, timestamped record for API tests.
struct Event {
  std::string key;
  int64_t ts;
};

// Emits a watermark after every event (max timestamp - bound - 1), so tests see exactly
// where watermarks fall.
class PunctuatedWatermarks final : public WatermarkGenerator<Event> {
 public:
  explicit PunctuatedWatermarks(int64_t bound) : bound_(bound) {}
  void onEvent(const Event&, int64_t ts, WatermarkOutput& out) override {
    max_ = std::max(max_, ts);
    out.emitWatermark(max_ - bound_ - 1);
  }
  void onPeriodicEmit(WatermarkOutput&) override {}

 private:
  int64_t bound_;
  int64_t max_ = INT64_MIN / 2;
};

inline WatermarkStrategy<Event> punctuated(int64_t bound) {
  return WatermarkStrategy<Event>::forGenerator([bound] { return std::make_unique<PunctuatedWatermarks>(bound); })
      .withTimestampAssigner([](const Event& e, int64_t) { return e.ts; });
}

// A stream of `input` with punctuated watermarks of the given out-of-orderness bound.
inline DataStream<Event> events(StreamExecutionEnvironment& env, std::vector<Event> input, int64_t bound = 0) {
  auto source = std::make_shared<connectors::CollectionSource<Event>>(std::move(input));
  return env.fromSource<Event>(source, punctuated(bound), "events");
}

// Counts records (an aggregate function usable by merging windows).
struct CountAgg {
  int64_t createAccumulator() const { return 0; }
  int64_t add(const Event&, int64_t acc) const { return acc + 1; }
  int64_t getResult(int64_t acc) const { return acc; }
  int64_t merge(int64_t a, int64_t b) const { return a + b; }
};

using WindowCount = std::tuple<std::string, int64_t, int64_t, int64_t>;  // key, start, end, count

// A window function emitting (key, window start, window end, count).
inline void countPerWindow(const std::string& key, const windowing::TimeWindow& w, const int64_t& count,
                           Collector<WindowCount>& out) {
  out.collect(WindowCount{key, w.start, w.end, count});
}

template <typename T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace eddy::testing
