// A user function that throws fails the job, wherever it runs, with an error that names the
// operator and carries the exception's message; and no failure leaves the job hanging. Each
// job runs at parallelism 4 behind a network exchange, under a watchdog.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

constexpr int kParallelism = 4;
constexpr int64_t kRecords = 4000;
constexpr int64_t kBadRecord = 2500;

// How long a failing job may take to report its failure on a loaded machine.
constexpr seconds kFailWithin{10};
// Past this the job is taken as hung.
constexpr seconds kHangAfter{60};

// What running a job gave: its status, and how long it took.
struct JobOutcome {
  Status status;
  steady_clock::duration elapsed;
};

// Runs `job` under a watchdog. A hang fails the test without blocking ctest: the process
// exits, since the threads of a hung job can be neither joined nor outlive their objects.
JobOutcome runWithWatchdog(std::function<Status()> job) {
  const auto start = steady_clock::now();
  std::future<Status> done = std::async(std::launch::async, std::move(job));
  if (done.wait_for(kHangAfter) != std::future_status::ready) {
    std::fprintf(stderr, "FAILED: %s: the job did not end within %lld s\n",
                 ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                 static_cast<long long>(kHangAfter.count()));
    std::fflush(nullptr);
    std::_Exit(1);
  }
  Status status = done.get();
  return JobOutcome{std::move(status), steady_clock::now() - start};
}

void expectFailure(const JobOutcome& outcome, const std::string& message) {
  EXPECT_EQ(outcome.status.code(), StatusCode::kUserFunctionError) << outcome.status.toString();
  EXPECT_EQ(outcome.status.message(), message);
  EXPECT_LT(outcome.elapsed, kFailWithin);
}

// Records 0, 1, 2, … from a source of parallelism 4.
DataStream<int64_t> numbers(StreamExecutionEnvironment& env, int64_t count = kRecords,
                            connectors::RateLimiterStrategy rate = connectors::RateLimiterStrategy::noOp()) {
  auto identity = [](int64_t i) { return i; };
  return env.fromSource(connectors::makeDataGeneratorSource(identity, count, rate),
                        WatermarkStrategy<int64_t>::noWatermarks(), "Generator Source");
}

std::unique_ptr<StreamExecutionEnvironment> parallelEnv() {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(kParallelism);
  return env;
}

int64_t byResidue(const int64_t& value) { return value % 16; }

template <typename T>
Status collectStatus(DataStream<T> stream, const std::string& job_name) {
  return stream.executeAndCollect(job_name).status();
}

class PassThroughProcess final : public KeyedProcessFunction<int64_t, int64_t, int64_t> {
 public:
  void processElement(const int64_t& r, Context&, Collector<int64_t>& out) override { out.collect(r); }
};

TEST(FailureTest, ThrowingKeySelectorFailsJobNamingTheOperatorThatRoutesByIt) {
  // As in Flink, the key selector fails where records are partitioned: in the output of the
  // operator before the keyed exchange, which is the one the error names.
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto routed = numbers(*env)
                      .rebalance()
                      .map([](const int64_t& r) { return r; })
                      .name("Pass Map")
                      .keyBy([](const int64_t& r) -> int64_t {
                        if (r == kBadRecord) throw std::runtime_error("no key for 2500");
                        return r % 16;
                      })
                      .process(PassThroughProcess{})
                      .name("Keyed Process");
    return collectStatus(routed, "key selector");
  });
  expectFailure(outcome, "Job 'key selector' failed: operator 'Pass Map' failed: no key for 2500");
}

class ThrowingProcessElement final : public KeyedProcessFunction<int64_t, int64_t, int64_t> {
 public:
  void processElement(const int64_t& r, Context&, Collector<int64_t>& out) override {
    if (r == kBadRecord) throw std::runtime_error("processElement cannot take 2500");
    out.collect(r);
  }
};

TEST(FailureTest, ThrowingProcessElementFailsJobNamingTheOperator) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto processed = numbers(*env).keyBy(byResidue).process(ThrowingProcessElement{}).name("Fragile Process");
    return collectStatus(processed, "process element");
  });
  expectFailure(outcome,
                "Job 'process element' failed: operator 'Fragile Process' failed: processElement cannot take 2500");
}

