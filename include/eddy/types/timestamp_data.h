#pragma once

#include <cstdint>

namespace eddy::types {

// A point in time with nanosecond precision, as Flink's TimestampData: milliseconds since
// the epoch plus nanoseconds within that millisecond (0..999999). The same value backs
// TIMESTAMP (a local date-time, read as if in UTC) and TIMESTAMP_LTZ (an instant).
struct TimestampData {
  int64_t millisecond = 0;
  int32_t nano_of_millisecond = 0;

  static TimestampData fromEpochMillis(int64_t millis, int32_t nano_of_millisecond = 0) {
    return {millis, nano_of_millisecond};
  }

  int64_t getMillisecond() const { return millisecond; }
  int32_t getNanoOfMillisecond() const { return nano_of_millisecond; }

  friend bool operator==(const TimestampData& a, const TimestampData& b) = default;
  friend auto operator<=>(const TimestampData& a, const TimestampData& b) = default;
};

}  // namespace eddy::types
