#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace eddy::connectors::kafka {

// A partition of a topic (Kafka's TopicPartition).
struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  auto operator<=>(const TopicPartition&) const = default;
};

// Where a partition without a usable committed or given offset starts (Kafka's
// OffsetResetStrategy; NONE fails instead).
enum class OffsetResetStrategy { EARLIEST, LATEST, NONE };

// Where a KafkaSource starts or stops reading each partition (Flink's OffsetsInitializer).
// A value: which rule, and its parameter. The reader turns it into concrete offsets when it
// takes a partition, so that a checkpoint always holds exact positions.
class OffsetsInitializer {
 public:
  enum class Kind { kEarliest, kLatest, kCommitted, kTimestamp, kSpecific };

  // The first offset still in the log.
  static OffsetsInitializer earliest() { return OffsetsInitializer(Kind::kEarliest); }
  // The end of the log when the partition is taken.
  static OffsetsInitializer latest() { return OffsetsInitializer(Kind::kLatest); }
  // The consumer group's committed offset; `reset` where there is none (Flink's default NONE
  // fails for such a partition).
  static OffsetsInitializer committedOffsets(OffsetResetStrategy reset = OffsetResetStrategy::NONE) {
    OffsetsInitializer init(Kind::kCommitted);
    init.reset_ = reset;
    return init;
  }
  // The first record whose timestamp is >= `timestamp_ms`, or the end of the log.
  static OffsetsInitializer timestamp(int64_t timestamp_ms) {
    OffsetsInitializer init(Kind::kTimestamp);
    init.timestamp_ms_ = timestamp_ms;
    return init;
  }
  // Given offsets; partitions missing from the map follow `reset` (Flink's default EARLIEST).
  static OffsetsInitializer offsets(std::map<TopicPartition, int64_t> offsets,
                                    OffsetResetStrategy reset = OffsetResetStrategy::EARLIEST) {
    OffsetsInitializer init(Kind::kSpecific);
    init.offsets_ = std::move(offsets);
    init.reset_ = reset;
    return init;
  }

  Kind kind() const { return kind_; }
  OffsetResetStrategy resetStrategy() const { return reset_; }
  int64_t timestampMs() const { return timestamp_ms_; }
  const std::map<TopicPartition, int64_t>& specificOffsets() const { return offsets_; }

 private:
  explicit OffsetsInitializer(Kind kind) : kind_(kind) {}

  Kind kind_;
  OffsetResetStrategy reset_ = OffsetResetStrategy::EARLIEST;
  int64_t timestamp_ms_ = 0;
  std::map<TopicPartition, int64_t> offsets_;
};

}  // namespace eddy::connectors::kafka
