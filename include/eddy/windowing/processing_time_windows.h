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

// Fixed-size, non-overlapping windows of processing time (Flink's TumblingProcessingTimeWindows).
class TumblingProcessingTimeWindows final {
 public:
  using WindowType = TimeWindow;
  static constexpr bool kMerging = false;

  template <typename R1, typename P1, typename R2 = int64_t, typename P2 = std::milli>
  static TumblingProcessingTimeWindows of(std::chrono::duration<R1, P1> size,
                                          std::chrono::duration<R2, P2> offset = std::chrono::milliseconds(0)) {
    return TumblingProcessingTimeWindows(detail::toMillis(size), detail::toMillis(offset));
  }

  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t, int64_t processing_time, Out& out) const {
    int64_t start = TimeWindow::getWindowStartWithOffset(processing_time, offset_, size_);
    out.push_back(TimeWindow{start, start + size_});
  }
  ProcessingTimeTrigger getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return false; }
  std::string toString() const { return fmt::format("TumblingProcessingTimeWindows({})", size_); }

 private:
  TumblingProcessingTimeWindows(int64_t size, int64_t offset) : size_(size), offset_(offset) {
    if (size <= 0 || (offset < 0 ? -offset : offset) >= size) {
      throw std::invalid_argument("TumblingProcessingTimeWindows parameters must satisfy abs(offset) < size");
    }
  }
  int64_t size_;
  int64_t offset_;
};

// Overlapping windows of processing time (Flink's SlidingProcessingTimeWindows).
class SlidingProcessingTimeWindows final {
 public:
  using WindowType = TimeWindow;
  static constexpr bool kMerging = false;

  template <typename R1, typename P1, typename R2, typename P2, typename R3 = int64_t, typename P3 = std::milli>
  static SlidingProcessingTimeWindows of(std::chrono::duration<R1, P1> size, std::chrono::duration<R2, P2> slide,
                                         std::chrono::duration<R3, P3> offset = std::chrono::milliseconds(0)) {
    return SlidingProcessingTimeWindows(detail::toMillis(size), detail::toMillis(slide), detail::toMillis(offset));
  }

  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t, int64_t processing_time, Out& out) const {
    int64_t last_start = TimeWindow::getWindowStartWithOffset(processing_time, offset_, slide_);
    for (int64_t start = last_start; start > processing_time - size_; start -= slide_) {
      out.push_back(TimeWindow{start, start + size_});
    }
  }
  ProcessingTimeTrigger getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return false; }
  std::string toString() const { return fmt::format("SlidingProcessingTimeWindows({}, {})", size_, slide_); }

 private:
  SlidingProcessingTimeWindows(int64_t size, int64_t slide, int64_t offset)
      : size_(size), slide_(slide), offset_(offset) {
    if ((offset < 0 ? -offset : offset) >= slide || size <= 0 || slide <= 0) {
      throw std::invalid_argument(
          "SlidingProcessingTimeWindows parameters must satisfy abs(offset) < slide and size > 0");
    }
  }
  int64_t size_;
  int64_t slide_;
  int64_t offset_;
};

}  // namespace eddy::windowing
