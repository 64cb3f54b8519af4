#pragma once

#include <chrono>
#include <functional>
#include <utility>

namespace eddy::connectors {

// Lets records through at a steady rate (Flink's RateLimiter, as Guava's bursty limiter):
// permits accumulate with time, at most one second's worth, and the first is free. A
// reader asks for a whole batch and gets how many it may emit now, so the check costs
// one clock read per batch. Used by one reader thread.
class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // REQUIRES: permits_per_second > 0.
  explicit RateLimiter(double permits_per_second, Clock clock = &std::chrono::steady_clock::now);

  // How many of `wanted` records may be emitted now (0 to wanted); they count as emitted.
  int64_t acquire(int64_t wanted);

 private:
  double permits_per_second_;
  Clock clock_;
  double stored_permits_ = 1;
  std::chrono::steady_clock::time_point last_;
  bool started_ = false;
};

// How a source's readers are limited (Flink's RateLimiterStrategy): perSecond(r) gives each
// of p parallel readers r / p records per second; noOp() does not limit.
class RateLimiterStrategy {
 public:
  static RateLimiterStrategy perSecond(double records_per_second) { return RateLimiterStrategy(records_per_second); }
  static RateLimiterStrategy noOp() { return RateLimiterStrategy(0); }

  bool isLimited() const { return records_per_second_ > 0; }
  // The limiter of one of `parallelism` readers. REQUIRES: isLimited().
  RateLimiter createRateLimiter(int parallelism, RateLimiter::Clock clock = &std::chrono::steady_clock::now) const {
    return RateLimiter(records_per_second_ / parallelism, std::move(clock));
  }

 private:
  explicit RateLimiterStrategy(double records_per_second) : records_per_second_(records_per_second) {}
  double records_per_second_;
};

}  // namespace eddy::connectors
