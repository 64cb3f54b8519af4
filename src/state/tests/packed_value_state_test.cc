#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "eddy/state/heap/packed_key_map.h"
#include "eddy/state/heap/packed_value_state.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::state {
namespace {

std::string keyOf(int i) { return "k" + std::to_string(i); }

// One word of key (up to 7 bytes) and one of value, written as an int64_t: the layout of
// a HeapValueState<std::string, VoidNamespace, int64_t>.
constexpr PackedLayout kLayout{1, 1};

PackedValueCodec int64Codec() {
  return PackedValueCodec{[](const uint64_t* value) { return types::serializeToBytes(static_cast<int64_t>(*value)); },
                          [](std::string_view bytes, uint64_t* value) -> Status {
                            EDDY_ASSIGN_OR_RETURN(int64_t v, types::deserializeFromBytes<int64_t>(bytes));
                            *value = static_cast<uint64_t>(v);
                            return Status::OK();
                          }};
}

// A key packed in the layout's words.
struct Key {
  explicit Key(const std::string& bytes, PackedLayout layout = kLayout) : words(layout.key_words) {
    packKey(layout, bytes, words.data());
    hash = hashKey(layout, words.data());
  }
  std::vector<uint64_t> words;
  uint64_t hash;
};

TEST(PackedKeyTest, HoldsTheBytesAndTheirSize) {
  const PackedLayout two{2, 1};
  const Key a(std::string("\0\1", 2), two);
  EXPECT_EQ(keyBytes(two, a.words.data()), std::string("\0\1", 2));
  EXPECT_NE(a.words, Key(std::string("\0", 1), two).words);
  EXPECT_NE(a.words, Key(std::string("\0\1\0", 3), two).words);
  EXPECT_EQ(keyBytes(two, Key("fifteen bytes!!", two).words.data()), "fifteen bytes!!");
  EXPECT_EQ(keyBytes(kLayout, Key("seven b").words.data()), "seven b");
}

// The map against std::map through inserts, erases (which shift keys back) and growth.
TEST(PackedKeyMapTest, AgreesWithAnOrderedMap) {
  const PackedLayout layout{2, 3};
  PackedKeyMap map(layout);
  std::map<std::string, int64_t> oracle;
  std::mt19937 random(7);
  for (int step = 0; step < 200'000; ++step) {
    const std::string bytes = keyOf(static_cast<int>(random() % 5'000));
    const Key key(bytes, layout);
    if (random() % 3 == 0) {
      EXPECT_EQ(map.erase(key.words.data(), key.hash), oracle.erase(bytes) == 1);
    } else {
      bool created;
      uint64_t* value = map.findOrInsert(key.words.data(), key.hash, created);
      EXPECT_EQ(created, !oracle.count(bytes));
      if (created) EXPECT_EQ(value[0] | value[1] | value[2], 0u);
      value[2] += static_cast<uint64_t>(step);
      oracle[bytes] += step;
    }
  }
  ASSERT_EQ(map.size(), oracle.size());
  for (int i = 0; i < 5'000; ++i) {
    const Key key(keyOf(i), layout);
    const uint64_t* value = map.find(key.words.data(), key.hash);
    auto expected = oracle.find(keyOf(i));
    if (expected == oracle.end()) {
      EXPECT_EQ(value, nullptr) << keyOf(i);
    } else {
      ASSERT_NE(value, nullptr) << keyOf(i);
      EXPECT_EQ(static_cast<int64_t>(value[2]), expected->second);
    }
  }
  std::map<std::string, int64_t> visited;
  map.forEach([&](const uint64_t* key, const uint64_t* value) {
    visited[std::string(keyBytes(layout, key))] = static_cast<int64_t>(value[2]);
  });
  EXPECT_EQ(visited, oracle);
  const PackedKeyMap copy(map);
  EXPECT_EQ(copy.size(), map.size());
}

// Entries sorted within each key group, so that two snapshots compare regardless of order.
KeyedStateSnapshot sorted(KeyedStateSnapshot snapshot) {
  for (StateSnapshot& state : snapshot.states) {
    for (auto& [key_group, entries] : state.key_groups) {
      std::sort(entries.begin(), entries.end(), [](const StateEntry& a, const StateEntry& b) { return a.key < b.key; });
    }
  }
  return snapshot;
}

KeyedStateSnapshot snapshotOf(const KeyedStateBackendT<std::string>& backend) {
  auto resources = backend.syncPrepareResources();
  EXPECT_TRUE(resources.ok());
  auto snapshot = (*resources)->write();
  EXPECT_TRUE(snapshot.ok());
  return sorted(std::move(*snapshot));
}

PackedValueState* packedState(KeyedStateBackendT<std::string>& backend) {
  return backend.getOrCreateHeapState<PackedValueState>(
      "v", [](KeyGroupRange range) { return std::make_unique<PackedValueState>(range, kLayout, int64Codec()); });
}

void putPacked(KeyedStateBackendT<std::string>& backend, PackedValueState& state, const std::string& bytes,
               int64_t value) {
  const Key key(bytes);
  state.setCurrentKey(key.words.data(), key.hash, backend.keyGroupOf(bytes));
  bool created;
  *state.getOrCreate(created) = static_cast<uint64_t>(value);
}

std::optional<int64_t> getPacked(KeyedStateBackendT<std::string>& backend, PackedValueState& state,
                                 const std::string& bytes) {
  const Key key(bytes);
  state.setCurrentKey(key.words.data(), key.hash, backend.keyGroupOf(bytes));
  bool created;
  const auto value = static_cast<int64_t>(*state.getOrCreate(created));
  if (created) {
    state.clear();
    return std::nullopt;
  }
  return value;
}

// The same entries give the same snapshot as HeapValueState<std::string, …, int64_t>, and
// each restores the other's, also at another parallelism.
TEST(PackedValueStateTest, SnapshotsAreThoseOfTheStringKeyedValueState) {
  KeyedStateBackendT<std::string> strings(KeyGroupRange{0, 127}, 128);
  KeyedStateBackendT<std::string> packed(KeyGroupRange{0, 127}, 128);
  auto* value_state = strings.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int64_t>("v"));
  PackedValueState* packed_state = packedState(packed);
  for (int i = 0; i < 1'000; ++i) {
    strings.setCurrentKey(keyOf(i));
    value_state->update(i * 3);
    putPacked(packed, *packed_state, keyOf(i), i * 3);
  }
  const KeyedStateSnapshot expected = snapshotOf(strings);
  ASSERT_EQ(snapshotOf(packed), expected);

  KeyedStateBackendT<std::string> low(KeyGroupRange{0, 63}, 128);
  KeyedStateBackendT<std::string> high(KeyGroupRange{64, 127}, 128);
  ASSERT_TRUE(low.restore(expected).ok());
  ASSERT_TRUE(high.restore(expected).ok());
  PackedValueState* low_state = packedState(low);
  PackedValueState* high_state = packedState(high);
  EXPECT_EQ(low_state->numEntries() + high_state->numEntries(), 1'000u);
  for (int i = 0; i < 1'000; ++i) {
    const bool in_low = low.getKeyGroupRange().contains(low.keyGroupOf(keyOf(i)));
    EXPECT_EQ(getPacked(in_low ? low : high, in_low ? *low_state : *high_state, keyOf(i)), i * 3) << i;
  }

  KeyedStateBackendT<std::string> back(KeyGroupRange{0, 127}, 128);
  ASSERT_TRUE(back.restore(snapshotOf(packed)).ok());
  auto* restored = back.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int64_t>("v"));
  back.setCurrentKey(keyOf(42));
  EXPECT_EQ(restored->value(), 126);
}

TEST(PackedValueStateTest, ASnapshotKeepsTheValuesItWasTakenWith) {
  KeyedStateBackendT<std::string> backend(KeyGroupRange{0, 127}, 128);
  PackedValueState* state = packedState(backend);
  for (int i = 0; i < 100; ++i) putPacked(backend, *state, keyOf(i), i);
  auto resources = backend.syncPrepareResources();
  ASSERT_TRUE(resources.ok());
  for (int i = 0; i < 100; ++i) putPacked(backend, *state, keyOf(i), -i);
  putPacked(backend, *state, keyOf(1'000), 5);
  const Key gone(keyOf(7));
  state->setCurrentKey(gone.words.data(), gone.hash, backend.keyGroupOf(keyOf(7)));
  state->clear();

  auto snapshot = (*resources)->write();
  ASSERT_TRUE(snapshot.ok());
  KeyedStateBackendT<std::string> restored(KeyGroupRange{0, 127}, 128);
  ASSERT_TRUE(restored.restore(*snapshot).ok());
  PackedValueState* restored_state = packedState(restored);
  EXPECT_EQ(restored_state->numEntries(), 100u);
  EXPECT_EQ(getPacked(restored, *restored_state, keyOf(7)), 7);
  EXPECT_EQ(getPacked(restored, *restored_state, keyOf(99)), 99);
  EXPECT_EQ(getPacked(backend, *state, keyOf(99)), -99);
  EXPECT_EQ(getPacked(backend, *state, keyOf(7)), std::nullopt);
  EXPECT_EQ(state->numEntries(), 100u);
}

TEST(PackedValueStateTest, ALongerKeyInTheSnapshotIsCorruption) {
  KeyedStateBackendT<std::string> strings(KeyGroupRange{0, 127}, 128);
  auto* value_state = strings.getPartitionedState<VoidNamespace>(ValueStateDescriptor<int64_t>("v"));
  strings.setCurrentKey("eight b!");
  value_state->update(1);
  KeyedStateBackendT<std::string> packed(KeyGroupRange{0, 127}, 128);
  ASSERT_TRUE(packed.restore(snapshotOf(strings)).ok());
  EXPECT_THROW(packedState(packed), std::runtime_error);
}

}  // namespace
}  // namespace eddy::state
