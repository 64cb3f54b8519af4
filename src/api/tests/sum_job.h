#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

namespace eddy::testing {

using KeyValue = std::pair<int64_t, int64_t>;  // key, running sum

// The keyed rolling-sum job the checkpoint tests stop, restore and check: DataGen of
// (i % keys, i) for i < records, rate-limited to 20000 records/s so checkpoints fall in the
// middle → keyBy → rolling sum (uid "sums") → collect. A plain value; thread-compatible.
struct SumJob {
  int64_t records = 0;
  int64_t keys = 0;

  // Adds the job to `env`; the records it collects.
  std::shared_ptr<connectors::CollectedRecords<KeyValue>> build(StreamExecutionEnvironment& env) const {
    const int64_t key_count = keys;
    auto source = connectors::makeDataGeneratorSource([key_count](int64_t i) { return KeyValue{i % key_count, i}; },
                                                      records, connectors::RateLimiterStrategy::perSecond(20000));
    auto collected = std::make_shared<connectors::CollectedRecords<KeyValue>>();
    env.fromSource(source, WatermarkStrategy<KeyValue>::noWatermarks(), "Numbers")
        .uid("numbers")
        .keyBy([](const KeyValue& kv) { return kv.first; })
        .reduce([](const KeyValue& a, const KeyValue& b) { return KeyValue{a.first, a.second + b.second}; })
        .uid("sums")
        .sinkTo(std::make_shared<connectors::CollectSink<KeyValue>>(collected), "Collect");
    return collected;
  }

  // Each key's final sum when every record counted once.
  std::map<int64_t, int64_t> expectedSums() const {
    std::map<int64_t, int64_t> sums;
    for (int64_t i = 0; i < records; ++i) sums[i % keys] += i;
    return sums;
  }
};

// The last sum collected for each key.
inline std::map<int64_t, int64_t> lastPerKey(const std::vector<KeyValue>& values) {
  std::map<int64_t, int64_t> last;
  for (const auto& [key, sum] : values) last[key] = sum;
  return last;
}

}  // namespace eddy::testing