// Registers a timer per record; the timer throws. Event time: the timers fire on the
// watermark that ends the bounded input. Processing time: 1 ms after the record.
class ThrowingOnTimer final : public KeyedProcessFunction<int64_t, int64_t, int64_t> {
 public:
  explicit ThrowingOnTimer(TimeDomain domain) : domain_(domain) {}
  void processElement(const int64_t&, Context& ctx, Collector<int64_t>&) override {
    if (domain_ == TimeDomain::EVENT_TIME) {
      ctx.timerService().registerEventTimeTimer(100);
    } else {
      ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1);
    }
  }
  void onTimer(int64_t, OnTimerContext& ctx, Collector<int64_t>&) override {
    throw std::runtime_error(ctx.timeDomain() == TimeDomain::EVENT_TIME ? "event-time timer failed"
                                                                         : "processing-time timer failed");
  }

 private:
  TimeDomain domain_;
};

TEST(FailureTest, ThrowingEventTimeOnTimerFailsJobNamingTheOperator) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto timed = numbers(*env).keyBy(byResidue).process(ThrowingOnTimer(TimeDomain::EVENT_TIME)).name("Fragile Timer");
    return collectStatus(timed, "event-time timer");
  });
  expectFailure(outcome, "Job 'event-time timer' failed: operator 'Fragile Timer' failed: event-time timer failed");
}

TEST(FailureTest, ThrowingProcessingTimeOnTimerFailsJobNamingTheOperator) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    // A slow source keeps the job running until the timers fire.
    auto timed = numbers(*env, 1'000'000, connectors::RateLimiterStrategy::perSecond(4000))
                     .keyBy(byResidue)
                     .process(ThrowingOnTimer(TimeDomain::PROCESSING_TIME))
                     .name("Fragile Timer");
    return collectStatus(timed, "processing-time timer");
  });
  expectFailure(outcome,
                "Job 'processing-time timer' failed: operator 'Fragile Timer' failed: processing-time timer failed");
}

class ThrowingSum final : public AggregateFunction<int64_t, int64_t, int64_t> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const int64_t& r, int64_t acc) override {
    if (r == kBadRecord) throw std::runtime_error("cannot add 2500");
    return acc + r;
  }
  int64_t getResult(const int64_t& acc) override { return acc; }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

TEST(FailureTest, ThrowingWindowAggregateFunctionFailsJobNamingTheOperator) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto sums = numbers(*env).keyBy(byResidue).countWindow(10).aggregate(ThrowingSum{}).name("Fragile Aggregate");
    return collectStatus(sums, "window aggregate");
  });
  expectFailure(outcome, "Job 'window aggregate' failed: operator 'Fragile Aggregate' failed: cannot add 2500");
}

class ThrowingWindowFunction final
    : public ProcessWindowFunction<int64_t, int64_t, int64_t, windowing::GlobalWindow> {
 public:
  void process(const int64_t& key, Context&, const std::vector<int64_t>& elements, Collector<int64_t>& out) override {
    if (key == 3) throw std::runtime_error("window of key 3 failed");
    out.collect(static_cast<int64_t>(elements.size()));
  }
};

TEST(FailureTest, ThrowingProcessWindowFunctionFailsJobNamingTheOperator) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto sizes = numbers(*env).keyBy(byResidue).countWindow(5).process(ThrowingWindowFunction{}).name("Fragile Window");
    return collectStatus(sizes, "process window");
  });
  expectFailure(outcome, "Job 'process window' failed: operator 'Fragile Window' failed: window of key 3 failed");
}

class ThrowingSink final : public Sink<int64_t> {
 public:
  std::unique_ptr<SinkWriter<int64_t>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>();
  }

 private:
  class Writer final : public SinkWriter<int64_t> {
   public:
    void write(const int64_t& r, int64_t) override {
      if (r == kBadRecord) throw std::runtime_error("cannot write 2500");
    }
  };
};

TEST(FailureTest, ThrowingSinkWriterFailsJobNamingTheSink) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    numbers(*env).rebalance().sinkTo(std::make_shared<ThrowingSink>(), "Fragile Sink");
    return env->execute("sink writer").status();
  });
  expectFailure(outcome, "Job 'sink writer' failed: operator 'Fragile Sink' failed: cannot write 2500");
}

