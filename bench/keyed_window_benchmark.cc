// Throughput of keyBy + 1 s tumbling event-time count windows over 10M records with 100k
// keys at parallelism 2, against a hand-written single-threaded loop counting the same
// (key, window) pairs in a hash map (the baseline, measured in the same run). Reported as
// records/s; the machine has 2 cores, so per-core throughput is half of the job's.
#include <absl/container/flat_hash_map.h>
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "summing_sink.h"

namespace {

constexpr int64_t kRecords = 10'000'000;
constexpr int64_t kKeys = 100'000;
constexpr int64_t kRecordsPerSecondOfEventTime = 1'000'000;

struct Click {
  int64_t key;
  int64_t ts;
};

// Record i: key i*7919 mod kKeys (every key recurs, not in key order), event time i µs.
Click click(int64_t i) { return Click{(i * 7919) % kKeys, i * 1000 / kRecordsPerSecondOfEventTime}; }

struct CountAgg {
  int64_t createAccumulator() const { return 0; }
  int64_t add(const Click&, int64_t acc) const { return acc + 1; }
  int64_t getResult(int64_t acc) const { return acc; }
};

using eddy::bench::SummingSink;

void BM_HandWrittenWindowCount(benchmark::State& state) {
  for (auto _ : state) {
    absl::flat_hash_map<std::pair<int64_t, int64_t>, int64_t> counts;
    int64_t emitted = 0;
    int64_t open_window = 0;
    for (int64_t i = 0; i < kRecords; ++i) {
      Click c = click(i);
      int64_t window = c.ts / 1000;
      if (window != open_window) {  // the watermark passed the window: emit and drop it
        for (const auto& [k, n] : counts) emitted += n;
        counts.clear();
        open_window = window;
      }
      ++counts[{c.key, window}];
    }
    for (const auto& [k, n] : counts) emitted += n;
    if (emitted != kRecords) state.SkipWithError("wrong count");
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
}
BENCHMARK(BM_HandWrittenWindowCount)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_KeyByTumblingCount(benchmark::State& state) {
  for (auto _ : state) {
    auto env = eddy::StreamExecutionEnvironment::getExecutionEnvironment(eddy::Configuration());
    env->setParallelism(2);
    auto sum = std::make_shared<std::atomic<int64_t>>(0);
    auto source = eddy::connectors::makeDataGeneratorSource(click, kRecords);
    env->fromSource(source,
                    eddy::WatermarkStrategy<Click>::forMonotonousTimestamps().withTimestampAssigner(
                        [](const Click& c, int64_t) { return c.ts; }),
                    "Clicks")
        .keyBy([](const Click& c) { return c.key; })
        .window(eddy::windowing::TumblingEventTimeWindows::of(std::chrono::seconds(1)))
        .aggregate(CountAgg{})
        .sinkTo(std::make_shared<SummingSink>(sum), "Sum");
    auto result = env->execute("keyBy window count");
    if (!result.ok()) state.SkipWithError(result.status().toString().c_str());
    if (sum->load() != kRecords) state.SkipWithError("wrong count");
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
}
BENCHMARK(BM_KeyByTumblingCount)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
