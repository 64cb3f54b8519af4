// The seed's first program, "Page Event Aggregator", ported line by line:
//
//   events.keyBy(PageEvent::getUserId)
//         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
//         .aggregate(new PageCountAggregator())
//         .uid("page-count-aggregator")
//
// Here the source is a deterministic, seeded generator of page events (the Kafka source
// replaces it later) and the sink prints each window's count in Flink's print format.
#include <chrono>
#include <cstdio>
#include <string>

#include "eddy/datastream.h"
#include "page_events.h"

using namespace eddy;

int main() {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();

  auto source = examples::pageEventSource();
  DataStream<examples::PageEvent> events = env->fromSource<examples::PageEvent>(
      source,
      WatermarkStrategy<examples::PageEvent>::forBoundedOutOfOrderness(std::chrono::seconds(5))
          .withTimestampAssigner([](const examples::PageEvent& event, int64_t) { return event.getTimestamp(); }),
      "Page Event Source");

  events.keyBy([](const examples::PageEvent& e) { return e.getUserId(); })
      .window(windowing::TumblingEventTimeWindows::of(std::chrono::minutes(5)))
      .aggregate(examples::PageCountAggregator(), examples::toPageCount)
      .uid("page-count-aggregator")
      .name("Page Count Aggregator")
      .print();

  auto result = env->execute("Page Event Aggregator");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
