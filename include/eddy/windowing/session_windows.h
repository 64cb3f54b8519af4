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

// Session windows: each record opens a window [t, t + gap) and windows that overlap merge,
// so a session ends after `gap` without records (Flink's EventTimeSessionWindows and
// ProcessingTimeSessionWindows). `kEventTime` picks the clock.
template <bool kEventTime>
class SessionWindows final {
 public:
  using WindowType = TimeWindow;
  static constexpr bool kMerging = true;

  template <typename R, typename P>
  static SessionWindows withGap(std::chrono::duration<R, P> gap) {
    int64_t ms = detail::toMillis(gap);
    if (ms <= 0) {
      throw std::invalid_argument(std::string(kEventTime ? "EventTime" : "ProcessingTime") +
                                  "SessionWindows parameters must satisfy 0 < size");
    }
    return SessionWindows(ms);
  }

  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t timestamp, int64_t processing_time, Out& out) const {
    int64_t start = kEventTime ? timestamp : processing_time;
    out.push_back(TimeWindow{start, start + gap_});
  }
  template <typename F>
  void mergeWindows(std::vector<TimeWindow> windows, F&& merge) const {
    TimeWindow::mergeWindows(std::move(windows), std::forward<F>(merge));
  }
  TimeTrigger<kEventTime> getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return kEventTime; }
  std::string toString() const {
    return fmt::format("{}SessionWindows({})", kEventTime ? "EventTime" : "ProcessingTime", gap_);
  }

 private:
  explicit SessionWindows(int64_t gap) : gap_(gap) {}
  int64_t gap_;
};

using EventTimeSessionWindows = SessionWindows<true>;
using ProcessingTimeSessionWindows = SessionWindows<false>;

}  // namespace eddy::windowing
