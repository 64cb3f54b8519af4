#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy::examples {

// A page view, as the seed's PageEvent.
struct PageEvent {
  std::string user_id;
  std::string page;
  int64_t timestamp = 0;

  const std::string& getUserId() const { return user_id; }
  int64_t getTimestamp() const { return timestamp; }
};

// One window's count for one user, printed as the JDBC sink's row would be written.
struct PageCount {
  std::string user_id;
  int64_t window_start = 0;
  int64_t window_end = 0;
  int64_t page_count = 0;

  std::string toString() const;
  bool operator==(const PageCount&) const = default;
  bool operator<(const PageCount& o) const {
    return std::tie(window_start, user_id) < std::tie(o.window_start, o.user_id);
  }
};

// Counts the events of a window (the seed's PageCountAggregator).
class PageCountAggregator final : public AggregateFunction<PageEvent, int64_t, int64_t> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const PageEvent&, int64_t accumulator) override { return accumulator + 1; }
  int64_t getResult(const int64_t& accumulator) override { return accumulator; }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

// The window function that attaches the user and the window to the count.
void toPageCount(const std::string& user_id, const windowing::TimeWindow& window, const int64_t& count,
                 Collector<PageCount>& out);

// Generates the page events of the demo for a DataGeneratorSource: `users` users visiting
// `pages` pages over `duration_minutes` of event time, slightly out of order (within 5 s).
// Event i depends only on (seed, i), so the demo and its test print the same windows on
// every machine and at every parallelism.
class PageEventGenerator {
 public:
  struct Options {
    int64_t events = 2000;                     // Default: 2000
    int users = 4;                             // Default: 4
    int pages = 6;                             // Default: 6
    int64_t start_millis = 1'767'225'600'000;  // Default: 2026-01-01T00:00:00Z
    int64_t duration_minutes = 20;             // Default: 20
    uint64_t seed = 42;                        // Default: 42
  };

  explicit PageEventGenerator(Options options) : options_(options) {}
  PageEvent operator()(int64_t index) const;
  int64_t count() const { return options_.events; }

 private:
  Options options_;
};

// The demo's bounded source: Flink's DataGeneratorSource over PageEventGenerator.
std::shared_ptr<Source<PageEvent>> pageEventSource(PageEventGenerator::Options options = {});

}  // namespace eddy::examples
