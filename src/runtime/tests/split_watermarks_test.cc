#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/watermark_emitter.h"

namespace eddy::runtime {
namespace {

// Processing time that moves only when the test says; timers fire in time order.
class ManualProcessingTime final : public ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now_; }
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override {
    timers_.emplace(time, std::move(callback));
  }
  void advanceTo(int64_t time) {
    while (!timers_.empty() && timers_.begin()->first <= time) {
      auto timer = timers_.extract(timers_.begin());
      now_ = timer.key();
      timer.mapped()(now_);
    }
    now_ = time;
  }

 private:
  int64_t now_ = 0;
  std::multimap<int64_t, std::function<void(int64_t)>> timers_;
};

// What reaches the output, in order: "r<timestamp>" per record, "w<watermark>", "idle",
// "active".
class RecordingOutput final : public Output<int64_t> {
 public:
  void emitBatch(RecordBatch<int64_t>& batch) override {
    for (int64_t ts : batch.timestamps) events.push_back("r" + std::to_string(ts));
  }
  void emitWatermark(int64_t watermark) override { events.push_back("w" + std::to_string(watermark)); }
  void emitWatermarkStatus(bool idle) override { events.push_back(idle ? "idle" : "active"); }

  std::vector<std::string> events;
};

// Timestamps are the values; watermarks every 100 ms.
class SplitWatermarksTest : public ::testing::Test {
 protected:
  void open(WatermarkStrategy<int64_t> strategy) {
    emitter_ = std::make_unique<WatermarkEmitter<int64_t>>(
        strategy.withTimestampAssigner([](const int64_t& value, int64_t) { return value; }), 100);
    emitter_->open(&output_, &time_);
  }
  static WatermarkStrategy<int64_t> boundedBy(int64_t ms) {
    return WatermarkStrategy<int64_t>::forBoundedOutOfOrderness(std::chrono::milliseconds(ms));
  }
  // Emits `values` as one batch from `split`.
  void emitFrom(int32_t split, const std::vector<int64_t>& values) {
    RecordBatch<int64_t> batch;
    for (int64_t v : values) batch.add(v, kNoTimestamp);
    SplitRuns runs;
    runs.addRun(split, batch.size());
    emitter_->emit(batch, runs);
  }
  void lifecycle(std::vector<int32_t> created, std::vector<int32_t> released) {
    RecordBatch<int64_t> empty;
    SplitRuns runs;
    for (int32_t s : created) runs.createOutputForSplit(s);
    for (int32_t s : released) runs.releaseOutputForSplit(s);
    emitter_->emit(empty, runs);
  }
  std::vector<std::string> take() { return std::exchange(output_.events, {}); }

  ManualProcessingTime time_;
  RecordingOutput output_;
  std::unique_ptr<WatermarkEmitter<int64_t>> emitter_;
};

TEST_F(SplitWatermarksTest, ASplitReadFarAheadDoesNotMakeTheOtherLate) {
  open(boundedBy(5));
  lifecycle({0, 1}, {});
  emitFrom(0, {1000, 2000, 3000});
  time_.advanceTo(100);
  // Split 1 has no records yet: it holds the watermark back.
  EXPECT_EQ(take(), (std::vector<std::string>{"r1000", "r2000", "r3000"}));
  emitFrom(1, {10, 20});
  time_.advanceTo(200);
  EXPECT_EQ(take(), (std::vector<std::string>{"r10", "r20", "w14"}));
  emitFrom(1, {2500});
  time_.advanceTo(300);
  EXPECT_EQ(take(), (std::vector<std::string>{"r2500", "w2494"}));
}

TEST_F(SplitWatermarksTest, OneBatchWithRunsOfBothSplits) {
  open(boundedBy(0));
  lifecycle({0, 1}, {});
  RecordBatch<int64_t> batch;
  for (int64_t v : {5000, 6000, 100, 200, 7000}) batch.add(v, kNoTimestamp);
  SplitRuns runs;
  runs.addRun(0, 1);
  runs.addRun(0, 2);
  runs.addRun(1, 4);
  runs.addRun(0, 5);
  ASSERT_EQ(runs.runs().size(), 3u);
  emitter_->emit(batch, runs);
  time_.advanceTo(100);
  EXPECT_EQ(take(), (std::vector<std::string>{"r5000", "r6000", "r100", "r200", "r7000", "w199"}));
}

