#include "connectors/kafka/rdkafka_offsets.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <regex>
#include <thread>

#include <fmt/format.h>

namespace eddy::connectors::kafka {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Errors that waiting will not cure.
bool isPermanent(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED || err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED ||
         err == RD_KAFKA_RESP_ERR__INVALID_ARG || err == RD_KAFKA_RESP_ERR__FATAL ||
         err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED;
}

std::string partitionName(const TopicPartition& partition) {
  return fmt::format("{}-{}", partition.topic, partition.partition);
}

}  // namespace

RdPartitionList toPartitionList(const std::vector<std::pair<TopicPartition, int64_t>>& positions) {
  RdPartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(std::max<size_t>(positions.size(), 1))));
  for (const auto& [partition, offset] : positions) {
    rd_kafka_topic_partition_list_add(list.get(), partition.topic.c_str(), partition.partition)->offset = offset;
  }
  return list;
}

OffsetLookup::OffsetLookup(rd_kafka_t* client, int64_t timeout_ms, const std::map<std::string, std::string>& properties)
    : client_(client), deadline_ms_(nowMs() + timeout_ms), timeout_ms_(timeout_ms) {
  auto it = properties.find("bootstrap.servers");
  bootstrap_servers_ = it == properties.end() ? "" : it->second;
}

Status OffsetLookup::retry(const std::string& what, const std::function<rd_kafka_resp_err_t(int timeout_ms)>& attempt) {
  int64_t backoff_ms = 100;
  while (true) {
    const int64_t left = deadline_ms_ - nowMs();
    rd_kafka_resp_err_t err = attempt(static_cast<int>(std::clamp<int64_t>(left, 1, 10000)));
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::OK();
    if (isPermanent(err)) return IOError(fmt::format("Failed to {}: {}", what, rd_kafka_err2str(err)));
    if (nowMs() + backoff_ms >= deadline_ms_) {
      return TimedOut(fmt::format("Failed to {} from Kafka at {} within {} ms (default.api.timeout.ms): {}", what,
                                  bootstrap_servers_, timeout_ms_, rd_kafka_err2str(err)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
    backoff_ms = std::min<int64_t>(backoff_ms * 2, 1000);
  }
}

Result<KnownPartitions> OffsetLookup::listPartitions(const std::vector<std::string>& topics,
                                                     const std::string& pattern) {
  const rd_kafka_metadata_t* metadata = nullptr;
  EDDY_RETURN_IF_ERROR(retry("list the partitions of the subscribed topics", [&](int timeout_ms) {
    return rd_kafka_metadata(client_, 1, nullptr, &metadata, timeout_ms);
  }));
  KnownPartitions counts;
  std::optional<std::regex> regex;
  if (!pattern.empty()) regex.emplace(pattern);
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const rd_kafka_metadata_topic_t& topic = metadata->topics[i];
    const std::string name = topic.topic;
    const bool subscribed = regex ? std::regex_match(name, *regex)
                                  : std::find(topics.begin(), topics.end(), name) != topics.end();
    if (subscribed && topic.err == RD_KAFKA_RESP_ERR_NO_ERROR) counts[name] = topic.partition_cnt;
  }
  rd_kafka_metadata_destroy(metadata);
  std::vector<std::string> missing;
  for (const std::string& topic : topics) {
    if (!counts.contains(topic)) missing.push_back(topic);
  }
  if (!missing.empty()) {
    return NotFound(fmt::format("Failed to get metadata for topics [{}]: the topics do not exist",
                                fmt::join(missing, ", ")));
  }
  return counts;
}

Result<std::pair<int64_t, int64_t>> OffsetLookup::watermarks(const TopicPartition& partition) {
  int64_t low = 0;
  int64_t high = 0;
  EDDY_RETURN_IF_ERROR(retry(fmt::format("list the offsets of {}", partitionName(partition)), [&](int timeout_ms) {
    return rd_kafka_query_watermark_offsets(client_, partition.topic.c_str(), partition.partition, &low, &high,
                                            timeout_ms);
  }));
  return std::make_pair(low, high);
}

Result<int64_t> OffsetLookup::reset(const TopicPartition& partition, OffsetResetStrategy strategy) {
  if (strategy == OffsetResetStrategy::NONE) {
    return InvalidArgument(
        fmt::format("Undefined offset with no reset policy for partitions: [{}]", partitionName(partition)));
  }
  EDDY_ASSIGN_OR_RETURN(auto marks, watermarks(partition));
  return strategy == OffsetResetStrategy::EARLIEST ? marks.first : marks.second;
}

Result<std::vector<int64_t>> OffsetLookup::resolve(const std::vector<TopicPartition>& partitions,
                                                   const OffsetsInitializer& initializer, const std::string& group_id) {
  std::vector<int64_t> offsets;
  switch (initializer.kind()) {
    case OffsetsInitializer::Kind::kEarliest:
    case OffsetsInitializer::Kind::kLatest:
      for (const TopicPartition& partition : partitions) {
        EDDY_ASSIGN_OR_RETURN(auto marks, watermarks(partition));
        offsets.push_back(initializer.kind() == OffsetsInitializer::Kind::kEarliest ? marks.first : marks.second);
      }
      return offsets;
    case OffsetsInitializer::Kind::kSpecific:
      for (const TopicPartition& partition : partitions) {
        auto it = initializer.specificOffsets().find(partition);
        if (it != initializer.specificOffsets().end()) {
          offsets.push_back(it->second);
        } else {
          EDDY_ASSIGN_OR_RETURN(int64_t offset, reset(partition, initializer.resetStrategy()));
          offsets.push_back(offset);
        }
      }
      return offsets;
    case OffsetsInitializer::Kind::kTimestamp:
    case OffsetsInitializer::Kind::kCommitted: {
      const bool by_time = initializer.kind() == OffsetsInitializer::Kind::kTimestamp;
      if (!by_time && group_id.empty()) {
        return InvalidArgument("Property group.id is required when using committed offset for offsets initializer");
      }
      std::vector<std::pair<TopicPartition, int64_t>> query;
      for (const TopicPartition& partition : partitions) query.emplace_back(partition, initializer.timestampMs());
      RdPartitionList list = toPartitionList(query);
      EDDY_RETURN_IF_ERROR(retry(by_time ? "look up offsets by timestamp" : "fetch committed offsets", [&](int timeout_ms) {
        return by_time ? rd_kafka_offsets_for_times(client_, list.get(), timeout_ms)
                       : rd_kafka_committed(client_, list.get(), timeout_ms);
      }));
      for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t& found = list->elems[i];
        if (found.err) {
          return IOError(fmt::format("Failed to look up the offset of {}: {}", partitionName(partitions[i]),
                                     rd_kafka_err2str(found.err)));
        }
        if (found.offset >= 0) {
          offsets.push_back(found.offset);
        } else {
          // No record at or after the timestamp: the end; no committed offset: the reset strategy.
          EDDY_ASSIGN_OR_RETURN(int64_t offset, reset(partitions[i], by_time ? OffsetResetStrategy::LATEST
                                                                              : initializer.resetStrategy()));
          offsets.push_back(offset);
        }
      }
      return offsets;
    }
  }
  return Internal("unknown OffsetsInitializer kind");
}

}  // namespace eddy::connectors::kafka
