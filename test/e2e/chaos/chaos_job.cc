// The job the chaos test kills: a rate-limited DataGen source of (key, value) pairs,
// keyBy(key) → running sum of the values → the exactly-once FileSink, checkpointing every
// 200 ms into state.checkpoints.dir, retaining 3. Arguments: <output dir> <checkpoints dir>
// <record count> <records per second>; the checkpoint to restore comes from `eddy run -s`.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "eddy/connectors/datagen_source.h"
#include "eddy/connectors/file_sink.h"
#include "eddy/datastream.h"

using namespace eddy;

namespace {
// Keys of the generated records; the test's oracle uses the same.
constexpr int64_t kKeys = 7;
}  // namespace

extern "C" int eddyMain(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: chaos_job <output dir> <checkpoints dir> <record count> <records per second>\n");
    return 2;
  }
  const std::string output = argv[1];
  const int64_t count = std::atoll(argv[3]);
  const double rate = std::atof(argv[4]);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->enableCheckpointing(200);
  env->getCheckpointConfig().setCheckpointStorage(argv[2]);
  env->getCheckpointConfig().num_retained = 3;
  // A failure ends the process: the test restarts it, as a cluster would.
  env->setRestartStrategy(runtime::RestartStrategy::noRestart());
  using KeyValue = std::pair<int64_t, int64_t>;
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue(i % kKeys, i); }, count,
                                                    connectors::RateLimiterStrategy::perSecond(rate));
  // One source reader keeps every key's records in one order, so the running sums are
  // the same in every attempt.
  auto records = env->fromSource(source, WatermarkStrategy<KeyValue>::noWatermarks(), "Generator Source");
  records.setParallelism(1).uid("generator");
  auto sums = records.keyBy([](const KeyValue& kv) { return kv.first; }).sum<1>();
  sums.uid("running-sums");

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
