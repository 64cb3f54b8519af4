#include "eddy/connectors/kafka/kafka_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "connectors/kafka/rdkafka_config.h"
#include "connectors/tests/kafka_test_broker.h"
#include "eddy/connectors/kafka/kafka_partition_split.h"
#include "eddy/connectors/kafka/simple_string_schema.h"

namespace eddy::connectors::kafka {
namespace {

using testing::KafkaTestBroker;
using testing::TestRecord;

KafkaSourceBuilder<std::string> stringSource(const std::string& topic) {
  KafkaSourceBuilder<std::string> builder = KafkaSource<std::string>::builder();
  builder.setBootstrapServers(KafkaTestBroker::bootstrapServers())
      .setTopics({topic})
      .setValueOnlyDeserializer(SimpleStringSchema());
  return builder;
}

// Polls until the end of input or until `limit` records (then stops early); also collects
// timestamps. Fails the test after 30 s.
std::vector<std::string> readFrom(SourceReader<std::string>& reader, size_t limit = SIZE_MAX,
                                  std::vector<int64_t>* timestamps = nullptr) {
  std::vector<std::string> values;
  runtime::RecordBatch<std::string> batch;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (values.size() < limit) {
    batch.clear();
    InputStatus status = reader.pollNext(batch);
    values.insert(values.end(), batch.values.begin(), batch.values.end());
    if (timestamps) timestamps->insert(timestamps->end(), batch.timestamps.begin(), batch.timestamps.end());
    if (status == InputStatus::kEndOfInput) break;
    if (status == InputStatus::kNothingAvailable) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "source did not end within 30 s";
      break;
    }
  }
  return values;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<TestRecord> numbered(const std::string& prefix, int count, int partitions) {
  std::vector<TestRecord> records;
  for (int i = 0; i < count; ++i) records.push_back({i % partitions, fmt::format("{}{:04}", prefix, i), 1000 + i, ""});
  return records;
}

std::vector<std::string> valuesOf(const std::vector<TestRecord>& records) {
  std::vector<std::string> values;
  for (const TestRecord& record : records) values.push_back(record.value);
  return values;
}

TEST(KafkaSourceTest, BoundedReadReturnsWhatAProducerWroteWithKafkaTimestamps) {
  const std::string topic = testing::createTopic("source-bounded", 2);
  std::vector<TestRecord> records = numbered("v", 10, 2);
  ASSERT_TRUE(testing::produce(topic, records).ok());
  auto source = stringSource(topic).setBounded(OffsetsInitializer::latest()).build();
  ASSERT_TRUE(source.ok()) << source.status().toString();
  EXPECT_EQ((*source)->getBoundedness(), Boundedness::kBounded);
  auto reader = (*source)->createReader(SourceReaderContext{0, 1});
  std::vector<int64_t> timestamps;
  std::vector<std::string> values = readFrom(*reader, SIZE_MAX, &timestamps);
  // Partition 0 holds the even records, partition 1 the odd ones; each in order.
  ASSERT_EQ(sorted(values), valuesOf(records));
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(timestamps[i], 1000 + std::stoi(values[i].substr(1)));
  // The records produced after the stopping offsets were fixed are not read.
  ASSERT_TRUE(testing::produce(topic, {{0, "late", 5000, ""}}).ok());
  runtime::RecordBatch<std::string> batch;
  EXPECT_EQ(reader->pollNext(batch), InputStatus::kEndOfInput);
  EXPECT_TRUE(batch.empty());
  reader->close();
}

TEST(KafkaSourceTest, PartitionsAreSplitAmongReadersByFlinksOwnerFormula) {
  const std::string topic = testing::createTopic("source-parallel", 3);
  std::vector<TestRecord> records = numbered("p", 30, 3);
  ASSERT_TRUE(testing::produce(topic, records).ok());
  auto source = *stringSource(topic).setBounded(OffsetsInitializer::latest()).build();
  std::vector<std::string> all;
  for (int subtask = 0; subtask < 2; ++subtask) {
    auto reader = source->createReader(SourceReaderContext{subtask, 2});
    std::vector<std::string> mine = readFrom(*reader);
    for (const std::string& value : mine) {
      const int partition = std::stoi(value.substr(1)) % 3;
      EXPECT_EQ(splitOwner(TopicPartition{topic, partition}, 2), subtask) << value;
    }
    all.insert(all.end(), mine.begin(), mine.end());
    reader->close();
  }
  EXPECT_EQ(sorted(all), valuesOf(records));
}

TEST(KafkaSourceTest, SplitOwnerMatchesFlink) {
  // Flink: ((topic.hashCode() * 31) & 0x7FFFFFFF) % numReaders, then + partition.
  // "topic".hashCode() = 110546223; * 31 wraps to -868034383; & 0x7FFFFFFF = 1279449265.
  EXPECT_EQ(splitOwner(TopicPartition{"topic", 0}, 4), 1279449265 % 4);
  EXPECT_EQ(splitOwner(TopicPartition{"topic", 3}, 4), (1279449265 % 4 + 3) % 4);
}

TEST(KafkaSourceTest, RestoreResumesAtTheCheckpointedOffsetsWithoutLossOrDuplicates) {
  const std::string topic = testing::createTopic("source-restore", 1);
  std::vector<TestRecord> records = numbered("r", 2500, 1);
  ASSERT_TRUE(testing::produce(topic, records).ok());
  auto source = *stringSource(topic).setBounded(OffsetsInitializer::latest()).build();
  auto first = source->createReader(SourceReaderContext{0, 1});
  // One batch, a checkpoint, then more records that the failure loses.
  std::vector<std::string> before = readFrom(*first, 1);
  auto checkpoint = first->snapshotState(1);
  ASSERT_TRUE(checkpoint.ok());
  std::vector<std::string> lost = readFrom(*first, 1);
  EXPECT_FALSE(lost.empty());
  first->close();

  auto restored = source->restoreReader(SourceReaderContext{0, 1}, *checkpoint);
  ASSERT_TRUE(restored.ok()) << restored.status().toString();
  std::vector<std::string> after = readFrom(**restored);
  std::vector<std::string> all = before;
  all.insert(all.end(), after.begin(), after.end());
  EXPECT_EQ(all, valuesOf(records));  // one partition: exactly in order
  (*restored)->close();
}

TEST(KafkaSourceTest, StartingOffsetsByTimestampAndSpecificOffsetsAndLatest) {
  const std::string topic = testing::createTopic("source-offsets", 1);
  ASSERT_TRUE(testing::produce(topic, numbered("t", 10, 1)).ok());
  auto by_time = *stringSource(topic)
                      .setStartingOffsets(OffsetsInitializer::timestamp(1007))
                      .setBounded(OffsetsInitializer::latest())
                      .build();
  auto reader = by_time->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readFrom(*reader), (std::vector<std::string>{"t0007", "t0008", "t0009"}));
  reader->close();

