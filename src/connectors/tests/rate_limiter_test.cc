#include "eddy/connectors/rate_limiter.h"

#include <gtest/gtest.h>

namespace eddy::connectors {
namespace {

using std::chrono::milliseconds;

// A clock the test moves by hand.
struct ManualClock {
  std::chrono::steady_clock::time_point now{};
  RateLimiter::Clock function() {
    return [this] { return now; };
  }
};

TEST(RateLimiterTest, FirstPermitIsFreeThenSteadyRate) {
  ManualClock clock;
  RateLimiter limiter(100, clock.function());  // one permit per 10 ms
  EXPECT_EQ(limiter.acquire(50), 1);
  EXPECT_EQ(limiter.acquire(50), 0);
  clock.now += milliseconds(25);
  EXPECT_EQ(limiter.acquire(50), 2);
  clock.now += milliseconds(5);  // 0.5 saved + 0.5 new
  EXPECT_EQ(limiter.acquire(50), 1);
  clock.now += milliseconds(100);
  EXPECT_EQ(limiter.acquire(4), 4);
  EXPECT_EQ(limiter.acquire(50), 6);
}

TEST(RateLimiterTest, SavesAtMostOneSecondOfPermits) {
  ManualClock clock;
  RateLimiter limiter(10, clock.function());
  EXPECT_EQ(limiter.acquire(1), 1);
  clock.now += std::chrono::seconds(60);
  EXPECT_EQ(limiter.acquire(1000), 10);
  EXPECT_EQ(limiter.acquire(1000), 0);
}

TEST(RateLimiterTest, StrategyDividesRateAmongReaders) {
  EXPECT_FALSE(RateLimiterStrategy::noOp().isLimited());
  RateLimiterStrategy strategy = RateLimiterStrategy::perSecond(300);
  EXPECT_TRUE(strategy.isLimited());
  ManualClock clock;
  RateLimiter limiter = strategy.createRateLimiter(3, clock.function());  // 100 per second each
  EXPECT_EQ(limiter.acquire(1000), 1);
  clock.now += milliseconds(500);
  EXPECT_EQ(limiter.acquire(1000), 50);
}

}  // namespace
}  // namespace eddy::connectors
