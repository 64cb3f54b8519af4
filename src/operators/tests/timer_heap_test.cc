#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/operators/timer_heap.h"
#include "eddy/state/namespaces.h"

namespace eddy::operators {
namespace {

using Heap = TimerHeap<std::string, state::VoidNamespace>;

std::vector<std::string> drain(Heap& heap) {
  std::vector<std::string> out;
  while (heap.peek()) {
    auto t = heap.poll();
    out.push_back(t.key + "@" + std::to_string(t.timestamp));
  }
  return out;
}

TEST(TimerHeapTest, FiresInTimeOrderOncePerTimestampKeyAndNamespace) {
  Heap heap;
  EXPECT_TRUE(heap.add({30, "a", {}}));
  EXPECT_TRUE(heap.add({10, "b", {}}));
  EXPECT_FALSE(heap.add({30, "a", {}}));
  EXPECT_TRUE(heap.add({20, "a", {}}));
  EXPECT_EQ(heap.size(), 3u);
  EXPECT_EQ(drain(heap), (std::vector<std::string>{"b@10", "a@20", "a@30"}));
}

TEST(TimerHeapTest, DeletedTimersDoNotFireAndMayBeRegisteredAgain) {
  Heap heap;
  heap.add({10, "a", {}});
  heap.add({20, "a", {}});
  heap.remove({10, "a", {}});
  EXPECT_EQ(heap.size(), 1u);
  heap.remove({20, "a", {}});
  heap.add({20, "a", {}});
  EXPECT_EQ(drain(heap), (std::vector<std::string>{"a@20"}));
}

}  // namespace
}  // namespace eddy::operators
