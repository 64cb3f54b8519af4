#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eddy/windowing/time_window.h"
#include "eddy/windowing/triggers.h"

namespace eddy::windowing {

// Window assigners put each record into the windows it belongs to by its timestamp. They
// are used through templates by the window operator, so assignment is an inlined call.
// Invalid arguments are a programming error in the job definition and throw
// std::invalid_argument with Flink's message, as Flink throws IllegalArgumentException.

// Fixed-size, non-overlapping event-time windows (Flink's TumblingEventTimeWindows).
class TumblingEventTimeWindows final {
 public:
  template <typename R1, typename P1, typename R2 = int64_t, typename P2 = std::milli>
  static TumblingEventTimeWindows of(std::chrono::duration<R1, P1> size,
                                     std::chrono::duration<R2, P2> offset = std::chrono::milliseconds(0)) {
    return TumblingEventTimeWindows(std::chrono::duration_cast<std::chrono::milliseconds>(size).count(),
                                    std::chrono::duration_cast<std::chrono::milliseconds>(offset).count());
  }

  using WindowType = TimeWindow;
  static constexpr bool kMerging = false;

  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t timestamp, int64_t /*processing_time*/, Out& out) const {
    int64_t start = TimeWindow::getWindowStartWithOffset(timestamp, offset_, size_);
    out.push_back(TimeWindow{start, start + size_});
  }
  EventTimeTrigger getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return true; }
  std::string toString() const { return fmt::format("TumblingEventTimeWindows({})", size_); }

 private:
  TumblingEventTimeWindows(int64_t size, int64_t offset) : size_(size), offset_(offset) {
    if (size <= 0 || (offset < 0 ? -offset : offset) >= size) {
      throw std::invalid_argument(
          "TumblingEventTimeWindows parameters must satisfy abs(offset) < size");
    }
  }
  int64_t size_;
  int64_t offset_;
};

// Fixed-size event-time windows that start every `slide` (Flink's SlidingEventTimeWindows):
// each record belongs to size / slide windows.
class SlidingEventTimeWindows final {
 public:
  template <typename R1, typename P1, typename R2, typename P2, typename R3 = int64_t, typename P3 = std::milli>
  static SlidingEventTimeWindows of(std::chrono::duration<R1, P1> size, std::chrono::duration<R2, P2> slide,
                                    std::chrono::duration<R3, P3> offset = std::chrono::milliseconds(0)) {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    return SlidingEventTimeWindows(duration_cast<milliseconds>(size).count(), duration_cast<milliseconds>(slide).count(),
                                   duration_cast<milliseconds>(offset).count());
  }

  using WindowType = TimeWindow;
  static constexpr bool kMerging = false;

  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t timestamp, int64_t /*processing_time*/, Out& out) const {
    int64_t last_start = TimeWindow::getWindowStartWithOffset(timestamp, offset_, slide_);
    for (int64_t start = last_start; start > timestamp - size_; start -= slide_) {
      out.push_back(TimeWindow{start, start + size_});
    }
  }
  EventTimeTrigger getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return true; }
  std::string toString() const { return fmt::format("SlidingEventTimeWindows({}, {})", size_, slide_); }

 private:
  SlidingEventTimeWindows(int64_t size, int64_t slide, int64_t offset) : size_(size), slide_(slide), offset_(offset) {
    if ((offset < 0 ? -offset : offset) >= slide || size <= 0 || slide <= 0) {
      throw std::invalid_argument(
          "SlidingEventTimeWindows parameters must satisfy abs(offset) < slide and size > 0");
    }
  }
  int64_t size_;
  int64_t slide_;
  int64_t offset_;
};

}  // namespace eddy::windowing
