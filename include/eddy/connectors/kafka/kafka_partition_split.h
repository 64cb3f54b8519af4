#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <variant>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/offsets_initializer.h"

namespace eddy::connectors::kafka {

// A partition as a source split with its position (Flink's KafkaPartitionSplit): the next
// offset to read and, for a bounded read, the offset to stop before.
struct KafkaPartitionSplit {
  static constexpr int64_t kNoStoppingOffset = std::numeric_limits<int64_t>::min();

  TopicPartition partition;
  int64_t starting_offset = 0;
  int64_t stopping_offset = kNoStoppingOffset;

  bool finished() const { return stopping_offset != kNoStoppingOffset && starting_offset >= stopping_offset; }
};

// How many partitions each topic had when a reader last looked: written with every reader's
// splits so that after a restore a partition below these counts is known to be in some
// reader's state (or finished), and only higher ones are new.
using KnownPartitions = std::map<std::string, int32_t>;

// The entries of a KafkaSource reader's checkpoint state: one per unfinished split, plus one
// KnownPartitions per reader.
std::string splitToBytes(const KafkaPartitionSplit& split);
std::string knownPartitionsToBytes(const KnownPartitions& known);
// Either kind of entry; Corruption if the bytes are neither.
Result<std::variant<KafkaPartitionSplit, KnownPartitions>> sourceStateFromBytes(const std::string& bytes);

// The reader that owns a partition among `num_readers` (Flink's
// KafkaSourceEnumerator.getSplitOwner): consecutive partitions of a topic go to consecutive
// readers, starting at a reader chosen by the topic's Java hash code.
int splitOwner(const TopicPartition& partition, int num_readers);

}  // namespace eddy::connectors::kafka
