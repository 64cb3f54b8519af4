// A fast source feeding a slow sink through a network edge must be held back by the bounded
// channels (backpressure): records in flight and memory stay bounded, and the job still
// cancels promptly while its source is blocked on a full channel.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <thread>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

constexpr int64_t kBatch = static_cast<int64_t>(runtime::kDefaultBatchSize);

// Batches a LocalChannel holds (kChannelCapacity in src/runtime/local_executor.cc).
constexpr int64_t kChannelCapacityBatches = 8;

// The job below: 2 source subtasks → rebalance → 2 sink subtasks, so 2 × 2 channels.
constexpr int64_t kParallelism = 2;
constexpr int64_t kChannels = kParallelism * kParallelism;

// Records counted by the generator but not yet by the sink can only be in these places:
//  - per source subtask: the batch its reader just filled (1 batch), and the record
//    writer's pending batch per channel, one of which may be full and blocked in push()
//    (2 batches);
//  - in the channels: capacity × channels;
//  - per sink subtask: the batch its writer is writing (1 batch).
// An unbounded queue would hold millions of records after a second and fail this.
constexpr int64_t kMaxRecordsInFlight =
    kBatch * (kParallelism * (1 + kParallelism) + kChannelCapacityBatches * kChannels + kParallelism);
static_assert(kMaxRecordsInFlight == 40 * 1024);

// Records made by the generator and taken by the sink, over all subtasks.
struct FlowCounters {
  std::atomic<int64_t> produced{0};
  std::atomic<int64_t> consumed{0};
};

// A sink that takes about a millisecond per batch and counts the records it took.
class SlowCountingSink final : public Sink<int64_t> {
 public:
  explicit SlowCountingSink(std::shared_ptr<FlowCounters> counters) : counters_(std::move(counters)) {}

  std::unique_ptr<SinkWriter<int64_t>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(counters_);
  }

 private:
  class Writer final : public SinkWriter<int64_t> {
   public:
    explicit Writer(std::shared_ptr<FlowCounters> counters) : counters_(std::move(counters)) {}
    void write(const int64_t&, int64_t) override { counters_->consumed.fetch_add(1); }
    void writeBatch(const runtime::RecordBatch<int64_t>& batch) override {
      std::this_thread::sleep_for(milliseconds(1));
      counters_->consumed.fetch_add(static_cast<int64_t>(batch.size()));
    }

   private:
    std::shared_ptr<FlowCounters> counters_;
  };

  std::shared_ptr<FlowCounters> counters_;
};

// Waits for `future`. A hang fails the test without blocking ctest: the process exits, since
// the threads of a hung job can be neither joined nor left running past their objects.
template <typename T>
T getWithin(std::future<T>& future, seconds limit, const char* what) {
  if (future.wait_for(limit) != std::future_status::ready) {
    std::fprintf(stderr, "FAILED: %s did not complete within %lld s\n", what, static_cast<long long>(limit.count()));
    std::fflush(nullptr);
    std::_Exit(1);
  }
  return future.get();
}

int64_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size_pages = 0;
  int64_t resident_pages = 0;
  statm >> size_pages >> resident_pages;
  return resident_pages * sysconf(_SC_PAGESIZE);
}

TEST(BackpressureTest, SlowSinkBoundsRecordsInFlightAndMemory) {
  auto counters = std::make_shared<FlowCounters>();
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(static_cast<int>(kParallelism));
  auto generate = [counters](int64_t index) {
    counters->produced.fetch_add(1, std::memory_order_relaxed);
    return index;
  };
  env->fromSource(connectors::makeDataGeneratorSource(generate, 100'000'000),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Generator Source")
      .rebalance()
      .sinkTo(std::make_shared<SlowCountingSink>(counters), "Slow Sink");

  const int64_t rss_before = residentBytes();
  auto client = env->executeAsync("backpressure");
  ASSERT_TRUE(client.ok()) << client.status().toString();

  int64_t max_in_flight = 0;
  int64_t max_rss = rss_before;
  const auto end = steady_clock::now() + milliseconds(1500);
  while (steady_clock::now() < end) {
    std::this_thread::sleep_for(milliseconds(20));
    // Produced first: the sink may only move on meanwhile, so this never overstates.
    const int64_t produced = counters->produced.load();
    const int64_t consumed = counters->consumed.load();
    max_in_flight = std::max(max_in_flight, produced - consumed);
    max_rss = std::max(max_rss, residentBytes());
  }
  const int64_t produced = counters->produced.load();
  const int64_t consumed = counters->consumed.load();

  const auto cancel_start = steady_clock::now();
  auto cancelled = std::async(std::launch::async, [&client] {
    (*client)->cancel();
    return (*client)->waitForCompletion();
  });
  const Status status = getWithin(cancelled, seconds(30), "cancelling the job");
  const auto cancel_time = steady_clock::now() - cancel_start;

  EXPECT_LE(max_in_flight, kMaxRecordsInFlight) << "produced " << produced << ", consumed " << consumed;
  EXPECT_LE(produced, consumed + kMaxRecordsInFlight) << "the source ran ahead of the sink";
  // Backpressure was exercised: the source, far faster than the sink, kept the channels
  // (at least half) full; and the pipeline moved: at ~1 ms a batch the sinks take far more
  // than 100 batches in 1.5 s.
  EXPECT_GE(max_in_flight, kChannelCapacityBatches * kChannels * kBatch / 2);
  EXPECT_GE(consumed, 100 * kBatch);
  EXPECT_LT(max_rss - rss_before, int64_t{64} << 20) << "resident memory grew from " << rss_before;
  EXPECT_LT(cancel_time, seconds(5));
  EXPECT_EQ(status.code(), StatusCode::kCancelled) << status.toString();
  EXPECT_EQ((*client)->getJobStatus(), runtime::JobStatus::kCanceled);
}

}  // namespace
}  // namespace eddy
