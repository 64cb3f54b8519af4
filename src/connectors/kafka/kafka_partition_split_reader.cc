#include "eddy/connectors/kafka/kafka_partition_split_reader.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <regex>
#include <set>
#include <thread>
#include <variant>

#include <fmt/format.h>

#include "connectors/kafka/rdkafka_config.h"
#include "connectors/kafka/rdkafka_offsets.h"
#include "eddy/common/logging.h"
#include "eddy/connectors/kafka/kafka_partition_split.h"

namespace eddy::connectors::kafka {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void logCommitResult(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t*, void*) {
  // Flink logs and carries on: committed offsets are for monitoring only.
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
    log::warn("Failed to commit consumer offsets for checkpoint: {}", rd_kafka_err2str(err));
  }
}

// Errors after which reading cannot go on; others (a broker away for a while) librdkafka retries.
bool isFatalConsumerError(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || err == RD_KAFKA_RESP_ERR__FATAL ||
         err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED || err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE;
}

}  // namespace

class KafkaPartitionSplitReader::Impl {
 public:
  Impl(KafkaSourceOptions options, int subtask_index, int parallelism, std::optional<std::vector<std::string>> restored)
      : options_(std::move(options)), subtask_index_(subtask_index), parallelism_(parallelism),
        restored_(std::move(restored)) {}

  ~Impl() { close(); }

