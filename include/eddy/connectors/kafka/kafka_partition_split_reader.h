#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_record.h"
#include "eddy/connectors/kafka/kafka_source_options.h"
#include "eddy/functions/source.h"

namespace eddy::connectors::kafka {

// Reads the partitions one KafkaSource reader owns with a librdkafka consumer (Flink's
// KafkaPartitionSplitReader plus the part of its KafkaSourceEnumerator that finds
// partitions): partitions are found by listing the topics at the first fetch and every
// 'partition.discovery.interval.ms' (unbounded only), and taken when splitOwner says so.
// Positions are exact offsets, checkpointed as splits; offsets are committed to the group on
// notifyCheckpointComplete (for monitoring only). Not thread-safe: one task thread.
//
//   fetch* → snapshotState(id) → fetch* → notifyCheckpointComplete(id) … → close
class KafkaPartitionSplitReader {
 public:
  // Starts fresh, or (restored) from the entries of a checkpoint dealt to this reader.
  KafkaPartitionSplitReader(KafkaSourceOptions options, int subtask_index, int parallelism);
  KafkaPartitionSplitReader(KafkaSourceOptions options, int subtask_index, int parallelism,
                            std::vector<std::string> restored_state);
  ~KafkaPartitionSplitReader();
  KafkaPartitionSplitReader(const KafkaPartitionSplitReader&) = delete;
  KafkaPartitionSplitReader& operator=(const KafkaPartitionSplitReader&) = delete;

  // Replaces `records` with up to `max_records` records; the views stay valid until the next
  // fetch or close. `splits` is replaced with the partitions taken up and finished, and the
  // partition of each record (runs over `records`). Fails if the brokers cannot be reached
  // within 'default.api.timeout.ms' or Kafka reports an error.
  Status fetch(std::vector<KafkaConsumerRecord>& records, size_t max_records, SplitRuns& splits);
  // Bounded and every split reached its stopping offset.
  bool endOfInput() const;

  Result<std::vector<std::string>> snapshotState(int64_t checkpoint_id);
  void notifyCheckpointComplete(int64_t checkpoint_id);
  void close();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eddy::connectors::kafka
