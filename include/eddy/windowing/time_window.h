#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace eddy::windowing {

// A window of event or processing time [start, end), as Flink's TimeWindow. Its last
// timestamp, maxTimestamp() = end - 1, is when an event-time trigger fires it.
struct TimeWindow {
  int64_t start = 0;
  int64_t end = 0;

  int64_t maxTimestamp() const { return end - 1; }
  bool operator==(const TimeWindow&) const = default;
  std::string toString() const { return fmt::format("TimeWindow{{start={}, end={}}}", start, end); }

  template <typename H>
  friend H AbslHashValue(H h, const TimeWindow& w) {
    return H::combine(std::move(h), w.start, w.end);
  }

  // The start of the window of size `window_size` shifted by `offset` that contains
  // `timestamp` (Flink's TimeWindow.getWindowStartWithOffset; correct for negative times).
  static int64_t getWindowStartWithOffset(int64_t timestamp, int64_t offset, int64_t window_size) {
    int64_t remainder = (timestamp - offset) % window_size;
    return remainder < 0 ? timestamp - (remainder + window_size) : timestamp - remainder;
  }
};

}  // namespace eddy::windowing
