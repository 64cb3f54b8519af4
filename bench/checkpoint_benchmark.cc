// Checkpoint time of N MB of RocksDB keyed state (1 KB values that do not compress) after 1%
// of the keys changed: a full checkpoint (the canonical snapshot written as one state file,
// what the runtime does without state.backend.incremental) against an incremental one (a
// RocksDB checkpoint whose new SST files alone go to shared/, hard-linked since checkpoint
// storage is the local disk), both in the same run on the same backend. The iteration time
// is the incremental checkpoint's, both parts; incremental_sync_ms is its synchronous part
// (flushing the memtable and taking the RocksDB checkpoint), the rest of it runs while the
// task goes on. The counters give both durations, their ratio and the bytes each wrote
// (for the incremental one: what it linked or copied as new).
//
// The loaded state is compacted once before the first checkpoint: right after a bulk load
// RocksDB still owes the compactions of all of it, and the first checkpoints would take their
// output (1.6 GB at 1 GB of values), which a job that grew its state over time has long
// compacted. From there each checkpoint has one new L0 file of the changes, and every fourth
// flush lets RocksDB compact L0 into L1 (level compaction with RocksDB's and Flink's defaults:
// 4 L0 files, 256 MB level base, 64 MB files), whose output, hundreds of MB since the
// changed keys are spread over all of the key space, the checkpoint after it takes. Flink has
// the same effect; five iterations include one such compaction.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/tests/temp_dir.h"
#include "eddy/checkpoint/fs_checkpoint_storage_access.h"
#include "eddy/checkpoint/keyed_state_snapshot_file.h"
#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "incompressible_bytes.h"

