// Keyed state operations on the two state backends in the same run: HashMapStateBackend (the
// heap, the baseline) against EmbeddedRocksDBStateBackend, over the same keys and operations,
// as operators use them: a ValueState<int64_t> read-modify-write per record (a running count,
// as a keyed aggregation keeps it) and a MapState<int64_t, std::string> put and get (a join's
// records). Each iteration runs a batch of records on both backends; the counters give the
// nanoseconds per record of each and rocksdb/heap, the cost of RocksDB relative to the heap.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/tests/temp_dir.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace {

using eddy::state::KeyedStateBackendT;
using eddy::state::VoidNamespace;

constexpr int64_t kKeys = 100'000;
constexpr int64_t kBatch = 10'000;


std::shared_ptr<KeyedStateBackendT<int64_t>> makeBackend(bool rocksdb, const eddy::testing::TempDir& dir) {
  if (!rocksdb) return KeyedStateBackendT<int64_t>::create({0, 127}, 128, eddy::state::StateBackendConfig{}).value();
  eddy::state::EmbeddedRocksDBStateBackend config(false);
  config.local_dir = dir.path();
  return KeyedStateBackendT<int64_t>::create({0, 127}, 128, eddy::state::StateBackendConfig(config)).value();
}

// Runs `batch(backend_index)` on the heap (0) and on RocksDB (1) each iteration and reports
// both per-record times and their ratio.
template <typename Batch>
void compareBackends(benchmark::State& state, Batch&& batch) {
  double seconds[2] = {0, 0};
  for (auto _ : state) {
    for (int b = 0; b < 2; ++b) {
      const auto start = std::chrono::steady_clock::now();
      batch(b);
      seconds[b] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  }
  const double records = static_cast<double>(state.iterations() * kBatch);
  state.counters["heap_ns"] = seconds[0] * 1e9 / records;
  state.counters["rocksdb_ns"] = seconds[1] * 1e9 / records;
  state.counters["rocksdb/heap"] = seconds[1] / seconds[0];
  state.SetItemsProcessed(state.iterations() * kBatch * 2);
}

// A running count per key: value(), then update(value + 1), keys round robin.
void BM_ValueStateCount(benchmark::State& state) {
  eddy::testing::TempDir dir("eddy_state_bench");
  std::shared_ptr<KeyedStateBackendT<int64_t>> backends[2] = {makeBackend(false, dir), makeBackend(true, dir)};
  decltype(backends[0]->getPartitionedState<VoidNamespace>(eddy::state::ValueStateDescriptor<int64_t>(""))) counts[2];
  for (int b = 0; b < 2; ++b) {
    counts[b] = backends[b]->getPartitionedState<VoidNamespace>(eddy::state::ValueStateDescriptor<int64_t>("counts"));
  }
  int64_t key[2] = {0, 0};
  compareBackends(state, [&](int b) {
    for (int64_t r = 0; r < kBatch; ++r) {
      backends[b]->setCurrentKey(key[b]);
      counts[b]->update(counts[b]->value().value_or(0) + 1);
      key[b] = key[b] + 1 == kKeys ? 0 : key[b] + 1;
    }
  });
}

// A join side's records: put a 100-byte record under its key, then read another one back.
void BM_MapStatePutGet(benchmark::State& state) {
  eddy::testing::TempDir dir("eddy_state_bench");
  std::shared_ptr<KeyedStateBackendT<int64_t>> backends[2] = {makeBackend(false, dir), makeBackend(true, dir)};
  using Descriptor = eddy::state::MapStateDescriptor<int64_t, std::string>;
  decltype(backends[0]->getPartitionedState<VoidNamespace>(Descriptor(""))) records[2];
  for (int b = 0; b < 2; ++b) records[b] = backends[b]->getPartitionedState<VoidNamespace>(Descriptor("records"));
  const std::string record(100, 'r');
  int64_t n[2] = {0, 0};
  compareBackends(state, [&](int b) {
    for (int64_t r = 0; r < kBatch; ++r, ++n[b]) {
      backends[b]->setCurrentKey(n[b] % kKeys);
      records[b]->put(n[b] & 7, record);
      benchmark::DoNotOptimize(records[b]->get((n[b] + 3) & 7));
    }
  });
}

BENCHMARK(BM_ValueStateCount)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MapStatePutGet)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