  Status fetch(std::vector<KafkaConsumerRecord>& records, size_t max_records, SplitRuns& runs) {
    releaseMessages();
    records.clear();
    runs.clear();
    runs_ = &runs;
    if (!consumer_) EDDY_RETURN_IF_ERROR(open());
    if (!options_.bounded && settings_.partition_discovery_interval_ms > 0 && nowMs() >= next_discovery_ms_) {
      EDDY_RETURN_IF_ERROR(discover(false));
    }
    rd_kafka_poll(consumer_.get(), 0);
    if (live_splits_ == 0) return Status::OK();
    messages_.resize(max_records);
    ssize_t n = rd_kafka_consume_batch_queue(queue_, 0, messages_.data(), max_records);
    if (n < 0) {
      messages_.clear();
      return IOError(fmt::format("Kafka consumer failed: {}", rd_kafka_err2str(rd_kafka_last_error())));
    }
    messages_.resize(static_cast<size_t>(n));
    bool finished_some = false;
    for (rd_kafka_message_t* message : messages_) {
      Split* split = findSplit(message);
      if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (split && split->stopping_offset != KafkaPartitionSplit::kNoStoppingOffset &&
            message->offset >= split->stopping_offset) {
          finished_some |= finish(*split);
        }
        continue;
      }
      if (message->err) {
        const std::string what = fmt::format("Kafka consumer error on topic {} partition {}: {}",
                                             message->rkt ? rd_kafka_topic_name(message->rkt) : "-", message->partition,
                                             rd_kafka_message_errstr(message));
        if (isFatalConsumerError(message->err)) return IOError(what);
        log::warn("{}", what);
        continue;
      }
      if (!split || split->done) continue;
      if (split->stopping_offset != KafkaPartitionSplit::kNoStoppingOffset && message->offset >= split->stopping_offset) {
        finished_some |= finish(*split);
        continue;
      }
      rd_kafka_timestamp_type_t type;
      KafkaConsumerRecord& record = records.emplace_back();
      record.topic = split->topic_name;
      record.partition = message->partition;
      record.offset = message->offset;
      record.timestamp = rd_kafka_message_timestamp(message, &type);
      record.timestamp_type = timestampType(type);
      record.key_is_null = message->key == nullptr;
      if (message->key) record.key = std::string_view(static_cast<const char*>(message->key), message->key_len);
      record.value_is_null = message->payload == nullptr;
      if (message->payload) record.value = std::string_view(static_cast<const char*>(message->payload), message->len);
#if RD_KAFKA_VERSION >= 0x020100ff
      record.leader_epoch = rd_kafka_message_leader_epoch(message);
#endif
      header_ends_.push_back(appendHeaders(message));
      runs.addRun(split->id, records.size());
      split->starting_offset = message->offset + 1;
      if (split->stopping_offset != KafkaPartitionSplit::kNoStoppingOffset &&
          split->starting_offset >= split->stopping_offset) {
        finished_some |= finish(*split);
      }
    }
    // The headers of all records are in headers_ now: it no longer moves.
    size_t headers_begin = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      records[i].headers = std::span<const KafkaHeader>(headers_).subspan(headers_begin, header_ends_[i] - headers_begin);
      headers_begin = header_ends_[i];
    }
    if (finished_some) EDDY_RETURN_IF_ERROR(assign());
    return Status::OK();
  }

  bool endOfInput() const { return options_.bounded && consumer_ && live_splits_ == 0; }

  Result<std::vector<std::string>> snapshotState(int64_t checkpoint_id) {
    std::vector<std::string> entries;
    std::vector<std::pair<TopicPartition, int64_t>> positions;
    if (!consumer_ && restored_) return *restored_;  // not started: the state it was given
    for (const Split& split : splits_) {
      positions.emplace_back(split.partition, split.starting_offset);
      if (!split.done) entries.push_back(splitToBytes(split));
    }
    entries.push_back(knownPartitionsToBytes(known_));
    if (!positions.empty()) pending_commits_[checkpoint_id] = std::move(positions);
    return entries;
  }

  void notifyCheckpointComplete(int64_t checkpoint_id) {
    auto it = pending_commits_.find(checkpoint_id);
    if (it != pending_commits_.end() && consumer_ && !options_.group_id.empty() &&
        settings_.commit_offsets_on_checkpoint) {
      RdPartitionList list = toPartitionList(it->second);
      rd_kafka_commit(consumer_.get(), list.get(), 1);
    }
    pending_commits_.erase(pending_commits_.begin(), pending_commits_.upper_bound(checkpoint_id));
  }

  void close() {
    releaseMessages();
    if (queue_) rd_kafka_queue_destroy(queue_);
    queue_ = nullptr;
    if (consumer_) rd_kafka_consumer_close(consumer_.get());
    consumer_.reset();
  }

 private:
  struct Split : KafkaPartitionSplit {
    std::string topic_name;  // the view handed out in records
    int32_t id = 0;          // in SplitRuns: the index in splits_
    bool done = false;
  };

  Status open() {
    EDDY_ASSIGN_OR_RETURN(RdKafkaConf conf, makeRdKafkaConf(options_.properties, ClientRole::kConsumer, settings_));
    const std::string prefix = options_.properties.contains("client.id.prefix") ? options_.properties.at("client.id.prefix")
                                                                                  : "eddy-kafka-source";
    if (!options_.properties.contains("client.id")) {
      EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "client.id", fmt::format("{}-{}", prefix, subtask_index_)));
    }
    // librdkafka assigns partitions only with a group id; without the user's one, a private
    // id that never joins a group nor commits stands in.
    EDDY_RETURN_IF_ERROR(setRdKafkaProperty(
        conf.get(), "group.id", options_.group_id.empty() ? fmt::format("{}-no-group", prefix) : options_.group_id));
    EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "enable.auto.commit", "false"));
    EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "enable.auto.offset.store", "false"));
    EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "enable.partition.eof", "true"));
    rd_kafka_conf_set_offset_commit_cb(conf.get(), logCommitResult);
    char error[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), error, sizeof(error));
    if (!rk) return InvalidArgument(fmt::format("Cannot create the Kafka consumer: {}", error));
    conf.release();  // rd_kafka_new took it
    consumer_.reset(rk);
    queue_ = rd_kafka_queue_get_consumer(rk);
    if (restored_) {
      for (const std::string& bytes : *restored_) {
        EDDY_ASSIGN_OR_RETURN(auto entry, sourceStateFromBytes(bytes));
        if (auto* split = std::get_if<KafkaPartitionSplit>(&entry)) {
          addSplit(*split);
        } else {
          for (const auto& [topic, count] : std::get<KnownPartitions>(entry)) {
            restored_known_[topic] = std::max(restored_known_[topic], count);
          }
        }
      }
      known_ = restored_known_;
    }
    return discover(true);
  }

  // Lists the subscribed partitions and takes the new ones this reader owns; the first time,
  // also assigns the restored splits.
  Status discover(bool first) {
    next_discovery_ms_ = nowMs() + settings_.partition_discovery_interval_ms;
    OffsetLookup lookup(consumer_.get(), settings_.api_timeout_ms, options_.properties);
    EDDY_ASSIGN_OR_RETURN(KnownPartitions counts, lookup.listPartitions(options_.topics, options_.topic_pattern));
    std::vector<TopicPartition> fresh;
    for (const auto& [topic, count] : counts) {
      for (int32_t p = 0; p < count; ++p) {
        TopicPartition partition{topic, p};
        if (taken_.contains(partition) || splitOwner(partition, parallelism_) != subtask_index_) continue;
        // Below the restored counts a partition is in some reader's state, or finished.
        auto known = restored_known_.find(topic);
        if (known != restored_known_.end() && p < known->second) continue;
        fresh.push_back(partition);
      }
      known_[topic] = std::max(known_[topic], count);
    }
    if (fresh.empty()) return first ? assign() : Status::OK();
    // Partitions found after the start (or a restore) are read from the beginning, as Flink does.
    const OffsetsInitializer starting =
        first && !restored_ ? options_.starting_offsets : OffsetsInitializer::earliest();
    EDDY_ASSIGN_OR_RETURN(std::vector<int64_t> starts, lookup.resolve(fresh, starting, options_.group_id));
    std::vector<int64_t> stops(fresh.size(), KafkaPartitionSplit::kNoStoppingOffset);
    if (options_.stopping_offsets) {
      EDDY_ASSIGN_OR_RETURN(stops, lookup.resolve(fresh, *options_.stopping_offsets, options_.group_id));
    }
    for (size_t i = 0; i < fresh.size(); ++i) {
      addSplit(KafkaPartitionSplit{fresh[i], starts[i], stops[i]});
    }
    return assign();
  }

  void addSplit(const KafkaPartitionSplit& split) {
    Split& added = splits_.emplace_back();
    static_cast<KafkaPartitionSplit&>(added) = split;
    added.topic_name = split.partition.topic;
    added.id = static_cast<int32_t>(splits_.size() - 1);
    added.done = split.finished();
    taken_.insert(split.partition);
    if (!added.done) runs_->createOutputForSplit(added.id);
  }

  bool finish(Split& split) {
    if (split.done) return false;
    split.done = true;
    runs_->releaseOutputForSplit(split.id);
    return true;
  }

  // Assigns the unfinished splits at their positions (again: finished ones drop out).
  Status assign() {
    std::vector<std::pair<TopicPartition, int64_t>> positions;
    for (const Split& split : splits_) {
      if (!split.done) positions.emplace_back(split.partition, split.starting_offset);
    }
    live_splits_ = positions.size();
    RdPartitionList list = toPartitionList(positions);
    rd_kafka_resp_err_t err = rd_kafka_assign(consumer_.get(), list.get());
    if (err) return IOError(fmt::format("Cannot assign Kafka partitions: {}", rd_kafka_err2str(err)));
    last_split_ = nullptr;
    return Status::OK();
  }

  // The split of a message; consecutive messages are mostly of one partition.
  Split* findSplit(const rd_kafka_message_t* message) {
    if (!message->rkt) return nullptr;
    const char* topic = rd_kafka_topic_name(message->rkt);
    if (last_split_ && last_split_->partition.partition == message->partition && last_split_->topic_name == topic) {
      return last_split_;
    }
    for (Split& split : splits_) {
      if (split.partition.partition == message->partition && split.topic_name == topic) return last_split_ = &split;
    }
    return nullptr;
  }

  // Appends the message's headers to headers_ (views into the message, which lives until
  // the next fetch); returns the end of its headers there. librdkafka parses headers only
  // for messages that have some.
  size_t appendHeaders(rd_kafka_message_t* message) {
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return headers_.size();
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      KafkaHeader& header = headers_.emplace_back();
      header.key = name;
      header.value_is_null = value == nullptr;
      if (value) header.value = std::string_view(static_cast<const char*>(value), size);
    }
    return headers_.size();
  }

  static KafkaTimestampType timestampType(rd_kafka_timestamp_type_t type) {
    switch (type) {
      case RD_KAFKA_TIMESTAMP_CREATE_TIME:
        return KafkaTimestampType::CREATE_TIME;
      case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME:
        return KafkaTimestampType::LOG_APPEND_TIME;
      case RD_KAFKA_TIMESTAMP_NOT_AVAILABLE:
        break;
    }
    return KafkaTimestampType::NO_TIMESTAMP_TYPE;
  }

  void releaseMessages() {
    for (rd_kafka_message_t* message : messages_) rd_kafka_message_destroy(message);
    messages_.clear();
    headers_.clear();
    header_ends_.clear();
  }

  KafkaSourceOptions options_;
  int subtask_index_;
  int parallelism_;
  std::optional<std::vector<std::string>> restored_;
  ClientSettings settings_;
  RdKafkaHandle consumer_;
  rd_kafka_queue_t* queue_ = nullptr;
  std::deque<Split> splits_;  // stable addresses: records point at topic_name
  SplitRuns* runs_ = nullptr;  // of the fetch under way
  Split* last_split_ = nullptr;
  size_t live_splits_ = 0;
  std::set<TopicPartition> taken_;
  KnownPartitions known_;
  KnownPartitions restored_known_;
  int64_t next_discovery_ms_ = 0;
  std::vector<rd_kafka_message_t*> messages_;
  // The headers of the fetched records, and where each record's end (reused per fetch).
  std::vector<KafkaHeader> headers_;
  std::vector<size_t> header_ends_;
  std::map<int64_t, std::vector<std::pair<TopicPartition, int64_t>>> pending_commits_;
};

