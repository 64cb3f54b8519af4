// The job the broker restart test runs while it crashes and restarts the Kafka broker: a
// KafkaSource reading the restart input (restart_input.h) up to its end offsets → keyBy(key)
// → running sum of the values → "(key,sum)" → KafkaSink EXACTLY_ONCE, checkpointing every
// 200 ms into state.checkpoints.dir. A failure restarts the job in the process from its
// newest checkpoint (fixed-delay: 10 attempts, 1 s apart), as a Flink cluster would.
// Arguments: <bootstrap servers> <input topic> <records> <output topic> <transactional id
// prefix> <checkpoints dir>.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "e2e/common/kafka_running_sums_sink.h"
#include "e2e/kafka_restart/restart_input.h"
#include "eddy/connectors/kafka/kafka_source.h"
#include "eddy/datastream.h"

using namespace eddy;
using namespace eddy::connectors::kafka;

extern "C" int eddyMain(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr,
                 "usage: kafka_restart_job <bootstrap servers> <input topic> <records> <output topic> "
                 "<transactional id prefix> <checkpoints dir>\n");
    return 2;
  }
  const std::string bootstrap = argv[1], input = argv[2];
  const int64_t records = std::atoll(argv[3]);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->enableCheckpointing(200);
  env->getCheckpointConfig().setCheckpointStorage(argv[6]);
  env->setRestartStrategy(runtime::RestartStrategy::fixedDelayRestart(10, 1000));

  std::map<TopicPartition, int64_t> end_offsets;
  for (int32_t p = 0; p < e2e::kRestartInputPartitions; ++p) {
    end_offsets[{input, p}] = e2e::restartInputEndOffset(p, records);
  }
  using KeyValue = std::pair<int64_t, int64_t>;
  auto source = KafkaSource<KeyValue>::builder()
                    .setBootstrapServers(bootstrap)
                    .setTopics({input})
                    .setGroupId(input + "-group")
                    .setStartingOffsets(OffsetsInitializer::earliest())
                    .setBounded(OffsetsInitializer::offsets(end_offsets))
                    .setValueOnlyDeserializer(e2e::RestartInputSchema())
                    .build();
  if (!source.ok()) {
    std::fprintf(stderr, "%s\n", source.status().toString().c_str());
    return 1;
  }
  auto pairs = env->fromSource<KeyValue>(*source, WatermarkStrategy<KeyValue>::noWatermarks(), "Kafka Source");
  pairs.uid("kafka-source");
  auto sums = pairs.keyBy([](const KeyValue& kv) { return kv.first; }).sum<1>();
  sums.uid("running-sums");
  if (Status status = e2e::sinkRunningSumsToKafka(sums, bootstrap, argv[4], argv[5]); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.toString().c_str());
    return 1;
  }

  auto result = env->execute("kafka-restart");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
