#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/result.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::windowing {

// A window of event or processing time [start, end), as Flink's TimeWindow. Its last
// timestamp, maxTimestamp() = end - 1, is when an event-time trigger fires it.
struct TimeWindow {
  int64_t start = 0;
  int64_t end = 0;

  int64_t maxTimestamp() const { return end - 1; }
  bool operator==(const TimeWindow&) const = default;
  bool operator<(const TimeWindow& o) const { return start != o.start ? start < o.start : end < o.end; }
  // Whether the two windows overlap or touch (Flink's TimeWindow.intersects).
  bool intersects(const TimeWindow& o) const { return start <= o.end && end >= o.start; }
  // The smallest window covering both.
  TimeWindow cover(const TimeWindow& o) const { return {std::min(start, o.start), std::max(end, o.end)}; }

  // Merges overlapping windows, as Flink's TimeWindow.mergeWindows: sorts by start, joins
  // runs of intersecting windows, and calls merge(covering window, windows merged) for
  // every run of more than one window.
  template <typename F>
  static void mergeWindows(std::vector<TimeWindow> windows, F&& merge) {
    std::sort(windows.begin(), windows.end());
    std::vector<TimeWindow> run;
    TimeWindow current{};
    auto close = [&] {
      if (run.size() > 1) merge(current, run);
    };
    for (const TimeWindow& candidate : windows) {
      if (!run.empty() && current.intersects(candidate)) {
        current = current.cover(candidate);
        run.push_back(candidate);
      } else {
        close();
        run.assign(1, candidate);
        current = candidate;
      }
    }
    close();
  }
  std::string toString() const { return fmt::format("TimeWindow{{start={}, end={}}}", start, end); }
  // start and end as longs, as Flink's TimeWindow.Serializer.
  void serialize(types::DataOutputSerializer& out) const {
    out.writeLong(start);
    out.writeLong(end);
  }
  Status deserialize(types::DataInputDeserializer& in) {
    EDDY_RETURN_IF_ERROR(in.readLong(start));
    return in.readLong(end);
  }

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