  auto specific = *stringSource(topic)
                       .setStartingOffsets(OffsetsInitializer::offsets({{TopicPartition{topic, 0}, 4}}))
                       .setBounded(OffsetsInitializer::offsets({{TopicPartition{topic, 0}, 6}}))
                       .build();
  reader = specific->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readFrom(*reader), (std::vector<std::string>{"t0004", "t0005"}));
  reader->close();

  auto latest = *stringSource(topic).setStartingOffsets(OffsetsInitializer::latest()).build();
  reader = latest->createReader(SourceReaderContext{0, 1});
  // The first poll takes the partition at its end: nothing to read.
  runtime::RecordBatch<std::string> batch;
  EXPECT_EQ(reader->pollNext(batch), InputStatus::kNothingAvailable);
  EXPECT_TRUE(batch.empty());
  ASSERT_TRUE(testing::produce(topic, {{0, "new", 2000, ""}}).ok());
  EXPECT_EQ(readFrom(*reader, 1), std::vector<std::string>{"new"});
  reader->close();
}

TEST(KafkaSourceTest, CommittedOffsetsAfterACompletedCheckpoint) {
  const std::string topic = testing::createTopic("source-commit", 1);
  ASSERT_TRUE(testing::produce(topic, numbered("c", 5, 1)).ok());
  const std::string group = topic + "-group";
  auto source = *stringSource(topic).setGroupId(group).build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readFrom(*reader, 5).size(), 5u);
  ASSERT_TRUE(reader->snapshotState(7).ok());
  reader->notifyCheckpointComplete(7);
  // The commit is asynchronous (Flink's commitAsync): give it time to land.
  runtime::RecordBatch<std::string> batch;
  for (int i = 0; i < 20; ++i) {
    reader->pollNext(batch);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  reader->close();

  // The group now starts where the checkpoint was.
  ASSERT_TRUE(testing::produce(topic, {{0, "c-after", 3000, ""}}).ok());
  auto from_group = *stringSource(topic)
                         .setGroupId(group)
                         .setStartingOffsets(OffsetsInitializer::committedOffsets())
                         .setBounded(OffsetsInitializer::latest())
                         .build();
  reader = from_group->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readFrom(*reader), std::vector<std::string>{"c-after"});
  reader->close();
}

