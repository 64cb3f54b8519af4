#pragma once

#include <cstdint>
#include <string_view>

namespace eddy::connectors::kafka {

// One record read from Kafka (Kafka's ConsumerRecord), as views into the consumer's buffers:
// valid only during the deserialization call that receives it.
struct KafkaConsumerRecord {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  // The record's timestamp (create or log-append time), milliseconds since the epoch.
  int64_t timestamp = 0;
  std::string_view key;
  std::string_view value;
  bool key_is_null = true;
  // A tombstone: a record without a value.
  bool value_is_null = false;
};

}  // namespace eddy::connectors::kafka