KafkaPartitionSplitReader::KafkaPartitionSplitReader(KafkaSourceOptions options, int subtask_index, int parallelism)
    : impl_(std::make_unique<Impl>(std::move(options), subtask_index, parallelism, std::nullopt)) {}

KafkaPartitionSplitReader::KafkaPartitionSplitReader(KafkaSourceOptions options, int subtask_index, int parallelism,
                                                     std::vector<std::string> restored_state)
    : impl_(std::make_unique<Impl>(std::move(options), subtask_index, parallelism, std::move(restored_state))) {}

KafkaPartitionSplitReader::~KafkaPartitionSplitReader() = default;

Status KafkaPartitionSplitReader::fetch(std::vector<KafkaConsumerRecord>& records, size_t max_records,
                                        SplitRuns& splits) {
  return impl_->fetch(records, max_records, splits);
}
bool KafkaPartitionSplitReader::endOfInput() const { return impl_->endOfInput(); }
Result<std::vector<std::string>> KafkaPartitionSplitReader::snapshotState(int64_t checkpoint_id) {
  return impl_->snapshotState(checkpoint_id);
}
void KafkaPartitionSplitReader::notifyCheckpointComplete(int64_t checkpoint_id) {
  impl_->notifyCheckpointComplete(checkpoint_id);
}
void KafkaPartitionSplitReader::close() { impl_->close(); }

}  // namespace eddy::connectors::kafka
