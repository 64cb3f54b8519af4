// A Kafka broker crash in the middle of an exactly-once job: the real `eddy run` on the
// restart job (Kafka → keyed running sums → KafkaSink EXACTLY_ONCE) reads half of its input,
// the broker is killed with SIGKILL while the job runs, stays down for a while and is
// restarted on the same port with the same data; then the rest of the input arrives. The job
// must ride out the outage (librdkafka's retries, or a failover through its restart
// strategy to its newest checkpoint) and finish, and the output read with
// isolation.level=read_committed must be exactly the oracle's: nothing lost or duplicated.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connectors/tests/kafka_test_broker.h"
#include "e2e/common/committed_running_sums.h"
#include "e2e/common/eddy_process.h"
#include "e2e/kafka_restart/restart_input.h"

namespace {

namespace fs = std::filesystem;
using eddy::connectors::kafka::testing::KafkaTestBroker;
using eddy::connectors::kafka::testing::TestRecord;
using namespace eddy::e2e;
using Clock = std::chrono::steady_clock;

constexpr int64_t kRecords = 100'000;
// How long the broker stays down before it restarts (the restart itself takes seconds more).
constexpr auto kDowntime = std::chrono::seconds(1);

// Produces the input records first … end-1 (restart_input.h).
void produceInput(const std::string& topic, int64_t first, int64_t end) {
  std::vector<TestRecord> records;
  for (int64_t i = first; i < end; ++i) records.push_back(TestRecord{restartInputPartition(i), std::to_string(i), 0, ""});
  eddy::Status status = eddy::connectors::kafka::testing::produce(topic, records);
  ASSERT_TRUE(status.ok()) << status.toString();
}

// Milliseconds since `since`.
long long millisSince(Clock::time_point since) {
  return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count());
}

// How often `text` occurs in `haystack`.
int occurrences(const std::string& haystack, const std::string& text) {
  int n = 0;
  for (size_t at = haystack.find(text); at != std::string::npos; at = haystack.find(text, at + text.size())) ++n;
  return n;
}

TEST(KafkaRestartTest, ExactlyOnceJobOutlivesABrokerCrashAndRestart) {
  const Clock::time_point test_start = Clock::now();
  const std::string& bootstrap = KafkaTestBroker::bootstrapServers();
  ASSERT_FALSE(bootstrap.empty());
  const std::string input = eddy::connectors::kafka::testing::createTopic("restart-in", kRestartInputPartitions);
  const std::string output = eddy::connectors::kafka::testing::createTopic("restart-out", 2);
  ASSERT_NO_FATAL_FAILURE(produceInput(input, 0, kRecords / 2));

  const fs::path root = fs::temp_directory_path() / ("eddy_kafka_restart_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  const fs::path log = root / "eddy.log";
  const std::vector<std::string> job_args = {bootstrap, input, std::to_string(kRecords), output, output + "-tx",
                                             (root / "checkpoints").string()};
  const pid_t pid = startProcess(eddyRunCommand(std::nullopt, KAFKA_RESTART_JOB, job_args), log);
  ASSERT_GT(pid, 0);

  // The broker dies once the job has committed a first transaction: it is running, with
  // consumers, producers and a transaction open.
  const size_t committed_before =
      eddy::connectors::kafka::testing::consumeValues(output, "read_committed", 1, 30000).size();
  ASSERT_GE(committed_before, 1u) << "the job committed nothing:\n" << readFile(log);
  const Clock::time_point crash = Clock::now();
  eddy::Status crashed = KafkaTestBroker::crash();
  ASSERT_TRUE(crashed.ok()) << crashed.toString();
  std::this_thread::sleep_for(kDowntime);
  eddy::Status restarted = KafkaTestBroker::restart();
  ASSERT_TRUE(restarted.ok()) << restarted.toString();
  const long long outage_ms = millisSince(crash);
  ASSERT_NO_FATAL_FAILURE(produceInput(input, kRecords / 2, kRecords));

  const std::optional<int> status = waitOrKill(pid, std::chrono::seconds(60));
  ASSERT_TRUE(status) << "the job did not finish within 60 s of the broker's restart:\n" << readFile(log);
  ASSERT_TRUE(exitedWithZero(*status)) << "the job failed:\n" << readFile(log);

  // Everything is committed once the job finished.
  const LineDiscrepancies result = compareCommittedRunningSums(output, kRecords);
  const std::string job_log = readFile(log);
  std::printf("kafka restart: records=%lld outage_ms=%lld failovers=%d missing=%lld duplicated=%lld "
              "unexpected=%lld wall_ms=%lld\n",
              static_cast<long long>(kRecords), outage_ms, occurrences(job_log, "restarting in"),
              static_cast<long long>(result.missing), static_cast<long long>(result.duplicated),
              static_cast<long long>(result.unexpected), millisSince(test_start));
  EXPECT_EQ(result.missing, 0);
  EXPECT_EQ(result.duplicated, 0);
  EXPECT_EQ(result.unexpected, 0);
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
