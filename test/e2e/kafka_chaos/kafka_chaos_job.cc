// The job the Kafka chaos test kills: a rate-limited DataGen source of (key, value) pairs,
// keyBy(key) → running sum of the values → "(key,sum)" → KafkaSink EXACTLY_ONCE (two
// subtasks, so two transactions per checkpoint), checkpointing every 200 ms into
// state.checkpoints.dir, retaining 3. Arguments: <bootstrap servers> <topic> <transactional
// id prefix> <checkpoints dir> <record count> <records per second>; the checkpoint to
// restore comes from `eddy run -s`.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "eddy/connectors/datagen_source.h"
#include "eddy/connectors/kafka/kafka_sink.h"
#include "eddy/connectors/kafka/simple_string_schema.h"
#include "eddy/datastream.h"

using namespace eddy;
using namespace eddy::connectors::kafka;

namespace {
// Keys of the generated records; the test's oracle uses the same.
constexpr int64_t kKeys = 7;
}  // namespace

extern "C" int eddyMain(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr,
                 "usage: kafka_chaos_job <bootstrap servers> <topic> <transactional id prefix> <checkpoints dir> "
                 "<record count> <records per second>\n");
    return 2;
  }
  const int64_t count = std::atoll(argv[5]);
  const double rate = std::atof(argv[6]);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->enableCheckpointing(200);
  env->getCheckpointConfig().setCheckpointStorage(argv[4]);
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
  auto lines = sums.map([](const KeyValue& kv) { return fmt::format("({},{})", kv.first, kv.second); });
  lines.uid("format");

  auto schema = KafkaRecordSerializationSchema<std::string>::builder()
                    .setTopic(argv[2])
                    .setValueSerializationSchema(SimpleStringSchema())
                    .build();
  if (!schema.ok()) {
    std::fprintf(stderr, "%s\n", schema.status().toString().c_str());
    return 1;
  }
  auto sink = KafkaSink<std::string>::builder()
                  .setBootstrapServers(argv[1])
                  .setRecordSerializer(*schema)
                  .setDeliveryGuarantee(DeliveryGuarantee::EXACTLY_ONCE)
                  .setTransactionalIdPrefix(argv[3])
                  .build();
  if (!sink.ok()) {
    std::fprintf(stderr, "%s\n", sink.status().toString().c_str());
    return 1;
  }
  lines.sinkTo(*sink, "Kafka Sink");

  auto result = env->execute("kafka-chaos");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
