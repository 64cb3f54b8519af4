#include "sql/runtime/window_assigner.h"

namespace eddy::sql {

namespace {

int64_t windowStartWithOffset(int64_t timestamp, int64_t offset, int64_t size) {
  return windowing::TimeWindow::getWindowStartWithOffset(timestamp, offset, size);
}

}  // namespace

void assignWindows(const GroupWindow& window, int64_t timestamp, std::vector<windowing::TimeWindow>& out) {
  switch (window.kind) {
    case GroupWindow::Kind::kTumble: {
      const int64_t start = windowStartWithOffset(timestamp, window.offset_ms, window.size_ms);
      out.push_back(windowing::TimeWindow{start, start + window.size_ms});
      return;
    }
    case GroupWindow::Kind::kHop:
      for (int64_t start = windowStartWithOffset(timestamp, window.offset_ms, window.slide_ms);
           start > timestamp - window.size_ms; start -= window.slide_ms) {
        out.push_back(windowing::TimeWindow{start, start + window.size_ms});
      }
      return;
    case GroupWindow::Kind::kCumulate: {
      const int64_t start = windowStartWithOffset(timestamp, window.offset_ms, window.size_ms);
      for (int64_t end = start + window.slide_ms; end <= start + window.size_ms; end += window.slide_ms) {
        if (end > timestamp) out.push_back(windowing::TimeWindow{start, end});
      }
      return;
    }
    case GroupWindow::Kind::kSession:
      // The window a row opens (Flink's SessionWindowAssigner); merging is the aggregation's.
      out.push_back(windowing::TimeWindow{timestamp, timestamp + window.slide_ms});
      return;
  }
}

}  // namespace eddy::sql
