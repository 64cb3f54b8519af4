#include "connectors/tests/kafka_test_broker.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "eddy/connectors/kafka/kafka_partition_split_reader.h"
#include "eddy/testing/source_dir.h"

namespace eddy::connectors::kafka::testing {

namespace {

namespace fs = std::filesystem;

std::string repoRoot() { return ::eddy::testing::kSourceDir; }

// Runs a command; its stdout, and its status.
std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {-1, ""};
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) out.append(buffer, n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct BrokerState {
  bool tried = false;
  std::string dir;
  std::string bootstrap;
  std::string error;
};

BrokerState& state() {
  static BrokerState broker;
  return broker;
}

void start() {
  BrokerState& broker = state();
  broker.tried = true;
  broker.dir = fs::temp_directory_path() / fmt::format("eddy-kafka-test-{}", ::getpid());
  auto [status, out] = run(fmt::format("{}/scripts/kafka.sh start {} 2>{}.err", repoRoot(), broker.dir, broker.dir));
  if (status != 0) {
    auto [_, err] = run(fmt::format("cat {}.err", broker.dir));
    broker.error = "the Kafka test broker did not start (scripts/kafka.sh): " + err;
  } else {
    broker.bootstrap = out.substr(0, out.find('\n'));
  }
  fs::remove(broker.dir + ".err");
}

// Runs `scripts/kafka.sh <command> <dir>` on the started broker; IOError with its messages
// when it fails.
Status runScript(const std::string& command) {
  if (state().dir.empty()) return Internal("the Kafka test broker was not started");
  auto [status, out] =
      run(fmt::format("{}/scripts/kafka.sh {} {} 2>&1 >/dev/null", repoRoot(), command, state().dir));
  if (status != 0) return IOError(fmt::format("scripts/kafka.sh {} failed: {}", command, out));
  return Status::OK();
}

// Stops the broker when the test binary ends.
class BrokerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { KafkaTestBroker::stop(); }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new BrokerEnvironment());

std::atomic<int> topic_counter{0};

}  // namespace

const std::string& KafkaTestBroker::bootstrapServers() {
  if (!state().tried) start();
  EXPECT_TRUE(state().error.empty()) << state().error;
  return state().bootstrap;
}

void KafkaTestBroker::stop() {
  if (state().dir.empty()) return;
  run(fmt::format("{}/scripts/kafka.sh stop {} 2>/dev/null", repoRoot(), state().dir));
  state().dir.clear();
}

Status KafkaTestBroker::crash() { return runScript("kill"); }

Status KafkaTestBroker::restart() { return runScript("restart"); }

std::string createTopic(const std::string& prefix, int partitions) {
  const std::string topic = fmt::format("{}-{}-{}", prefix, ::getpid(), topic_counter++);
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", KafkaTestBroker::bootstrapServers().c_str(), error, sizeof(error));
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  rd_kafka_NewTopic_t* new_topic = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, error, sizeof(error));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &new_topic, 1, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  const rd_kafka_CreateTopics_result_t* result = event ? rd_kafka_event_CreateTopics_result(event) : nullptr;
  size_t count = 0;
  const rd_kafka_topic_result_t** results = result ? rd_kafka_CreateTopics_result_topics(result, &count) : nullptr;
  EXPECT_TRUE(results && count == 1 && rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_NO_ERROR)
      << "cannot create topic " << topic;
  if (event) rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(new_topic);
  rd_kafka_destroy(rk);
  return topic;
}

Status produce(const std::string& topic, const std::vector<TestRecord>& records) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", KafkaTestBroker::bootstrapServers().c_str(), error, sizeof(error));
  // Retries (e.g. while a restarted broker loads its partitions) neither reorder nor repeat.
  rd_kafka_conf_set(conf, "enable.idempotence", "true", error, sizeof(error));
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  for (const TestRecord& record : records) {
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(record.partition), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_VALUE(const_cast<char*>(record.value.data()), record.value.size()),
        RD_KAFKA_V_KEY(record.key.empty() ? nullptr : const_cast<char*>(record.key.data()), record.key.size()),
        RD_KAFKA_V_TIMESTAMP(record.timestamp), RD_KAFKA_V_END);
    if (err) {
      rd_kafka_destroy(rk);
      return IOError(rd_kafka_err2str(err));
    }
    rd_kafka_poll(rk, 0);
  }
  rd_kafka_resp_err_t err = rd_kafka_flush(rk, 30000);
  rd_kafka_destroy(rk);
  return err ? IOError(rd_kafka_err2str(err)) : Status::OK();
}

std::vector<std::string> consumeValues(const std::string& topic, const std::string& isolation_level, size_t expected,
                                       int64_t wait_ms, bool with_partition) {
  KafkaSourceOptions options;
  options.topics = {topic};
  options.properties = {{"bootstrap.servers", KafkaTestBroker::bootstrapServers()},
                        {"isolation.level", isolation_level}};
  KafkaPartitionSplitReader reader(options, 0, 1);
  std::map<std::pair<int32_t, int64_t>, std::string> by_position;
  std::vector<KafkaConsumerRecord> records;
  SplitRuns runs;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (by_position.size() < expected && std::chrono::steady_clock::now() < deadline) {
    Status status = reader.fetch(records, 1024, runs);
    EXPECT_TRUE(status.ok()) << status.toString();
    if (!status.ok()) break;
    for (const KafkaConsumerRecord& record : records) {
      by_position[{record.partition, record.offset}] =
          with_partition ? fmt::format("{}:{}", record.partition, record.value) : std::string(record.value);
    }
    if (records.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  reader.close();
  std::vector<std::string> values;
  for (auto& [position, value] : by_position) values.push_back(std::move(value));
  return values;
}

}  // namespace eddy::connectors::kafka::testing
