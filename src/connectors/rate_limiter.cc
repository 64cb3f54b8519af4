#include "eddy/connectors/rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "eddy/common/check.h"

namespace eddy::connectors {

RateLimiter::RateLimiter(double permits_per_second, Clock clock)
    : permits_per_second_(permits_per_second), clock_(std::move(clock)) {
  EDDY_CHECK_GT(permits_per_second, 0.0);
}

int64_t RateLimiter::acquire(int64_t wanted) {
  auto now = clock_();
  if (started_) {
    double elapsed = std::chrono::duration<double>(now - last_).count();
    // At most one second's worth of permits is saved up, as Guava's SmoothBursty.
    stored_permits_ = std::min(stored_permits_ + elapsed * permits_per_second_, std::max(1.0, permits_per_second_));
  }
  started_ = true;
  last_ = now;
  auto granted = std::min<int64_t>(wanted, static_cast<int64_t>(std::floor(stored_permits_)));
  stored_permits_ -= static_cast<double>(granted);
  return granted;
}

}  // namespace eddy::connectors
