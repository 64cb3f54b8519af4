#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "demo_page_counts.h"
#include "page_events.h"

namespace eddy::examples {
namespace {

std::vector<PageCount> runPageCounts(int parallelism) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  auto source = pageEventSource();
  auto counts = env->fromSource<PageEvent>(
                       source,
                       WatermarkStrategy<PageEvent>::forBoundedOutOfOrderness(std::chrono::seconds(5))
                           .withTimestampAssigner([](const PageEvent& e, int64_t) { return e.getTimestamp(); }),
                       "Page Event Source")
                    .keyBy([](const PageEvent& e) { return e.getUserId(); })
                    .window(windowing::TumblingEventTimeWindows::of(std::chrono::minutes(5)))
                    .aggregate(PageCountAggregator(), toPageCount)
                    .executeAndCollect();
  EXPECT_TRUE(counts.ok()) << counts.status().toString();
  auto values = counts.valueOr({});
  std::sort(values.begin(), values.end());
  return values;
}

TEST(PageCountsTest, DemoPrintsTheSameWindowCountsAtAnyParallelism) {
  auto counts = runPageCounts(1);
  EXPECT_EQ(counts, demoPageCounts());
  int64_t total = 0;
  for (const PageCount& c : counts) total += c.page_count;
  EXPECT_EQ(total, 2000);
  ASSERT_FALSE(counts.empty());
  // The generator starts at 2026-01-01T00:00:00Z and jitters up to 5 s back, so the first
  // window starts 5 minutes before.
  EXPECT_EQ(counts.front().window_start, 1'767'225'300'000);
  EXPECT_EQ(runPageCounts(2), counts);
  EXPECT_EQ(runPageCounts(4), counts);
}

}  // namespace
}  // namespace eddy::examples
