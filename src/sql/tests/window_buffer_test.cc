#include "sql/runtime/window_buffer.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace eddy::sql {
namespace {

using windowing::TimeWindow;

// What fireUpTo or drain handed over: "window start-end: key=record_count ..." per window.
class Fired {
 public:
  void operator()(const TimeWindow& window, std::span<WindowBuffer::Entry> entries) {
    text += std::to_string(window.start) + "-" + std::to_string(window.end) + ":";
    for (const WindowBuffer::Entry& entry : entries) {
      text += " " + std::string(entry.key) + "=" + std::to_string(entry.accumulators.record_count);
    }
    text += "\n";
  }
  std::string text;
};

void add(WindowBuffer& buffer, const TimeWindow& window, const std::string& key) {
  bool created = false;
  GroupAccumulators& group = buffer.findOrCreate(window, key, created);
  ++group.record_count;
  ++group.calls[0].count;
}

TEST(WindowBufferTest, CombinesTheRowsOfAKeyInAWindow) {
  WindowBuffer buffer(2, 100);
  bool created = false;
  buffer.findOrCreate({0, 10}, "a", created).record_count = 5;
  EXPECT_TRUE(created);
  EXPECT_EQ(buffer.findOrCreate({0, 10}, "a", created).record_count, 5);
  EXPECT_FALSE(created);
  EXPECT_EQ(buffer.findOrCreate({0, 10}, "b", created).calls.size(), 2u);
  EXPECT_TRUE(created);
  EXPECT_EQ(buffer.findOrCreate({10, 20}, "a", created).record_count, 0);
  EXPECT_TRUE(created);
  EXPECT_EQ(buffer.size(), 3u);
}

TEST(WindowBufferTest, FiresTheDueWindowsEarliestFirstWithKeysInArrivalOrder) {
  WindowBuffer buffer(1, 100);
  add(buffer, {20, 30}, "c");
  add(buffer, {0, 10}, "b");
  add(buffer, {10, 20}, "a");
  add(buffer, {0, 10}, "a");
  add(buffer, {0, 10}, "b");
  EXPECT_EQ(buffer.nextTriggerTime(), 9);
  Fired fired;
  buffer.fireUpTo(8, std::ref(fired));
  EXPECT_EQ(fired.text, "");
  buffer.fireUpTo(19, std::ref(fired));
  EXPECT_EQ(fired.text, "0-10: b=2 a=1\n10-20: a=1\n");
  EXPECT_EQ(buffer.size(), 1u);
  EXPECT_EQ(buffer.nextTriggerTime(), 29);
}

TEST(WindowBufferTest, AFiredWindowsMemoryServesTheNextWithFreshAccumulators) {
  WindowBuffer buffer(1, 100);
  add(buffer, {0, 10}, "a");
  add(buffer, {0, 10}, "b");
  Fired fired;
  buffer.fireUpTo(9, std::ref(fired));
  add(buffer, {10, 20}, "b");
  bool created = false;
  const GroupAccumulators& group = buffer.findOrCreate({10, 20}, "b", created);
  EXPECT_FALSE(created);
  EXPECT_EQ(group.record_count, 1);
  EXPECT_EQ(group.calls[0].count, 1);
  buffer.fireUpTo(19, std::ref(fired));
  EXPECT_EQ(fired.text, "0-10: a=1 b=1\n10-20: b=1\n");
}

TEST(WindowBufferTest, DrainHandsOverEveryWindowAndEmptiesTheBuffer) {
  WindowBuffer buffer(1, 2);
  add(buffer, {10, 20}, "a");
  EXPECT_FALSE(buffer.full());
  add(buffer, {0, 10}, "b");
  EXPECT_TRUE(buffer.full());
  std::vector<GroupAccumulators> taken;
  buffer.drain([&](const TimeWindow&, std::span<WindowBuffer::Entry> entries) {
    for (WindowBuffer::Entry& entry : entries) taken.push_back(std::move(entry.accumulators));
  });
  EXPECT_EQ(taken.size(), 2u);
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_FALSE(buffer.full());
  EXPECT_EQ(buffer.nextTriggerTime(), std::numeric_limits<int64_t>::max());
  // An entry whose accumulators were moved out gets new ones.
  bool created = false;
  EXPECT_EQ(buffer.findOrCreate({20, 30}, "c", created).calls.size(), 1u);
}

TEST(WindowBufferTest, KeysLargerThanABlockKeepTheirBytes) {
  WindowBuffer buffer(1, 100);
  const std::string big(100 * 1024, 'x');
  const std::string small = "s";
  add(buffer, {0, 10}, small);
  add(buffer, {0, 10}, big);
  add(buffer, {0, 10}, small + "2");
  std::vector<std::string> keys;
  buffer.fireUpTo(9, [&](const TimeWindow&, std::span<WindowBuffer::Entry> entries) {
    for (const WindowBuffer::Entry& entry : entries) keys.emplace_back(entry.key);
  });
  EXPECT_EQ(keys, (std::vector<std::string>{small, big, "s2"}));
}

}  // namespace
}  // namespace eddy::sql
