// The job the recovery benchmark kills: it first loads <keys> keys of <value bytes>
// incompressible bytes each into RocksDB keyed state (incremental checkpoints every second
// into <checkpoints dir>), then keeps running with a trickle of state updates, appending the
// index of each updating record as a line to <output file> — so the benchmark sees when
// records flow. Arguments: <output file> <checkpoints dir> <keys> <value bytes>.
//
// The source produces at most kRecordsPerSecond records; record i < keys writes key i,
// later ones only every kTrickleEvery-th (key i mod keys), so the state stays the same size.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "api/tests/appending_lines_sink.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "../incompressible_bytes.h"

using namespace eddy;

namespace {

constexpr double kRecordsPerSecond = 200'000;
constexpr int64_t kTrickleEvery = 1000;

// Writes a value for the record's key when it is a loading or a trickle record; emits the
// index of trickle records.
class StateWriter final : public KeyedProcessFunction<int64_t, int64_t, int64_t> {
 public:
  StateWriter(int64_t keys, size_t value_bytes) : keys_(keys), value_(value_bytes, '\0') {}

  void open() override { values_ = getRuntimeContext().getState(state::ValueStateDescriptor<std::string>("values")); }

  void processElement(const int64_t& index, Context&, Collector<int64_t>& out) override {
    const bool loading = index < keys_;
    if (!loading && index % kTrickleEvery != 0) return;
    bench::fillIncompressible(value_, static_cast<uint64_t>(index));
    values_->update(value_);
    if (!loading) out.collect(index);
  }

 private:
  int64_t keys_;
  std::string value_;
  state::ValueState<std::string>* values_ = nullptr;
};

}  // namespace

extern "C" int eddyMain(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: recovery_job <output file> <checkpoints dir> <keys> <value bytes>\n");
    return 2;
  }
  const int64_t keys = std::atoll(argv[3]);
  const size_t value_bytes = static_cast<size_t>(std::atoll(argv[4]));

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->enableCheckpointing(1000);
  env->getCheckpointConfig().setCheckpointStorage(argv[2]);
  env->getCheckpointConfig().num_retained = 2;
  env->setRestartStrategy(runtime::RestartStrategy::noRestart());
  env->setStateBackend(state::EmbeddedRocksDBStateBackend(true));

  auto source =
      connectors::makeDataGeneratorSource([](int64_t i) { return i; }, connectors::DataGeneratorSource<int64_t>::kUnbounded,
                                          connectors::RateLimiterStrategy::perSecond(kRecordsPerSecond));
  // One source reader produces the indices in order, so the load ends before the trickle.
  auto indices = env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Index Source");
  indices.setParallelism(1).uid("indices");
  indices.keyBy([keys](const int64_t& i) { return i % keys; })
      .process(StateWriter(keys, value_bytes))
      .uid("values")
      .sinkTo(testing::appendingLinesSink<int64_t>(argv[1], [](const int64_t& i) { return std::to_string(i); }),
              "Lines");
  auto result = env->execute("recovery benchmark");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
