// The job the Kafka chaos test kills: a rate-limited DataGen source of (key, value) pairs,
// keyBy(key) → running sum of the values → "(key,sum)" → KafkaSink EXACTLY_ONCE (two
// subtasks, so two transactions per checkpoint), checkpointing every 200 ms into
// state.checkpoints.dir, retaining 3. Arguments: <bootstrap servers> <topic> <transactional
// id prefix> <checkpoints dir> <record count> <records per second>; the checkpoint to
// restore comes from `eddy run -s`.
#include <cstdio>
#include <cstdlib>

#include "e2e/common/kafka_running_sums_sink.h"
#include "e2e/common/running_sums_job.h"
#include "eddy/datastream.h"

using namespace eddy;

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
  auto sums = e2e::runningSums(*env, argv[4], count, rate);
  if (Status status = e2e::sinkRunningSumsToKafka(sums, argv[1], argv[2], argv[3]); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.toString().c_str());
    return 1;
  }

  auto result = env->execute("kafka-chaos");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
