#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "eddy/runtime/record_batch.h"
#include "eddy/types/has_type_serializer.h"
#include "eddy/windowing/triggers.h"

namespace eddy::windowing {

// A record with its timestamp, as kept by windows with an evictor (Flink's TimestampedValue).
template <typename T>
struct TimestampedValue {
  T value;
  int64_t timestamp = runtime::kNoTimestamp;
  bool hasTimestamp() const { return timestamp != runtime::kNoTimestamp; }
  bool operator==(const TimestampedValue&) const = default;
  // The timestamp, then the value with T's serializer.
  void serialize(types::DataOutputSerializer& out) const
    requires types::kHasTypeSerializer<T>
  {
    out.writeLong(timestamp);
    types::TypeSerializer<T>::serialize(value, out);
  }
  Status deserialize(types::DataInputDeserializer& in)
    requires types::kHasTypeSerializer<T>
  {
    EDDY_RETURN_IF_ERROR(in.readLong(timestamp));
    return types::TypeSerializer<T>::deserialize(in, value);
  }
};

// Removes records from a window before and/or after the window function runs (Flink's
// Evictor). Built-in evictors are used through templates.

// No eviction: the window function sees every record.
struct NoEvictor {
  template <typename T, typename W>
  void evictBefore(std::vector<TimestampedValue<T>>&, const W&) const {}
  template <typename T, typename W>
  void evictAfter(std::vector<TimestampedValue<T>>&, const W&) const {}
};

// An evictor that runs its evict() either before or after the window function.
template <typename Derived>
class BeforeOrAfterEvictor {
 public:
  template <typename T, typename W>
  void evictBefore(std::vector<TimestampedValue<T>>& elements, const W&) const {
    if (!after_) static_cast<const Derived*>(this)->evict(elements);
  }
  template <typename T, typename W>
  void evictAfter(std::vector<TimestampedValue<T>>& elements, const W&) const {
    if (after_) static_cast<const Derived*>(this)->evict(elements);
  }

 protected:
  explicit BeforeOrAfterEvictor(bool after) : after_(after) {}

 private:
  bool after_;
};

// Keeps the last `max_count` records (Flink's CountEvictor).
class CountEvictor final : public BeforeOrAfterEvictor<CountEvictor> {
 public:
  static CountEvictor of(int64_t max_count, bool do_evict_after = false) { return CountEvictor(max_count, do_evict_after); }

 private:
  friend class BeforeOrAfterEvictor<CountEvictor>;
  CountEvictor(int64_t max_count, bool after) : BeforeOrAfterEvictor(after), max_count_(max_count) {}
  template <typename T>
  void evict(std::vector<TimestampedValue<T>>& elements) const {
    if (static_cast<int64_t>(elements.size()) <= max_count_) return;
    elements.erase(elements.begin(), elements.end() - max_count_);
  }
  int64_t max_count_;
};

// Keeps the records within `window_size` of the newest record's timestamp (Flink's
// TimeEvictor: removes those with timestamp <= max timestamp - window_size).
class TimeEvictor final : public BeforeOrAfterEvictor<TimeEvictor> {
 public:
  template <typename R, typename P>
  static TimeEvictor of(std::chrono::duration<R, P> window_size, bool do_evict_after = false) {
    return TimeEvictor(detail::toMillis(window_size), do_evict_after);
  }

 private:
  friend class BeforeOrAfterEvictor<TimeEvictor>;
  TimeEvictor(int64_t window_size, bool after) : BeforeOrAfterEvictor(after), window_size_(window_size) {}
  template <typename T>
  void evict(std::vector<TimestampedValue<T>>& elements) const {
    if (elements.empty() || !elements.front().hasTimestamp()) return;
    int64_t current = elements.front().timestamp;
    for (const auto& e : elements) current = std::max(current, e.timestamp);
    int64_t cutoff = current - window_size_;
    std::erase_if(elements, [cutoff](const TimestampedValue<T>& e) { return e.timestamp <= cutoff; });
  }
  int64_t window_size_;
};

}  // namespace eddy::windowing
