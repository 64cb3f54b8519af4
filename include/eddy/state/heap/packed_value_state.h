#pragma once

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/packed_key_map.h"
#include "eddy/state/heap/state_table_versions.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/namespaces.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// How a PackedValueState's values are written to and read from snapshots: as the bytes of
// the value type a HeapValueState of the same name would hold, so that the two restore each
// other's snapshots.
struct PackedValueCodec {
  // Serializes the value words.
  std::function<std::string(const uint64_t* value)> encode;
  // Fills the value words from serialized bytes; Corruption when they do not fit.
  std::function<Status(std::string_view bytes, uint64_t* value)> decode;
};

// A ValueState on the heap backend of an operator keyed by std::string whose keys are
// always short and whose values are a few 64-bit words: per key group a PackedKeyMap
// instead of the StateTable's maps of std::string to V, so that a lookup hashes a word or
// two, the slot that holds the key can be prefetched, and the table is a fraction of the
// size. The operator sets the current key on the state itself (setCurrentKey, with the key
// packed by packKey and its key group computed as the backend computes it from the bytes).
//
// Its snapshots are those of HeapValueState<std::string, VoidNamespace, V> for the V the
// codec writes: each entry's key is the key's bytes serialized as a std::string. Either
// restores the other's (and RocksDB's, through the canonical savepoint form). Copy-on-write
// per key group, as StateTable. No TTL, heap backend only.
class PackedValueState final : public HeapStateBase {
 public:
  PackedValueState(KeyGroupRange range, PackedLayout layout, PackedValueCodec codec)
      : range_(range),
        layout_(layout),
        codec_(std::move(codec)),
        slots_(range.numberOfKeyGroups()),
        versions_(std::make_shared<StateTableVersions>()) {}

  const PackedLayout& layout() const { return layout_; }

  // Makes the packed `key` (whose hashKey() is `hash`) in `key_group` the current key; the
  // key words must stay valid until the next call. REQUIRES: key_group is in the range.
  void setCurrentKey(const uint64_t* key, uint64_t hash, int key_group) {
    key_ = key;
    hash_ = hash;
    index_ = static_cast<size_t>(key_group - range_.start);
  }
  // Loads the memory a lookup of the key with this hash in `key_group` will read.
  void prefetch(int key_group, uint64_t hash) const {
    if (const PackedKeyMap* map = slots_[static_cast<size_t>(key_group - range_.start)].map.get()) {
      map->prefetch(hash);
    }
  }

  // The current key's value words, inserted as zeros if absent; `created` tells which.
  uint64_t* getOrCreate(bool& created) { return writableMap(index_).findOrInsert(key_, hash_, created); }
  // Removes the current key's value.
  void clear() {
    if (slots_[index_].map) writableMap(index_).erase(key_, hash_);
  }

  size_t numEntries() const override {
    size_t n = 0;
    for (const KeyGroupSlot& slot : slots_) n += slot.map ? slot.map->size() : 0;
    return n;
  }
  StateType type() const override { return StateType::kValue; }
  std::unique_ptr<HeapStateSnapshot> stateSnapshot() const override;
  Status restore(const StateSnapshot& in) override;
  bool hasTtl() const override { return false; }
  Status filterExpired(StateSnapshot&) const override { return Status::OK(); }
  bool cleansUpForEveryRecord() const override { return false; }
  void cleanupIncrementally() override {}

 private:
  // One key group's map (nullptr until its first entry) and the version it was created or
  // last copied at (see StateTableVersions).
  struct KeyGroupSlot {
    std::shared_ptr<PackedKeyMap> map;
    uint64_t version = 0;
  };

  // The map of key group index `i`, to change: created when missing, copied first when a
  // snapshot in flight may still read it.
  PackedKeyMap& writableMap(size_t i) {
    KeyGroupSlot& slot = slots_[i];
    if (!slot.map) [[unlikely]] {
      slot.map = std::make_shared<PackedKeyMap>(layout_);
      slot.version = versions_->current();
    } else if (versions_->isShared(slot.version)) [[unlikely]] {
      slot.map = std::make_shared<PackedKeyMap>(*slot.map);
      slot.version = versions_->current();
    }
    return *slot.map;
  }

  KeyGroupRange range_;
  PackedLayout layout_;
  PackedValueCodec codec_;
  std::vector<KeyGroupSlot> slots_;
  std::shared_ptr<StateTableVersions> versions_;
  const uint64_t* key_ = nullptr;
  uint64_t hash_ = 0;
  size_t index_ = 0;
};

}  // namespace eddy::state
