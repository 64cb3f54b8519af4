#pragma once

#include <absl/hash/hash.h>
#include <absl/strings/string_view.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/prefetch.h"
#include "eddy/windowing/time_window.h"
#include "sql/runtime/aggregate_accumulators.h"

namespace eddy::sql {

// The rows of a window aggregation combined in memory per (group key, window) before they
// reach keyed state (Flink's RecordsWindowBuffer with CombineRecordsFunction): a hash table
// per window from the encoded key bytes to the accumulators, so that keyed state and timers
// are touched once per distinct (key, window) rather than once per row, and a window whose
// entries never left the buffer fires straight from it. Windows are fired, or drained into
// state, whole.
//
// A batch of rows goes through in steps, each over all its rows — hash() and
// prefetchSlot(), prefetchEntry(), find() and prefetchAccumulators(), then accumulators() —
// so that the cache misses of a large buffer overlap across the rows of the batch instead of
// each row waiting for memory in turn.
//
// Memory is reused: a fired window's table, entries and accumulators serve the next
// window, so a steady stream of keys up to 15 bytes allocates nothing per row or per entry.
// Used by one operator instance, from its task thread.
class WindowBuffer {
 public:
  // The accumulators of one key in one window.
  struct Entry {
    std::string key;
    uint64_t hash = 0;
    GroupAccumulators accumulators;
  };
  // The entries of one window, in the order their keys arrived, and an open-addressing
  // index over them: a slot holds the high 32 bits of the key's hash and the entry's
  // index + 1 (0 when empty), so that a probe touches one cache line and compares key
  // bytes only when the hash bits match.
  struct WindowTable {
    windowing::TimeWindow window;
    std::vector<uint64_t> slots;  // a power of two, at most half full
    // entries[0, used) are live; the rest keep their memory for reuse.
    std::vector<Entry> entries;
    size_t used = 0;
  };
  // An entry, valid until its window fires or the buffer is drained.
  struct EntryRef {
    WindowTable* table;
    uint32_t index;
  };

  // `num_calls` accumulators per entry; full() once `capacity` entries are buffered.
  WindowBuffer(size_t num_calls, size_t capacity);

  static uint64_t hash(std::string_view key) {
    return absl::Hash<absl::string_view>{}(absl::string_view(key.data(), key.size()));
  }
  // The table of `window`, created if absent. REQUIRES: the window has not fired.
  WindowTable* table(const windowing::TimeWindow& window) {
    return last_ && last_->window == window ? last_ : findTable(window);
  }
  // Prefetches the index slot of `hash` in `table`; then, once it is loaded, the entry
  // it points to (only the slot the hash lands on: at most half full, the index mostly
  // has the key there).
  static void prefetchSlot(const WindowTable* table, uint64_t hash) {
    prefetchForRead(&table->slots[hash & (table->slots.size() - 1)]);
  }
  static void prefetchEntry(const WindowTable* table, uint64_t hash) {
    const uint64_t slot = table->slots[hash & (table->slots.size() - 1)];
    if (slot >> 32 == hash >> 32) prefetchForRead(&table->entries[static_cast<uint32_t>(slot - 1)]);
  }
  // The entry of `key` (whose hash is `hash`) in `table`, created with empty accumulators
  // if absent (`created` tells).
  EntryRef find(WindowTable* table, std::string_view key, uint64_t hash, bool& created);
  static void prefetchAccumulators(EntryRef ref) {
    prefetchForRead(ref.table->entries[ref.index].accumulators.calls.data());
  }
  static GroupAccumulators& accumulators(EntryRef ref) { return ref.table->entries[ref.index].accumulators; }

  // The steps above at once, for one row.
  GroupAccumulators& findOrCreate(const windowing::TimeWindow& window, std::string_view key, bool& created) {
    return accumulators(find(table(window), key, hash(key), created));
  }

  size_t size() const { return size_; }
  bool full() const { return size_ >= capacity_; }
  void setCapacity(size_t capacity) { capacity_ = capacity; }
  // The earliest max timestamp of a buffered window: when the buffer must fire next.
  int64_t nextTriggerTime() const { return next_trigger_; }

  // Calls `fire(window, entries)` for every buffered window whose max timestamp is at or
  // before `time`, earliest first (entries in the order their keys arrived), and removes them.
  template <typename Fire>
  void fireUpTo(int64_t time, Fire&& fire);
  // Calls `drain(window, entries)` for every buffered window and empties the buffer; the
  // callback may move the accumulators out.
  template <typename Drain>
  void drain(Drain&& drain);

 private:
  WindowTable* findTable(const windowing::TimeWindow& window);
  static std::span<Entry> entriesOf(WindowTable& table) { return {table.entries.data(), table.used}; }
  // Doubles the index of `table`.
  static void grow(WindowTable& table);
  // Returns the tables [first, end) of tables_ to the free list.
  void release(size_t first);

  size_t num_calls_;
  size_t capacity_;
  size_t size_ = 0;
  int64_t next_trigger_ = std::numeric_limits<int64_t>::max();
  std::vector<std::unique_ptr<WindowTable>> tables_;
  std::vector<std::unique_ptr<WindowTable>> free_;
  // The table of the last window asked for: the rows of a batch mostly share their window.
  WindowTable* last_ = nullptr;
};

template <typename Fire>
void WindowBuffer::fireUpTo(int64_t time, Fire&& fire) {
  if (next_trigger_ > time) return;
  // Due tables to the back, earliest first.
  auto due = std::stable_partition(tables_.begin(), tables_.end(),
                                   [&](const auto& t) { return t->window.maxTimestamp() > time; });
  std::sort(due, tables_.end(), [](const auto& a, const auto& b) {
    return a->window.end != b->window.end ? a->window.end < b->window.end : a->window.start < b->window.start;
  });
  const size_t first = static_cast<size_t>(due - tables_.begin());
  for (size_t t = first; t < tables_.size(); ++t) fire(tables_[t]->window, entriesOf(*tables_[t]));
  release(first);
}

template <typename Drain>
void WindowBuffer::drain(Drain&& drain) {
  for (const auto& table : tables_) drain(table->window, entriesOf(*table));
  release(0);
}

}  // namespace eddy::sql
