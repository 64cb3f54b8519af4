#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"

namespace eddy::state {
namespace {

using windowing::TimeWindow;

class Sum final : public AggregateFunction<int, int64_t, int64_t> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const int& v, int64_t acc) override { return acc + v; }
  int64_t getResult(const int64_t& acc) override { return acc; }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

const ValueStateDescriptor<int64_t> kCount("count");
const ListStateDescriptor<std::string> kSeen("seen");
const MapStateDescriptor<std::string, int> kTags("tags");
const AggregatingStateDescriptor<int, int64_t, int64_t> kSum("sum", std::make_shared<Sum>());
const ReducingStateDescriptor<int> kMax("max", [](const int& a, const int& b) { return a > b ? a : b; });

// Fills every kind of state for keys 0..n-1 (window state in two windows).
void fill(KeyedStateBackendT<std::string>& backend, int n) {
  auto* count = backend.getPartitionedState<VoidNamespace>(kCount);
  auto* seen = backend.getPartitionedState<VoidNamespace>(kSeen);
  auto* tags = backend.getPartitionedState<VoidNamespace>(kTags);
  auto* sum = backend.getPartitionedState<TimeWindow>(kSum);
  auto* max = backend.getPartitionedState<TimeWindow>(kMax);
  for (int i = 0; i < n; ++i) {
    backend.setCurrentKey("key-" + std::to_string(i));
    count->update(i);
    seen->add("a" + std::to_string(i));
    seen->add("b");
    tags->put("t" + std::to_string(i % 3), i);
    for (TimeWindow w : {TimeWindow{0, 10}, TimeWindow{10, 20}}) {
      sum->setCurrentNamespace(w);
      max->setCurrentNamespace(w);
      sum->add(i + static_cast<int>(w.start));
      max->add(i * 2 + static_cast<int>(w.start));
    }
  }
}

// Reads back what fill() wrote for key i, from whichever backend owns its key group.
std::string describe(KeyedStateBackendT<std::string>& backend, int i) {
  backend.setCurrentKey("key-" + std::to_string(i));
  auto* count = backend.getPartitionedState<VoidNamespace>(kCount);
  auto* seen = backend.getPartitionedState<VoidNamespace>(kSeen);
  auto* tags = backend.getPartitionedState<VoidNamespace>(kTags);
  auto* sum = backend.getPartitionedState<TimeWindow>(kSum);
  auto* max = backend.getPartitionedState<TimeWindow>(kMax);
  std::string s = std::to_string(count->value().value_or(-1)) + "|";
  for (const auto& v : seen->get()) s += v + ",";
  s += "|" + std::to_string(tags->get("t" + std::to_string(i % 3)).value_or(-1)) + "|";
  for (TimeWindow w : {TimeWindow{0, 10}, TimeWindow{10, 20}}) {
    sum->setCurrentNamespace(w);
    max->setCurrentNamespace(w);
    s += std::to_string(sum->get().value_or(-1)) + "/" + std::to_string(max->get().value_or(-1)) + " ";
  }
  return s;
}

TEST(KeyedStateSnapshotTest, RoundTripsThroughBytesAndRescalesByKeyGroup) {
  KeyedStateBackendT<std::string> original(KeyGroupRange{0, 127}, 128);
  fill(original, 50);
  auto snapshot = original.snapshot();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().toString();
  EXPECT_EQ(snapshot->states.size(), 5u);

  types::DataOutputSerializer out;
  snapshot->writeTo(out);
  types::DataInputDeserializer in(out.data());
  auto read = KeyedStateSnapshot::readFrom(in);
  ASSERT_TRUE(read.ok()) << read.status().toString();
  EXPECT_EQ(*read, *snapshot);

  // Restore at parallelism 2: each instance takes its half of the key groups.
  KeyedStateBackendT<std::string> left(KeyGroupRange{0, 63}, 128);
  KeyedStateBackendT<std::string> right(KeyGroupRange{64, 127}, 128);
  ASSERT_TRUE(left.restore(*read).ok());
  ASSERT_TRUE(right.restore(*read).ok());
  for (int i = 0; i < 50; ++i) {
    original.setCurrentKey("key-" + std::to_string(i));
    KeyedStateBackendT<std::string>& owner =
        KeyGroupRange{0, 63}.contains(original.getCurrentKeyGroupIndex()) ? left : right;
    EXPECT_EQ(describe(owner, i), describe(original, i)) << "key " << i;
  }
  EXPECT_EQ(left.numEntries("count") + right.numEntries("count"), 50u);
  EXPECT_EQ(left.numEntries("sum") + right.numEntries("sum"), 100u);
  // "key-1" is in key group 54: only the left instance may hold it.
  EXPECT_THROW(right.setCurrentKey("key-1"), std::logic_error);
}

TEST(KeyedStateSnapshotTest, StatesNotYetUsedAfterRestoreAreCarriedOver) {
  KeyedStateBackendT<std::string> original(KeyGroupRange{0, 127}, 128);
  fill(original, 5);
  auto first = original.snapshot();
  ASSERT_TRUE(first.ok());
  KeyedStateBackendT<std::string> restored(KeyGroupRange{0, 127}, 128);
  ASSERT_TRUE(restored.restore(*first).ok());
  auto second = restored.snapshot();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
}

TEST(KeyedStateSnapshotTest, MaxParallelismMustMatch) {
  KeyedStateBackendT<std::string> original(KeyGroupRange{0, 127}, 128);
  fill(original, 3);
  KeyedStateBackendT<std::string> other(KeyGroupRange{0, 255}, 256);
  Status status = other.restore(*original.snapshot());
  EXPECT_EQ(status.message(),
            "Cannot restore keyed state taken with max parallelism 128 into an operator with max parallelism 256");
}

struct Opaque {
  int x = 0;
};

TEST(KeyedStateSnapshotTest, ATypeWithoutSerializerNamesTheState) {
  KeyedStateBackendT<int> backend(KeyGroupRange{0, 127}, 128);
  auto* state = backend.getPartitionedState<VoidNamespace>(ValueStateDescriptor<Opaque>("opaque"));
  backend.setCurrentKey(1);
  state->update(Opaque{3});
  auto snapshot = backend.snapshot();
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().message(),
            "State 'opaque' cannot be snapshotted: its key, namespace or value type has no TypeSerializer");
}

TEST(KeyedStateSnapshotTest, TruncatedBytesAreCorruption) {
  KeyedStateBackendT<std::string> original(KeyGroupRange{0, 127}, 128);
  fill(original, 3);
  types::DataOutputSerializer out;
  original.snapshot()->writeTo(out);
  std::string bytes(out.data());
  types::DataInputDeserializer in(std::string_view(bytes).substr(0, bytes.size() - 3));
  auto read = KeyedStateSnapshot::readFrom(in);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace eddy::state
