// Throughput of keyBy + 1 s tumbling event-time count windows over 10M records with 100k
// keys at parallelism 2, against a hand-written single-threaded loop counting the same
// (key, window) pairs in a hash map (the baseline, measured in the same run). Reported as
// records/s; the machine has 2 cores, so per-core throughput is half of the job's.
//
// BM_KeyByTumblingCountRocksDBVsHeap runs the same job (fewer records) on the heap
// (HashMapStateBackend, the baseline) and on EmbeddedRocksDBStateBackend in each iteration:
// the counter rocksdb/heap is the RocksDB job's time over the heap job's (the checkpoint
// issue's target: within 2×), and rocksdb/heap_cpu the same for the CPU time of the process
// (every thread), steadier than elapsed time on a machine shared with other work.
#include <absl/container/flat_hash_map.h>
#include <benchmark/benchmark.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>

#include "common/tests/temp_dir.h"
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

// CPU seconds used by all threads of the process so far.
double processCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

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

// Runs the window count job over `records` records at parallelism 2 on `backend`; false
// (with the benchmark skipped) if it fails or miscounts.
bool runWindowCount(benchmark::State& state, int64_t records, eddy::state::StateBackendConfig backend) {
  auto env = eddy::StreamExecutionEnvironment::getExecutionEnvironment(eddy::Configuration());
  env->setParallelism(2);
  env->setStateBackend(std::move(backend));
  auto sum = std::make_shared<std::atomic<int64_t>>(0);
  auto source = eddy::connectors::makeDataGeneratorSource(click, records);
  env->fromSource(source,
                  eddy::WatermarkStrategy<Click>::forMonotonousTimestamps().withTimestampAssigner(
                      [](const Click& c, int64_t) { return c.ts; }),
                  "Clicks")
      .keyBy([](const Click& c) { return c.key; })
      .window(eddy::windowing::TumblingEventTimeWindows::of(std::chrono::seconds(1)))
      .aggregate(CountAgg{})
      .sinkTo(std::make_shared<SummingSink>(sum), "Sum");
  auto result = env->execute("keyBy window count");
  if (!result.ok()) {
    state.SkipWithError(result.status().toString().c_str());
    return false;
  }
  if (sum->load() != records) {
    state.SkipWithError("wrong count");
    return false;
  }
  return true;
}

void BM_KeyByTumblingCount(benchmark::State& state) {
  for (auto _ : state) {
    if (!runWindowCount(state, kRecords, eddy::state::HashMapStateBackend())) return;
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
}
BENCHMARK(BM_KeyByTumblingCount)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_KeyByTumblingCountRocksDBVsHeap(benchmark::State& state) {
  constexpr int64_t kRocksDBRecords = 2'000'000;
  eddy::testing::TempDir dir("eddy_window_bench");
  eddy::state::EmbeddedRocksDBStateBackend rocksdb;
  rocksdb.local_dir = dir.path();
  double seconds[2] = {0, 0};
  double cpu_seconds[2] = {0, 0};
  for (auto _ : state) {
    for (int b = 0; b < 2; ++b) {
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = processCpuSeconds();
      if (!runWindowCount(state, kRocksDBRecords,
                          b == 0 ? eddy::state::StateBackendConfig() : eddy::state::StateBackendConfig(rocksdb))) {
        return;
      }
      seconds[b] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      cpu_seconds[b] += processCpuSeconds() - cpu_start;
    }
  }
  const double records = static_cast<double>(state.iterations() * kRocksDBRecords);
  state.counters["heap_rec_s"] = records / seconds[0];
  state.counters["rocksdb_rec_s"] = records / seconds[1];
  state.counters["rocksdb/heap"] = seconds[1] / seconds[0];
  state.counters["rocksdb/heap_cpu"] = cpu_seconds[1] / cpu_seconds[0];
}
BENCHMARK(BM_KeyByTumblingCountRocksDBVsHeap)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
