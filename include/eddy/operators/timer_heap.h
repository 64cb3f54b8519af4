#pragma once

#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace eddy::operators {

// A timer of a key in a namespace (Flink's InternalTimer).
template <typename K, typename N>
struct InternalTimer {
  int64_t timestamp;
  K key;
  N ns;

  bool operator==(const InternalTimer&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const InternalTimer& t) {
    return H::combine(std::move(h), t.timestamp, t.key, t.ns);
  }
};

// Timers ordered by time with at most one timer per (timestamp, key, namespace), as Flink's
// HeapPriorityQueueSet. Deletion is lazy: a deleted timer stays in the heap and is skipped
// when it reaches the top.
template <typename K, typename N>
class TimerHeap {
 public:
  using Timer = InternalTimer<K, N>;

  // Returns false if the timer was already registered.
  bool add(Timer timer) {
    if (!live_.insert(timer).second) return false;
    heap_.push_back(std::move(timer));
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    return true;
  }
  void remove(const Timer& timer) { stale_ += live_.erase(timer); }

  // The earliest live timer, or nullptr.
  const Timer* peek() {
    dropDeleted();
    return heap_.empty() ? nullptr : &heap_.front();
  }
  // Removes and returns the earliest live timer; only after peek() returned one.
  Timer poll() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Timer timer = std::move(heap_.back());
    heap_.pop_back();
    live_.erase(timer);
    return timer;
  }
  size_t size() const { return live_.size(); }
  // Calls `f` with every live timer, in no particular order.
  template <typename F>
  void forEach(F&& f) const {
    for (const Timer& timer : live_) f(timer);
  }

 private:
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const { return a.timestamp > b.timestamp; }
  };
  // Pops deleted timers off the top. Each successful remove() leaves exactly one stale
  // entry in the heap, so without removals there is nothing to look up.
  void dropDeleted() {
    while (stale_ > 0 && !heap_.empty() && !live_.contains(heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Later{});
      heap_.pop_back();
      --stale_;
    }
  }

  std::vector<Timer> heap_;
  absl::flat_hash_set<Timer> live_;
  size_t stale_ = 0;
};

}  // namespace eddy::operators