TEST(FailureTest, FailureOfAJobSubmittedAsyncReachesItsClient) {
  auto env = parallelEnv();
  numbers(*env).rebalance().sinkTo(std::make_shared<ThrowingSink>(), "Fragile Sink");
  auto client = env->executeAsync("async sink writer");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  JobOutcome outcome = runWithWatchdog([&client] { return (*client)->waitForCompletion(); });
  expectFailure(outcome, "operator 'Fragile Sink' failed: cannot write 2500");
  EXPECT_EQ((*client)->getJobStatus(), runtime::JobStatus::kFailed);
  // Cancelling a job that already failed changes nothing.
  (*client)->cancel();
  EXPECT_EQ((*client)->getJobStatus(), runtime::JobStatus::kFailed);
  EXPECT_EQ((*client)->waitForCompletion().message(), "operator 'Fragile Sink' failed: cannot write 2500");
}

// Drops every record (Flink's DiscardingSink).
class DiscardingSink final : public Sink<int64_t> {
 public:
  std::unique_ptr<SinkWriter<int64_t>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>();
  }

 private:
  class Writer final : public SinkWriter<int64_t> {
   public:
    void write(const int64_t&, int64_t) override {}
  };
};

// Each reader emits a zero per poll; reader 2 throws on its third poll.
class ThrowingSource final : public Source<int64_t> {
 public:
  Boundedness getBoundedness() const override { return Boundedness::kBounded; }
  std::unique_ptr<SourceReader<int64_t>> createReader(const SourceReaderContext& context) override {
    return std::make_unique<Reader>(context.subtask_index);
  }

 private:
  class Reader final : public SourceReader<int64_t> {
   public:
    explicit Reader(int subtask) : subtask_(subtask) {}
    InputStatus pollNext(runtime::RecordBatch<int64_t>& out) override {
      if (subtask_ == 2 && ++polls_ == 3) throw std::runtime_error("reader 2 broke");
      out.add(0, runtime::kNoTimestamp);
      return InputStatus::kMoreAvailable;
    }

   private:
    int subtask_;
    int polls_ = 0;
  };
};

TEST(FailureTest, ThrowingSourceReaderFailsJobNamingTheSource) {
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto read = env->fromSource<int64_t>(std::make_shared<ThrowingSource>(), WatermarkStrategy<int64_t>::noWatermarks(),
                                         "Fragile Source")
                    .rebalance()
                    .map([](const int64_t& i) { return i; });
    return collectStatus(read, "source reader");
  });
  expectFailure(outcome, "Job 'source reader' failed: operator 'Fragile Source' failed: reader 2 broke");
}

TEST(FailureTest, FailureWhileSourcesAreBlockedOnFullChannelsDoesNotHang) {
  // An unbounded source fills the channels of a map that fails after a while: the source
  // subtasks sit in push() on full channels when the map dies, and must still be cancelled.
  JobOutcome outcome = runWithWatchdog([] {
    auto env = parallelEnv();
    auto mapped = numbers(*env, connectors::DataGeneratorSource<int64_t>::kUnbounded)
                      .rebalance()
                      .map([](const int64_t& r) {
                        if (r == 300'000) throw std::runtime_error("map gave up at 300000");
                        return r;
                      })
                      .name("Fragile Map");
    mapped.sinkTo(std::make_shared<DiscardingSink>(), "Discarding Sink");
    return env->execute("blocked sources").status();
  });
  expectFailure(outcome, "Job 'blocked sources' failed: operator 'Fragile Map' failed: map gave up at 300000");
}

// C++ lets user code throw what is not a std::exception; the job must still fail, naming
// the operator, rather than terminate the process. Run in a child process (a death test), so
// that a crash fails this test only.
TEST(FailureDeathTest, ThrowingANonStdExceptionFailsTheJobInsteadOfTerminating) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        JobOutcome outcome = runWithWatchdog([] {
          auto env = parallelEnv();
          auto mapped = numbers(*env)
                            .rebalance()
                            .map([](const int64_t& r) {
                              if (r == kBadRecord) throw 42;
                              return r;
                            })
                            .name("Fragile Map");
          return collectStatus(mapped, "non-std exception");
        });
        const std::string prefix = "Job 'non-std exception' failed: operator 'Fragile Map' failed: ";
        const bool named = outcome.status.code() == StatusCode::kUserFunctionError &&
                           outcome.status.message().rfind(prefix, 0) == 0;
        std::fprintf(stderr, "job ended with: %s\n", outcome.status.toString().c_str());
        std::_Exit(named ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace eddy