namespace {

using eddy::Path;
using eddy::state::KeyedStateBackendT;
using eddy::state::VoidNamespace;

constexpr int64_t kValueBytes = 1024;
constexpr double kChangedFraction = 0.01;


double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_FullVsIncrementalCheckpoint(benchmark::State& state) {
  const int64_t keys = state.range(0) * 1024 * 1024 / kValueBytes;
  const int64_t changed = static_cast<int64_t>(static_cast<double>(keys) * kChangedFraction);
  eddy::testing::TempDir dir("eddy_checkpoint_bench");
  eddy::state::EmbeddedRocksDBStateBackend rocksdb(true);
  rocksdb.local_dir = dir.path();
  auto backend = KeyedStateBackendT<int64_t>::create({0, 127}, 128, eddy::state::StateBackendConfig(rocksdb)).value();
  auto* values = backend->getPartitionedState<VoidNamespace>(eddy::state::ValueStateDescriptor<std::string>("values"));
  auto fs = eddy::LocalFileSystem::getSharedInstance();
  eddy::checkpoint::FsCheckpointStorageAccess access(fs, Path::parse(dir.path() + "/checkpoints").value(),
                                                     std::nullopt, "00000000000000000000000000000001");
  if (!access.initializeBaseLocations().ok()) return state.SkipWithError("cannot create the checkpoint directory");

  std::string value(kValueBytes, 'x');
  for (int64_t k = 0; k < keys; ++k) {
    backend->setCurrentKey(k);
    eddy::bench::fillIncompressible(value, static_cast<uint64_t>(k));
    values->update(value);
  }
  auto& store = backend->rocksDBInstance()->store();
  if (!store.compactRange(store.columnFamily("values").value()).ok()) {
    return state.SkipWithError("compacting the loaded state failed");
  }
  // The first incremental checkpoint uploads everything; the timed ones follow it.
  int64_t checkpoint_id = 1;
  auto first = access.initializeLocationForCheckpoint(checkpoint_id).value();
  if (!backend->snapshotIncremental(checkpoint_id, *fs, first.getSharedStateDirectory(), first.getCheckpointDirectory())
           .ok()) {
    return state.SkipWithError("the first incremental checkpoint failed");
  }
  backend->notifyCheckpointComplete(checkpoint_id);

  double full_seconds = 0;
  double incremental_seconds = 0;
  double sync_seconds = 0;
  int64_t full_bytes = 0;
  int64_t incremental_bytes = 0;
  int64_t next_changed = 0;
  for (auto _ : state) {
    for (int64_t i = 0; i < changed; ++i, ++next_changed) {
      backend->setCurrentKey((next_changed * 7919) % keys);
      eddy::bench::fillIncompressible(value, static_cast<uint64_t>(keys + next_changed));
      values->update(value);
    }
    ++checkpoint_id;
    auto location = access.initializeLocationForCheckpoint(checkpoint_id).value();

    auto start = std::chrono::steady_clock::now();
    auto snapshot = backend->snapshot();
    if (!snapshot.ok()) return state.SkipWithError("full snapshot failed");
    auto file = eddy::checkpoint::writeKeyedStateSnapshot(location, eddy::checkpoint::CheckpointedStateScope::kExclusive,
                                                          *snapshot);
    if (!file.ok()) return state.SkipWithError("writing the full snapshot failed");
    full_seconds += secondsSince(start);
    full_bytes += file->size;

    start = std::chrono::steady_clock::now();
    auto resources = backend->syncPrepareIncrementalResources(checkpoint_id, *fs, location.getSharedStateDirectory(),
                                                              location.getCheckpointDirectory());
    if (!resources.ok()) return state.SkipWithError("the synchronous part of the incremental checkpoint failed");
    sync_seconds += secondsSince(start);
    auto handle = (*resources)->upload();
    if (!handle.ok()) return state.SkipWithError("incremental checkpoint failed");
    resources->reset();
    backend->notifyCheckpointComplete(checkpoint_id);
    const double incremental = secondsSince(start);
    incremental_seconds += incremental;
    incremental_bytes += handle->checkpointed_size;
    state.SetIterationTime(incremental);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["full_ms"] = full_seconds * 1000 / n;
  state.counters["incremental_ms"] = incremental_seconds * 1000 / n;
  state.counters["incremental_sync_ms"] = sync_seconds * 1000 / n;
  state.counters["full/incremental"] = full_seconds / incremental_seconds;
  state.counters["full_MB"] = static_cast<double>(full_bytes) / n / (1024 * 1024);
  state.counters["incremental_MB"] = static_cast<double>(incremental_bytes) / n / (1024 * 1024);
}
// State sizes in MB; 1 GB is the checkpoint issue's figure. The full snapshot is held in
// memory while it is written (about twice the state at 1 GB).
BENCHMARK(BM_FullVsIncrementalCheckpoint)
    ->Arg(64)
    ->Arg(1024)
    ->Iterations(5)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_HeapCheckpointSyncPhase(benchmark::State& state) {
  const int64_t keys = state.range(0);
  const int64_t changed = static_cast<int64_t>(static_cast<double>(keys) * kChangedFraction);
  KeyedStateBackendT<int64_t> backend({0, 127}, 128);
  auto* values = backend.getPartitionedState<VoidNamespace>(eddy::state::ValueStateDescriptor<int64_t>("values"));
  for (int64_t k = 0; k < keys; ++k) {
    backend.setCurrentKey(k);
    values->update(k);
  }
  int64_t next_changed = 0;
  auto change = [&] {
    for (int64_t i = 0; i < changed; ++i, ++next_changed) {
      backend.setCurrentKey((next_changed * 7919) % keys);
      values->update(next_changed);
    }
  };
  double full_seconds = 0;
  double sync_seconds = 0;
  double async_seconds = 0;
  double change_seconds = 0;
  double change_in_flight_seconds = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    change();
    change_seconds += secondsSince(start);

    start = std::chrono::steady_clock::now();
    auto full = backend.snapshot();
    if (!full.ok()) return state.SkipWithError("full snapshot failed");
    full_seconds += secondsSince(start);

    start = std::chrono::steady_clock::now();
    auto resources = backend.syncPrepareResources();
    if (!resources.ok()) return state.SkipWithError("synchronous part failed");
    const double sync = secondsSince(start);
    sync_seconds += sync;
    state.SetIterationTime(sync);

    start = std::chrono::steady_clock::now();
    change();
    change_in_flight_seconds += secondsSince(start);

    start = std::chrono::steady_clock::now();
    auto written = (*resources)->write();
    if (!written.ok()) return state.SkipWithError("asynchronous part failed");
    async_seconds += secondsSince(start);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["full_ms"] = full_seconds * 1000 / n;
  state.counters["sync_ms"] = sync_seconds * 1000 / n;
  state.counters["async_ms"] = async_seconds * 1000 / n;
  state.counters["changes_ms"] = change_seconds * 1000 / n;
  state.counters["changes_in_flight_ms"] = change_in_flight_seconds * 1000 / n;
}
// Keys.
BENCHMARK(BM_HeapCheckpointSyncPhase)->Arg(1 << 20)->Iterations(5)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
