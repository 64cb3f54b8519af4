#include "runtime/watermark_valve.h"

#include <gtest/gtest.h>

namespace eddy::runtime {
namespace {

TEST(WatermarkValveTest, WatermarkIsTheMinimumOfTheChannels) {
  WatermarkValve valve(2);
  EXPECT_FALSE(valve.inputWatermark(0, 100).watermark.has_value());
  EXPECT_EQ(valve.inputWatermark(1, 50).watermark, 50);
  EXPECT_EQ(valve.inputWatermark(1, 80).watermark, 80);
  EXPECT_EQ(valve.inputWatermark(1, 200).watermark, 100);
  EXPECT_FALSE(valve.inputWatermark(0, 90).watermark.has_value());  // never goes back
}

TEST(WatermarkValveTest, IdleChannelStopsHoldingTheWatermarkBack) {
  WatermarkValve valve(2);
  valve.inputWatermark(0, 1000);
  valve.inputWatermark(1, 10);
  auto update = valve.inputIdle(1);
  EXPECT_EQ(update.watermark, 1000);
  EXPECT_FALSE(update.idle.has_value());
  EXPECT_EQ(valve.inputWatermark(0, 2000).watermark, 2000);
  // The idle channel resumes behind the output: it does not pull the watermark back.
  EXPECT_FALSE(valve.inputActive(1).watermark.has_value());
  EXPECT_EQ(valve.inputWatermark(0, 3000).watermark, 3000);
}

TEST(WatermarkValveTest, WhenAllChannelsGoIdleTheMaximumIsFlushed) {
  // Flink's StatusWatermarkValve: channel 0 reached 5000 but channel 1 never had one; when
  // both are idle nothing will advance, so 5000 goes out.
  WatermarkValve valve(2);
  EXPECT_FALSE(valve.inputWatermark(0, 5000).watermark.has_value());
  EXPECT_FALSE(valve.inputIdle(0).watermark.has_value());
  auto update = valve.inputIdle(1);
  EXPECT_EQ(update.watermark, 5000);
  EXPECT_EQ(update.idle, true);
}

TEST(WatermarkValveTest, AllChannelsIdleMakesTheInputIdle) {
  WatermarkValve valve(2);
  EXPECT_FALSE(valve.inputIdle(0).idle.has_value());
  EXPECT_EQ(valve.inputIdle(1).idle, true);
  EXPECT_EQ(valve.inputWatermark(0, 5).idle, false);
}

TEST(WatermarkValveTest, FinishedChannelCountsAsMaxWatermark) {
  WatermarkValve valve(2);
  EXPECT_FALSE(valve.inputWatermark(0, 100).watermark.has_value());
  EXPECT_EQ(valve.channelFinished(1).watermark, 100);
  EXPECT_EQ(valve.channelFinished(0).watermark, kMaxWatermark);
}

}  // namespace
}  // namespace eddy::runtime
