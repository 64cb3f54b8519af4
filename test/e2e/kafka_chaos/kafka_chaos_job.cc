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

#include "e2e/common/running_sums_job.h"
#include "eddy/connectors/kafka/kafka_sink.h"
#include "eddy/connectors/kafka/simple_string_schema.h"
#include "eddy/datastream.h"

using namespace eddy;
using namespace eddy::connectors::kafka;

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
  using KeyValue = std::pair<int64_t, int64_t>;
  auto sums = e2e::runningSums(*env, argv[4], count, rate);
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
