#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace eddy::connectors::kafka {

// What a record's timestamp means (Kafka's TimestampType).
enum class KafkaTimestampType { NO_TIMESTAMP_TYPE, CREATE_TIME, LOG_APPEND_TIME };

// Kafka's TimestampType#toString: "NoTimestampType", "CreateTime", "LogAppendTime".
std::string_view timestampTypeName(KafkaTimestampType type);

// One header of a record (Kafka's Header): a key and a value that may be null.
struct KafkaHeader {
  std::string_view key;
  std::string_view value;
  bool value_is_null = false;
};

// One record read from Kafka (Kafka's ConsumerRecord), as views into the consumer's buffers:
// valid only during the deserialization call that receives it.
struct KafkaConsumerRecord {
  // Kafka's RecordBatch.NO_PARTITION_LEADER_EPOCH: the leader epoch is unknown.
  static constexpr int32_t kNoLeaderEpoch = -1;

  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  // The record's timestamp (create or log-append time), milliseconds since the epoch.
  int64_t timestamp = 0;
  KafkaTimestampType timestamp_type = KafkaTimestampType::CREATE_TIME;
  std::string_view key;
  std::string_view value;
  bool key_is_null = true;
  // A tombstone: a record without a value.
  bool value_is_null = false;
  // The headers in the order the producer added them.
  std::span<const KafkaHeader> headers;
  // The epoch of the partition's leader that appended the record (ConsumerRecord#leaderEpoch),
  // or kNoLeaderEpoch when the client does not report it (librdkafka before 2.1).
  int32_t leader_epoch = kNoLeaderEpoch;
};

}  // namespace eddy::connectors::kafka