TEST(KafkaSourceTest, UnreachableBrokerIsRetriedThenFailsClearlyWithinTheTimeout) {
  auto source = *KafkaSource<std::string>::builder()
                     .setBootstrapServers("127.0.0.1:1")
                     .setTopics({"nowhere"})
                     .setValueOnlyDeserializer(SimpleStringSchema())
                     .setProperty("default.api.timeout.ms", "2000")
                     .build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  const auto start = std::chrono::steady_clock::now();
  try {
    reader->pollNext(batch);
    ADD_FAILURE() << "expected a failure";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("Failed to list the partitions of the subscribed topics from Kafka at "
                                          "127.0.0.1:1 within 2000 ms (default.api.timeout.ms): ",
                                          0),
              0u)
        << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(KafkaSourceTest, MissingTopicAndBuilderMistakesAreReportedWithFlinksMessages) {
  auto no_topic = KafkaSource<std::string>::builder()
                      .setBootstrapServers("127.0.0.1:1")
                      .setValueOnlyDeserializer(SimpleStringSchema())
                      .build();
  EXPECT_EQ(no_topic.status().message(),
            "Exactly one of setTopics or setTopicPattern must be called: the source reads either a list of topics or "
            "the topics matching a pattern");
  auto no_schema = KafkaSource<std::string>::builder().setBootstrapServers("127.0.0.1:1").setTopics({"t"}).build();
  EXPECT_EQ(no_schema.status().message(), "Deserialization schema is required but not provided.");
  auto committed = KafkaSource<std::string>::builder()
                       .setBootstrapServers("127.0.0.1:1")
                       .setTopics({"t"})
                       .setValueOnlyDeserializer(SimpleStringSchema())
                       .setStartingOffsets(OffsetsInitializer::committedOffsets())
                       .build();
  EXPECT_EQ(committed.status().message(),
            "Property group.id is required when using committed offset for offsets initializer");

  auto missing = *stringSource("no-such-topic").setBounded(OffsetsInitializer::latest()).build();
  auto reader = missing->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  EXPECT_THROW(
      {
        try {
          reader->pollNext(batch);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "Failed to get metadata for topics [no-such-topic]: the topics do not exist");
          throw;
        }
      },
      std::runtime_error);
}

TEST(KafkaSourceTest, JavaOnlyPropertiesAreRejectedAndPasswordsNeverShown) {
  auto source = *stringSource("any")
                     .setProperty("ssl.truststore.location", "/etc/kafka/truststore.jks")
                     .build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  try {
    reader->pollNext(batch);
    ADD_FAILURE() << "expected a failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "Kafka property 'ssl.truststore.location' is a Java client setting librdkafka does not support; use "
                 "ssl.ca.location (a PEM file)");
  }
  auto secret_jaas = *stringSource("any")
                          .setProperty("sasl.jaas.config", "com.example.OtherLoginModule required password=\"s3cr3t\";")
                          .build();
  reader = secret_jaas->createReader(SourceReaderContext{0, 1});
  try {
    reader->pollNext(batch);
    ADD_FAILURE() << "expected a failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "Kafka property 'sasl.jaas.config' is supported for PlainLoginModule and ScramLoginModule only; set "
                 "sasl.username and sasl.password instead");
  }
  EXPECT_EQ(maskedProperties({{"bootstrap.servers", "h:1"}, {"sasl.password", "s3cr3t"}}),
            "bootstrap.servers=h:1, sasl.password=******");
}

}  // namespace
}  // namespace eddy::connectors::kafka
