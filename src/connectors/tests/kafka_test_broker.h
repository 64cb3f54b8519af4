#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/common/status.h"

namespace eddy::connectors::kafka::testing {

// The real single-node Kafka broker the Kafka tests share, started by scripts/kafka.sh on
// first use (about 5 s) and stopped when the test binary ends. If it cannot start (e.g. the
// jars are missing) every test that asks for it fails with the script's message, which says
// to run scripts/setup.sh. Not thread-safe: the test thread only.
class KafkaTestBroker {
 public:
  // The bootstrap address; fails the calling test if the broker did not start.
  static const std::string& bootstrapServers();
  // Stops the broker if it was started.
  static void stop();
  // Kills the running broker with SIGKILL, as a crash, keeping its data and its port.
  static Status crash();
  // Starts the crashed broker again on the same port with the same data and waits until it
  // answers (scripts/kafka.sh restart); IOError with the script's message when it does not.
  static Status restart();
};

// A fresh topic with `partitions` partitions and a name unique in this run.
std::string createTopic(const std::string& prefix, int partitions);

// One record to produce.
struct TestRecord {
  int32_t partition = 0;
  std::string value;
  int64_t timestamp = 0;
  std::string key;
};

// Produces `records` (non-transactionally, idempotently: in order and once each) and waits
// until all are acknowledged.
Status produce(const std::string& topic, const std::vector<TestRecord>& records);

// The values of `topic` as a consumer with `isolation_level` sees them, polling until
// `expected` values arrived or `wait_ms` passed, in partition then offset order; each as
// "<partition>:<value>" with `with_partition`.
std::vector<std::string> consumeValues(const std::string& topic, const std::string& isolation_level, size_t expected,
                                       int64_t wait_ms, bool with_partition = false);

}  // namespace eddy::connectors::kafka::testing
