#include "eddy/connectors/kafka/kafka_sink.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "connectors/kafka/transaction_coordinator_client.h"
#include "connectors/tests/kafka_test_broker.h"
#include "eddy/connectors/kafka/simple_string_schema.h"

namespace eddy::connectors::kafka {
namespace {

using testing::KafkaTestBroker;
using Writer = PrecommittingSinkWriter<std::string, KafkaCommittable, KafkaWriterState>;

std::shared_ptr<KafkaSink<std::string>> stringSink(const std::string& topic, DeliveryGuarantee guarantee,
                                                   const std::string& prefix = "") {
  auto schema = KafkaRecordSerializationSchema<std::string>::builder()
                    .setTopic(topic)
                    .setValueSerializationSchema(SimpleStringSchema())
                    .build();
  EXPECT_TRUE(schema.ok()) << schema.status().toString();
  auto sink = KafkaSink<std::string>::builder()
                  .setBootstrapServers(KafkaTestBroker::bootstrapServers())
                  .setRecordSerializer(*schema)
                  .setDeliveryGuarantee(guarantee)
                  .setTransactionalIdPrefix(prefix)
                  .setProperty("max.block.ms", "30000")
                  .build();
  EXPECT_TRUE(sink.ok()) << sink.status().toString();
  return *sink;
}

runtime::RecordBatch<std::string> batchOf(const std::vector<std::string>& values) {
  runtime::RecordBatch<std::string> batch;
  for (size_t i = 0; i < values.size(); ++i) batch.add(values[i], 1000 + static_cast<int64_t>(i));
  return batch;
}

std::unique_ptr<Writer> newWriter(KafkaSink<std::string>& sink, const std::vector<KafkaWriterState>& restored = {},
                                  bool restore = false) {
  PrecommittingSinkWriterContext context{0, 1, nullptr};
  auto writer = restore ? sink.restoreWriter(context, restored) : sink.createWriter(context);
  EXPECT_TRUE(writer.ok()) << writer.status().toString();
  return std::move(writer).value();
}

void commit(KafkaSink<std::string>& sink, const std::vector<KafkaCommittable>& committables) {
  auto committer = *sink.createCommitter();
  std::vector<CommitRequest<KafkaCommittable>> requests;
  for (const KafkaCommittable& c : committables) requests.emplace_back(c, 0);
  ASSERT_TRUE(committer->commit(requests).ok());
  for (auto& request : requests) EXPECT_EQ(request.state(), CommitRequest<KafkaCommittable>::State::kCommitted);
}

TEST(KafkaSinkTest, NoneAndAtLeastOnceWriteEverything) {
  for (DeliveryGuarantee guarantee : {DeliveryGuarantee::NONE, DeliveryGuarantee::AT_LEAST_ONCE}) {
    const std::string topic = testing::createTopic("sink-plain", 1);
    auto sink = stringSink(topic, guarantee);
    auto writer = newWriter(*sink);
    writer->writeBatch(batchOf({"a", "b", "c"}));
    auto committables = writer->prepareCommit();  // AT_LEAST_ONCE flushes here
    ASSERT_TRUE(committables.ok());
    EXPECT_TRUE(committables->empty());
    writer->write("d", 2000);
    writer->flush(true);
    writer->close();
    EXPECT_EQ(testing::consumeValues(topic, "read_uncommitted", 4, 20000),
              (std::vector<std::string>{"a", "b", "c", "d"}));
  }
}

TEST(KafkaSinkTest, ExactlyOnceIsVisibleOnlyAfterTheCheckpointCompletes) {
  const std::string topic = testing::createTopic("sink-eo", 1);
  const std::string prefix = topic + "-tx";
  auto sink = stringSink(topic, DeliveryGuarantee::EXACTLY_ONCE, prefix);
  auto writer = newWriter(*sink);
  writer->writeBatch(batchOf({"a", "b"}));
  auto committables = writer->prepareCommit();
  ASSERT_TRUE(committables.ok()) << committables.status().toString();
  ASSERT_EQ(committables->size(), 1u);
  EXPECT_EQ((*committables)[0].transactional_id, prefix + "-0-1");
  auto state = writer->snapshotState(1);
  ASSERT_TRUE(state.ok()) << state.status().toString();
  EXPECT_TRUE(testing::consumeValues(topic, "read_committed", 1, 2000).empty());
  commit(*sink, *committables);
  EXPECT_EQ(testing::consumeValues(topic, "read_committed", 2, 20000), (std::vector<std::string>{"a", "b"}));
  writer->close();
}

TEST(KafkaSinkTest, ExactlyOnceNeverShowsTheRecordsOfAnAbortedAttempt) {
  const std::string topic = testing::createTopic("sink-eo-restore", 1);
  const std::string prefix = topic + "-tx";
  auto sink = stringSink(topic, DeliveryGuarantee::EXACTLY_ONCE, prefix);
  auto writer = newWriter(*sink);
  writer->writeBatch(batchOf({"a"}));
  auto first = *writer->prepareCommit();
  auto state = *writer->snapshotState(1);
  commit(*sink, first);
  // The attempt goes on past checkpoint 1 and dies: "lost" is written in transaction 2, and
  // checkpoint 2 is pre-committed but never completes.
  writer->writeBatch(batchOf({"lost"}));
  auto never_committed = *writer->prepareCommit();
  ASSERT_EQ(never_committed[0].transactional_id, prefix + "-0-2");
  ASSERT_TRUE(writer->snapshotState(2).ok());
  writer->writeBatch(batchOf({"lost too"}));  // in transaction 3, left open

  // The next attempt restores checkpoint 1: transactions 2.. are aborted.
  auto restored = newWriter(*sink, state, true);
  restored->writeBatch(batchOf({"b"}));
  auto second = *restored->prepareCommit();
  ASSERT_EQ(second[0].transactional_id, prefix + "-0-2");
  ASSERT_TRUE(restored->snapshotState(2).ok());
  commit(*sink, second);
  EXPECT_EQ(testing::consumeValues(topic, "read_committed", 3, 5000), (std::vector<std::string>{"a", "b"}));
  restored->close();
  writer.reset();  // the dead attempt's producers were fenced
}

TEST(KafkaSinkTest, ExactlyOnceCommitsAPreCommittedTransactionOfADeadProcess) {
  const std::string topic = testing::createTopic("sink-eo-recover", 1);
  const std::string prefix = topic + "-tx";
  auto sink = stringSink(topic, DeliveryGuarantee::EXACTLY_ONCE, prefix);
  // A child process writes "a", "b" in transaction 1, pre-commits it at a checkpoint that
  // completes, starts transaction 2 with "lost", and dies before committing anything.
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t child = fork();
  if (child == 0) {
    auto writer = newWriter(*sink);
    writer->writeBatch(batchOf({"a", "b"}));
    auto committables = writer->prepareCommit();
    auto state = writer->snapshotState(7);
    writer->writeBatch(batchOf({"lost"}));
    writer->flush(false);
    const bool ok = committables.ok() && committables->size() == 1 && state.ok() && (*state)[0].transaction_index == 1;
    const char answer = ok ? '1' : '0';
    (void)!write(pipe_fds[1], &answer, 1);
    _exit(0);
  }
  close(pipe_fds[1]);
  char answer = 0;
  ASSERT_EQ(read(pipe_fds[0], &answer, 1), 1);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(answer, '1');

  auto client = *TransactionCoordinatorClient::create({{"bootstrap.servers", KafkaTestBroker::bootstrapServers()}}, 30000);
  auto first = client->describeTransaction(prefix + "-0-1");
  ASSERT_TRUE(first.ok()) << first.status().toString();
  EXPECT_TRUE(first->found);
  EXPECT_EQ(first->state, "Ongoing");
  EXPECT_FALSE(client->describeTransaction(prefix + "-0-3")->found);
  // The open transactions hold back read_committed consumers.
  EXPECT_TRUE(testing::consumeValues(topic, "read_committed", 1, 2000).empty());

  // The restarted job restores the checkpoint: its writer aborts transaction 2, its committer
  // commits transaction 1 through the coordinator, and does so again harmlessly.
  auto restored = newWriter(*sink, {KafkaWriterState{prefix, 0, 1}}, true);
  EXPECT_EQ(client->describeTransaction(prefix + "-0-2")->state, "Empty");  // the restored writer begun it again
  commit(*sink, {KafkaCommittable{prefix + "-0-1"}});
  const std::string committed = client->describeTransaction(prefix + "-0-1")->state;
  EXPECT_TRUE(committed == "PrepareCommit" || committed == "CompleteCommit") << committed;
  commit(*sink, {KafkaCommittable{prefix + "-0-1"}});
  restored->writeBatch(batchOf({"c"}));
  auto second = *restored->prepareCommit();
  ASSERT_EQ(second[0].transactional_id, prefix + "-0-2");
  commit(*sink, second);
  EXPECT_EQ(testing::consumeValues(topic, "read_committed", 4, 5000), (std::vector<std::string>{"a", "b", "c"}));
  restored->close();
}

TEST(KafkaSinkTest, BuilderChecksWithFlinksMessages) {
  auto no_prefix = KafkaSink<std::string>::builder()
                       .setBootstrapServers("127.0.0.1:1")
                       .setRecordSerializer(*KafkaRecordSerializationSchema<std::string>::builder()
                                                 .setTopic("t")
                                                 .setValueSerializationSchema(SimpleStringSchema())
                                                 .build())
                       .setDeliveryGuarantee(DeliveryGuarantee::EXACTLY_ONCE)
                       .build();
  EXPECT_EQ(no_prefix.status().message(),
            "EXACTLY_ONCE delivery guarantee requires a transactionalIdPrefix to be set to provide unique transaction "
            "names across multiple KafkaSinks writing to the same Kafka cluster.");
  auto no_value = KafkaRecordSerializationSchema<std::string>::builder().setTopic("t").build();
  EXPECT_EQ(no_value.status().message(), "No value serializer is configured: call setValueSerializationSchema");
  EXPECT_EQ(buildTransactionalId("p", 3, 17), "p-3-17");
}

TEST(KafkaSinkTest, FixedPartitionerSendsASubtaskToOnePartition) {
  const std::string topic = testing::createTopic("sink-fixed", 3);
  auto schema = *KafkaRecordSerializationSchema<std::string>::builder()
                     .setTopic(topic)
                     .setKeySerializationSchema(SimpleStringSchema())
                     .setValueSerializationSchema(SimpleStringSchema())
                     .setPartitioner(FlinkFixedPartitioner<std::string>())
                     .build();
  auto sink = *KafkaSink<std::string>::builder()
                   .setBootstrapServers(KafkaTestBroker::bootstrapServers())
                   .setRecordSerializer(schema)
                   .build();
  auto writer = *sink->createWriter(PrecommittingSinkWriterContext{4, 5, nullptr});
  writer->writeBatch(batchOf({"x", "y"}));
  writer->flush(true);
  writer->close();
  // Subtask 4 of 5 writes to partition 4 % 3 = 1 only.
  EXPECT_EQ(testing::consumeValues(topic, "read_uncommitted", 2, 20000, true), (std::vector<std::string>{"1:x", "1:y"}));
}

}  // namespace
}  // namespace eddy::connectors::kafka
