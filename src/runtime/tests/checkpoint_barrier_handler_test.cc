#include "runtime/checkpoint_barrier_handler.h"

#include <gtest/gtest.h>

namespace eddy::runtime {
namespace {

using Trigger = CheckpointBarrierHandler::Trigger;

TEST(CheckpointBarrierHandlerTest, AlignedBarriersBlockTheirChannelUntilEveryChannelDeliveredThem) {
  CheckpointBarrierHandler handler(CheckpointingMode::EXACTLY_ONCE, 3);
  EXPECT_FALSE(handler.onBarrier(0, Trigger{1, 100, false}, 0));
  EXPECT_TRUE(handler.isBlocked(0));
  EXPECT_FALSE(handler.isBlocked(1));
  EXPECT_FALSE(handler.onBarrier(2, Trigger{1, 100, false}, 0));
  auto trigger = handler.onBarrier(1, Trigger{1, 100, false}, 0);
  ASSERT_TRUE(trigger);
  EXPECT_EQ(trigger->id, 1);
  EXPECT_EQ(trigger->timestamp, 100);
  handler.checkpointTaken(1);
  EXPECT_FALSE(handler.isBlocked(0));
  // A barrier of a checkpoint already taken is ignored.
  EXPECT_FALSE(handler.onBarrier(0, Trigger{1, 100, false}, 0));
  EXPECT_FALSE(handler.isBlocked(0));
}

TEST(CheckpointBarrierHandlerTest, ANewerAlignedCheckpointAbandonsTheOlderOne) {
  CheckpointBarrierHandler handler(CheckpointingMode::EXACTLY_ONCE, 2);
  EXPECT_FALSE(handler.onBarrier(0, Trigger{1, 100, false}, 0));
  EXPECT_FALSE(handler.onBarrier(1, Trigger{2, 200, false}, 0));
  EXPECT_FALSE(handler.isBlocked(0));
  EXPECT_TRUE(handler.isBlocked(1));
  EXPECT_FALSE(handler.onBarrier(0, Trigger{1, 100, false}, 0));  // given up
  auto trigger = handler.onBarrier(0, Trigger{2, 200, false}, 0);
  ASSERT_TRUE(trigger);
  EXPECT_EQ(trigger->id, 2);
}

TEST(CheckpointBarrierHandlerTest, UnalignedTrackingCountsConcurrentCheckpointsApartAndNeverBlocks) {
  CheckpointBarrierHandler handler(CheckpointingMode::AT_LEAST_ONCE, 2);
  // Channel 0 runs ahead: barriers 1 and 2 before channel 1 delivers 1.
  EXPECT_FALSE(handler.onBarrier(0, Trigger{1, 100, false}, 0));
  EXPECT_FALSE(handler.onBarrier(0, Trigger{2, 200, true}, 0));
  EXPECT_FALSE(handler.isBlocked(0));
  auto first = handler.onBarrier(1, Trigger{1, 100, false}, 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, 1);
  handler.checkpointTaken(1);
  auto second = handler.onBarrier(1, Trigger{2, 200, true}, 0);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, 2);
  EXPECT_TRUE(second->is_savepoint);
}

TEST(CheckpointBarrierHandlerTest, AFinishedChannelCountsAsHavingDeliveredEveryBarrier) {
  CheckpointBarrierHandler handler(CheckpointingMode::EXACTLY_ONCE, 2);
  EXPECT_FALSE(handler.onBarrier(0, Trigger{4, 400, false}, 0));
  // Channel 0 delivered its barrier, then ended: one finished channel, no double count.
  EXPECT_FALSE(handler.onChannelFinished(0, 1));
  auto trigger = handler.onChannelFinished(1, 2);
  ASSERT_TRUE(trigger);
  EXPECT_EQ(trigger->id, 4);
}

}  // namespace
}  // namespace eddy::runtime
