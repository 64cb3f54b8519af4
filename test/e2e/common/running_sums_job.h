#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "e2e/common/running_sums.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy::e2e {

// The pipeline both chaos jobs run before their sink, in the job library `eddy run` loads:
// checkpoints every 200 ms into `checkpoints`, retaining 3, and no restarts (a failure ends
// the process: the test restarts it, as a cluster would); a DataGen source of `count`
// (i % kRunningSumKeys, i) pairs at `rate` records/s → keyBy(key) → running sum of the
// values (uids "generator", "running-sums").
inline DataStream<std::pair<int64_t, int64_t>> runningSums(StreamExecutionEnvironment& env,
                                                           const std::string& checkpoints, int64_t count,
                                                           double rate) {
  env.enableCheckpointing(200);
  env.getCheckpointConfig().setCheckpointStorage(checkpoints);
  env.getCheckpointConfig().num_retained = 3;
  env.setRestartStrategy(runtime::RestartStrategy::noRestart());
  using KeyValue = std::pair<int64_t, int64_t>;
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return KeyValue(i % kRunningSumKeys, i); },
                                                    count, connectors::RateLimiterStrategy::perSecond(rate));
  // One source reader keeps every key's records in one order, so the running sums are
  // the same in every attempt.
  auto records = env.fromSource(source, WatermarkStrategy<KeyValue>::noWatermarks(), "Generator Source");
  records.setParallelism(1).uid("generator");
  auto sums = records.keyBy([](const KeyValue& kv) { return kv.first; }).sum<1>();
  sums.uid("running-sums");
  return sums;
}

}  // namespace eddy::e2e
