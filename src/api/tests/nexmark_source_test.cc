#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "eddy/connectors/nexmark/nexmark_source.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using connectors::nexmark::NexmarkConfiguration;
using connectors::nexmark::NexmarkEvent;
using connectors::nexmark::NexmarkSource;

std::vector<NexmarkEvent> runNexmark(int parallelism, int64_t events) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  NexmarkConfiguration conf;
  conf.num_events = events;
  conf.seed = 7;
  conf.base_time = 1700000000000;
  auto source = std::make_shared<NexmarkSource>(conf);
  auto result = env->fromSource<NexmarkEvent>(
                       source, WatermarkStrategy<NexmarkEvent>::forBoundedOutOfOrderness(std::chrono::seconds(4)),
                       "Nexmark Source")
                    .executeAndCollect();
  EXPECT_TRUE(result.ok()) << result.status().toString();
  return result.ok() ? *result : std::vector<NexmarkEvent>{};
}

TEST(NexmarkSourceTest, EveryEventOnceInTheReferenceProportions) {
  for (int parallelism : {1, 2}) {
    std::vector<NexmarkEvent> events = runNexmark(parallelism, 5000);
    ASSERT_EQ(events.size(), 5000u) << "parallelism " << parallelism;
    std::map<int, int> kinds;
    std::map<int64_t, int> person_ids;
    for (const NexmarkEvent& event : events) {
      ++kinds[event.type];
      if (event.type == NexmarkEvent::kPerson) ++person_ids[event.person.id];
    }
    EXPECT_EQ(kinds[NexmarkEvent::kPerson], 100);
    EXPECT_EQ(kinds[NexmarkEvent::kAuction], 300);
    EXPECT_EQ(kinds[NexmarkEvent::kBid], 4600);
    // Person ids are dense and unique across the parallel generators (event ids start at 2,
    // so the first person is event 50, id 1001, as in the reference).
    EXPECT_EQ(person_ids.size(), 100u);
    EXPECT_EQ(person_ids.begin()->first, 1001);
    EXPECT_EQ(person_ids.rbegin()->first, 1100);
  }
}

}  // namespace
}  // namespace eddy
