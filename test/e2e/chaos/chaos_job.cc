// The job the chaos test kills: a rate-limited DataGen source of (key, value) pairs,
// keyBy(key) → running sum of the values → the exactly-once FileSink, checkpointing every
// 200 ms into state.checkpoints.dir, retaining 3. Arguments: <output dir> <checkpoints dir>
// <record count> <records per second> <hashmap | rocksdb> <EXACTLY_ONCE | AT_LEAST_ONCE>
// <aligned | unaligned> (RocksDB with incremental checkpoints); the checkpoint to restore
// comes from `eddy run -s`. With unaligned checkpoints the sums' task pauses 10 ms after every
// 10 records on its way to the sink, so that records queue up in its input channels and
// the checkpoints persist in-flight data; on RocksDB its state.storage.fs.memory-threshold is
// 0, so that every subtask's in-flight data goes into a file of its own.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "e2e/common/running_sums_job.h"
#include "eddy/connectors/file_sink.h"
#include "eddy/datastream.h"

using namespace eddy;

extern "C" int eddyMain(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr,
                 "usage: chaos_job <output dir> <checkpoints dir> <record count> <records per second> "
                 "<hashmap | rocksdb> <EXACTLY_ONCE | AT_LEAST_ONCE> <aligned | unaligned>\n");
    return 2;
  }
  const std::string output = argv[1];
  const int64_t count = std::atoll(argv[3]);
  const double rate = std::atof(argv[4]);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  if (std::string(argv[5]) == "rocksdb" && std::string(argv[7]) == "unaligned") {
    Configuration in_flight_data_in_files;
    in_flight_data_in_files.setString("state.storage.fs.memory-threshold", "0");
    if (!env->configure(in_flight_data_in_files).ok()) return 1;
  }
  using KeyValue = std::pair<int64_t, int64_t>;
  auto sums = e2e::runningSums(*env, argv[2], count, rate);
  if (std::string(argv[5]) == "rocksdb") {
    // RocksDB's working directories beside the checkpoints, so that the test removes what
    // the killed attempts leave behind.
    state::EmbeddedRocksDBStateBackend rocksdb(true);
    rocksdb.local_dir = (std::filesystem::path(argv[2]).parent_path() / "rocksdb").string();
    env->setStateBackend(rocksdb);
  }
  if (std::string(argv[6]) == "AT_LEAST_ONCE") env->getCheckpointConfig().mode = runtime::CheckpointingMode::AT_LEAST_ONCE;
  if (std::string(argv[7]) == "unaligned") {
    env->getCheckpointConfig().enableUnalignedCheckpoints();
    sums = sums.map([n = int64_t{0}](const KeyValue& kv) mutable {
      if (++n % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return kv;
    });
  }

  auto sink = connectors::FileSink<KeyValue>::forRowFormat(output)
                  .withRollingPolicy(connectors::DefaultRollingPolicy::builder().withMaxPartSize(4096).build())
                  .withBucketAssigner(std::make_shared<connectors::BasePathBucketAssigner>())
                  .build();
  sums.sinkTo(sink, "File Sink");

  auto result = env->execute("chaos");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
