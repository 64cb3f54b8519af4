#pragma once

#include <cstdint>
#include <map>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_partition_split.h"
#include "eddy/connectors/kafka/offsets_initializer.h"

namespace eddy::connectors::kafka {

// Owns an rd_kafka_topic_partition_list_t.
struct RdPartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using RdPartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, RdPartitionListDeleter>;

RdPartitionList toPartitionList(const std::vector<std::pair<TopicPartition, int64_t>>& positions);

// Metadata and offset look-ups of one client, each retried with backoff until the client's
// 'default.api.timeout.ms' is spent; then an error naming the bootstrap servers and the
// last cause (Flink's enumerator fails the same way when its admin client times out).
class OffsetLookup {
 public:
  OffsetLookup(rd_kafka_t* client, int64_t timeout_ms, const std::map<std::string, std::string>& properties);

  // The partition count of every subscribed topic: the listed ones (each must exist) or
  // those whose whole name matches `pattern`.
  Result<KnownPartitions> listPartitions(const std::vector<std::string>& topics, const std::string& pattern);
  // Concrete offsets of `partitions` by `initializer`, in the same order.
  Result<std::vector<int64_t>> resolve(const std::vector<TopicPartition>& partitions,
                                       const OffsetsInitializer& initializer, const std::string& group_id);

 private:
  // Runs `attempt` until it succeeds, fails for good, or time is up.
  Status retry(const std::string& what, const std::function<rd_kafka_resp_err_t(int timeout_ms)>& attempt);
  Result<std::pair<int64_t, int64_t>> watermarks(const TopicPartition& partition);
  Result<int64_t> reset(const TopicPartition& partition, OffsetResetStrategy strategy);

  rd_kafka_t* client_;
  int64_t deadline_ms_;
  int64_t timeout_ms_;
  std::string bootstrap_servers_;
};

}  // namespace eddy::connectors::kafka