TEST_F(SplitWatermarksTest, AnIdleSplitStopsHoldingTheWatermarkBack) {
  open(boundedBy(0).withIdleness(std::chrono::milliseconds(250)));
  lifecycle({0, 1}, {});
  emitFrom(0, {1000});
  emitFrom(1, {500});
  time_.advanceTo(100);
  EXPECT_EQ(take(), (std::vector<std::string>{"r1000", "r500", "w499"}));
  emitFrom(0, {2000});
  time_.advanceTo(200);
  emitFrom(0, {3000});
  time_.advanceTo(300);
  // Split 1 has been silent for 250 ms: only split 0 counts.
  EXPECT_EQ(take(), (std::vector<std::string>{"r2000", "r3000", "w2999"}));
  // A record of split 1 makes it active again; it holds the watermark, which does not go back.
  emitFrom(1, {600});
  emitFrom(0, {4000});
  time_.advanceTo(400);
  EXPECT_EQ(take(), (std::vector<std::string>{"r600", "r4000"}));
  emitFrom(1, {3500});
  time_.advanceTo(500);
  EXPECT_EQ(take(), (std::vector<std::string>{"r3500", "w3499"}));
}

TEST_F(SplitWatermarksTest, WhenAllSplitsAreIdleTheStreamIsIdle) {
  open(boundedBy(0).withIdleness(std::chrono::milliseconds(150)));
  lifecycle({0, 1}, {});
  emitFrom(0, {1000});
  emitFrom(1, {2000});
  time_.advanceTo(100);
  EXPECT_EQ(take(), (std::vector<std::string>{"r1000", "r2000", "w999"}));
  time_.advanceTo(200);
  EXPECT_EQ(take(), (std::vector<std::string>{"idle"}));
  emitFrom(1, {3000});
  time_.advanceTo(300);
  EXPECT_EQ(take(), (std::vector<std::string>{"active", "r3000", "w2999"}));
}

TEST_F(SplitWatermarksTest, AReleasedSplitNoLongerHoldsTheWatermarkBack) {
  open(boundedBy(0));
  lifecycle({0, 1}, {});
  emitFrom(0, {100});
  emitFrom(1, {5000});
  time_.advanceTo(100);
  EXPECT_EQ(take(), (std::vector<std::string>{"r100", "r5000", "w99"}));
  lifecycle({}, {0});
  EXPECT_EQ(take(), (std::vector<std::string>{"w4999"}));
}

TEST_F(SplitWatermarksTest, PunctuatedGeneratorsSplitTheBatchAtTheCombinedWatermark) {
  // Emits a watermark at every event: the event's timestamp - 1.
  class EveryEvent final : public WatermarkGenerator<int64_t> {
   public:
    void onEvent(const int64_t&, int64_t timestamp, WatermarkOutput& output) override {
      output.emitWatermark(timestamp - 1);
    }
    void onPeriodicEmit(WatermarkOutput&) override {}
  };
  open(WatermarkStrategy<int64_t>::forGenerator([] { return std::make_unique<EveryEvent>(); }));
  lifecycle({0, 1}, {});
  RecordBatch<int64_t> batch;
  for (int64_t v : {900, 100, 200, 1000}) batch.add(v, kNoTimestamp);
  SplitRuns runs;
  runs.addRun(0, 1);
  runs.addRun(1, 3);
  runs.addRun(0, 4);
  emitter_->emit(batch, runs);
  EXPECT_EQ(take(), (std::vector<std::string>{"r900", "r100", "w99", "r200", "w199", "r1000"}));
}

TEST_F(SplitWatermarksTest, UntaggedBatchesKeepOneGenerator) {
  open(boundedBy(0));
  emitFrom(0, {});
  RecordBatch<int64_t> batch;
  for (int64_t v : {3000, 100}) batch.add(v, kNoTimestamp);
  emitter_->emit(batch, SplitRuns());
  time_.advanceTo(100);
  EXPECT_EQ(take(), (std::vector<std::string>{"r3000", "r100", "w2999"}));
}

}  // namespace
}  // namespace eddy::runtime
