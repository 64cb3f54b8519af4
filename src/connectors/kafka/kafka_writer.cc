#include "eddy/connectors/kafka/kafka_writer.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "connectors/kafka/rdkafka_config.h"
#include "connectors/kafka/transaction_coordinator_client.h"
#include "eddy/common/logging.h"

namespace eddy::connectors::kafka {

namespace {

// Transactions pre-committed by the writers of this process, until KafkaCommitter commits
// them: the producer is what can commit a librdkafka transaction.
class PreparedTransactions {
 public:
  static PreparedTransactions& instance() {
    static PreparedTransactions registry;
    return registry;
  }
  void put(const std::string& id, RdKafkaHandle producer) {
    std::lock_guard lock(mutex_);
    producers_[id] = std::move(producer);
  }
  RdKafkaHandle take(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = producers_.find(id);
    if (it == producers_.end()) return nullptr;
    RdKafkaHandle producer = std::move(it->second);
    producers_.erase(it);
    return producer;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, RdKafkaHandle> producers_;
};

// The entry's headers as librdkafka's (null without headers: records without headers cost
// no allocation).
rd_kafka_headers_t* newHeaders(const KafkaProducerRecords& records, const KafkaProducerRecords::Entry& entry) {
  if (entry.headers_begin == entry.headers_end) return nullptr;
  rd_kafka_headers_t* headers = rd_kafka_headers_new(entry.headers_end - entry.headers_begin);
  for (size_t i = entry.headers_begin; i < entry.headers_end; ++i) {
    const KafkaProducerRecords::Header& header = records.headers[i];
    const std::string_view key = records.slice(header.key_begin, header.key_end);
    const std::string_view value = records.slice(header.value_begin, header.value_end);
    rd_kafka_header_add(headers, key.data(), static_cast<ssize_t>(key.size()),
                        header.value_is_null ? nullptr : value.data(), static_cast<ssize_t>(value.size()));
  }
  return headers;
}

std::string errorText(rd_kafka_error_t* error) {
  std::string text = rd_kafka_error_string(error);
  rd_kafka_error_destroy(error);
  return text;
}

}  // namespace

std::string buildTransactionalId(const std::string& prefix, int subtask_index, int64_t transaction_index) {
  return fmt::format("{}-{}-{}", prefix, subtask_index, transaction_index);
}

class KafkaWriter::Impl {
 public:
  Impl(KafkaSinkOptions options, int subtask_index) : options_(std::move(options)), subtask_index_(subtask_index) {}
  ~Impl() { close(); }

  Status open(const std::vector<KafkaWriterState>& restored) {
    int64_t last_index = 0;
    if (options_.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE) {
      EDDY_ASSIGN_OR_RETURN(std::unique_ptr<TransactionCoordinatorClient> client,
                            TransactionCoordinatorClient::create(options_.properties, settings_.max_block_ms));
      bool resumed = false;
      for (const KafkaWriterState& state : restored) {
        if (state.transactional_id_prefix != options_.transactional_id_prefix) continue;
        resumed = true;
        last_index = std::max(last_index, state.transaction_index);
        EDDY_RETURN_IF_ERROR(abortLingeringTransactions(*client, state.subtask_index, state.transaction_index + 1));
      }
      if (!resumed) EDDY_RETURN_IF_ERROR(abortLingeringTransactions(*client, subtask_index_, 1));
    }
    return beginTransaction(last_index + 1);
  }

  Status write(const KafkaProducerRecords& records) {
    EDDY_RETURN_IF_ERROR(checkDelivery());
    rd_kafka_t* rk = producer_.get();
    for (const KafkaProducerRecords::Entry& entry : records.entries) {
      const std::string_view key = records.key(entry);
      const std::string_view value = records.value(entry);
      while (true) {
        // librdkafka takes the headers when the record is accepted, and only then.
        rd_kafka_headers_t* headers = newHeaders(records, entry);
        rd_kafka_resp_err_t err = rd_kafka_producev(
            rk, RD_KAFKA_V_TOPIC(records.topic.c_str()), RD_KAFKA_V_PARTITION(entry.partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_KEY(entry.key_is_null ? nullptr : const_cast<char*>(key.data()), entry.key_is_null ? 0 : key.size()),
            RD_KAFKA_V_VALUE(entry.value_is_null ? nullptr : const_cast<char*>(value.data()),
                             entry.value_is_null ? 0 : value.size()),
            RD_KAFKA_V_TIMESTAMP(entry.timestamp), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
        if (headers) rd_kafka_headers_destroy(headers);
        // The local queue is full: serve delivery reports until there is room (backpressure).
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
          rd_kafka_poll(rk, 10);
          continue;
        }
        return IOError(fmt::format("Failed to send data to Kafka topic {}: {}", records.topic, rd_kafka_err2str(err)));
      }
    }
    rd_kafka_poll(rk, 0);
    return Status::OK();
  }

  Status flush() {
    rd_kafka_resp_err_t err = rd_kafka_flush(producer_.get(), static_cast<int>(settings_.max_block_ms));
    if (err) {
      return TimedOut(fmt::format("Failed to flush the Kafka producer within {} ms (max.block.ms): {}",
                                  settings_.max_block_ms, rd_kafka_err2str(err)));
    }
    return checkDelivery();
  }

  Result<std::vector<KafkaCommittable>> prepareCommit() {
    std::vector<KafkaCommittable> committables;
    if (options_.delivery_guarantee == DeliveryGuarantee::NONE) return committables;
    EDDY_RETURN_IF_ERROR(flush());
    if (options_.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE && producer_) {
      committables.push_back(KafkaCommittable{transactional_id_});
      PreparedTransactions::instance().put(transactional_id_, std::move(producer_));
    }
    return committables;
  }

  Result<std::vector<KafkaWriterState>> snapshotState() {
    const int64_t prepared_index = transaction_index_;
    if (options_.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE) {
      EDDY_RETURN_IF_ERROR(beginTransaction(prepared_index + 1));
    }
    return std::vector<KafkaWriterState>{
        KafkaWriterState{options_.transactional_id_prefix, subtask_index_, prepared_index}};
  }

  Result<std::vector<int32_t>> partitionsForTopic(const std::string& topic) {
    rd_kafka_topic_t* handle = rd_kafka_topic_new(producer_.get(), topic.c_str(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_resp_err_t err =
        rd_kafka_metadata(producer_.get(), 0, handle, &metadata, static_cast<int>(settings_.max_block_ms));
    rd_kafka_topic_destroy(handle);
    if (err) return IOError(fmt::format("Failed to get the partitions of topic {}: {}", topic, rd_kafka_err2str(err)));
    std::vector<int32_t> partitions;
    if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) partitions.push_back(metadata->topics[0].partitions[i].id);
    }
    rd_kafka_metadata_destroy(metadata);
    if (partitions.empty()) return NotFound(fmt::format("Topic {} has no partitions or does not exist", topic));
    std::sort(partitions.begin(), partitions.end());
    return partitions;
  }

  void close() {
    if (!producer_) return;
    if (options_.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE) {
      if (rd_kafka_error_t* error = rd_kafka_abort_transaction(producer_.get(), static_cast<int>(settings_.max_block_ms))) {
        log::warn("Failed to abort Kafka transaction {}: {}", transactional_id_, errorText(error));
      }
    } else {
      rd_kafka_flush(producer_.get(), static_cast<int>(settings_.max_block_ms));
    }
    producer_.reset();
  }

  const ClientSettings& settings() const { return settings_; }

 private:
  static void onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    if (message->err && self->delivery_error_.ok()) {
      self->delivery_error_ = IOError(fmt::format("Failed to send data to Kafka topic {}: {}",
                                                  rd_kafka_topic_name(message->rkt), rd_kafka_err2str(message->err)));
    }
  }

  Status checkDelivery() const { return delivery_error_; }

  Result<RdKafkaHandle> newProducer(const std::string& transactional_id) {
    EDDY_ASSIGN_OR_RETURN(RdKafkaConf conf, makeRdKafkaConf(options_.properties, ClientRole::kProducer, settings_));
    if (!transactional_id.empty()) {
      EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "transactional.id", transactional_id));
      // Flink's KafkaSink requires the transaction timeout to outlast the checkpoint interval;
      // its default of one hour is the Java client's cap of 15 minutes in practice.
      if (!options_.properties.contains("transaction.timeout.ms")) {
        EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "transaction.timeout.ms", "900000"));
      }
    }
    rd_kafka_conf_set_dr_msg_cb(conf.get(), onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char error[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), error, sizeof(error));
    if (!rk) return InvalidArgument(fmt::format("Cannot create the Kafka producer: {}", error));
    conf.release();
    return RdKafkaHandle(rk);
  }

  Status initTransactions(rd_kafka_t* rk, const std::string& id) {
    if (rd_kafka_error_t* error = rd_kafka_init_transactions(rk, static_cast<int>(settings_.max_block_ms))) {
      return TimedOut(fmt::format("Failed to initialize Kafka transactions for transactional id {} within {} ms "
                                  "(max.block.ms): {}",
                                  id, settings_.max_block_ms, errorText(error)));
    }
    return Status::OK();
  }

  // Initializing a producer with the id fences the previous one and aborts its transaction.
  Status abortTransaction(const std::string& id) {
    EDDY_ASSIGN_OR_RETURN(RdKafkaHandle producer, newProducer(id));
    return initTransactions(producer.get(), id);
  }

  // Fences the Ongoing transactions of `subtask` from index `first` on, up to the first id
  // the coordinator has never seen (see the class comment). A producer of this process
  // still holding one (a restart within the process) is fenced too, then dropped.
  Status abortLingeringTransactions(TransactionCoordinatorClient& client, int subtask, int64_t first) {
    for (int64_t index = first;; ++index) {
      const std::string id = buildTransactionalId(options_.transactional_id_prefix, subtask, index);
      EDDY_ASSIGN_OR_RETURN(TransactionDescription description, client.describeTransaction(id));
      if (!description.found) return Status::OK();
      if (description.state != "Ongoing") continue;
      log::info("Aborting lingering Kafka transaction {}", id);
      EDDY_RETURN_IF_ERROR(abortTransaction(id));
      PreparedTransactions::instance().take(id);
    }
  }

  Status beginTransaction(int64_t index) {
    transaction_index_ = index;
    if (options_.delivery_guarantee != DeliveryGuarantee::EXACTLY_ONCE) {
      if (producer_) return Status::OK();
      EDDY_ASSIGN_OR_RETURN(producer_, newProducer(""));
      return Status::OK();
    }
    transactional_id_ = buildTransactionalId(options_.transactional_id_prefix, subtask_index_, index);
    EDDY_ASSIGN_OR_RETURN(producer_, newProducer(transactional_id_));
    EDDY_RETURN_IF_ERROR(initTransactions(producer_.get(), transactional_id_));
    if (rd_kafka_error_t* error = rd_kafka_begin_transaction(producer_.get())) {
      return IOError(fmt::format("Failed to begin Kafka transaction {}: {}", transactional_id_, errorText(error)));
    }
    return Status::OK();
  }

  KafkaSinkOptions options_;
  int subtask_index_;
  ClientSettings settings_;
  RdKafkaHandle producer_;
  // The open transaction's index and id.
  int64_t transaction_index_ = 0;
  std::string transactional_id_;
  Status delivery_error_;
};

Result<std::unique_ptr<KafkaWriter>> KafkaWriter::create(const KafkaSinkOptions& options, int subtask_index, int,
                                                         const std::vector<KafkaWriterState>& restored) {
  auto impl = std::make_unique<Impl>(options, subtask_index);
  EDDY_RETURN_IF_ERROR(impl->open(restored));
  return std::unique_ptr<KafkaWriter>(new KafkaWriter(std::move(impl)));
}

KafkaWriter::KafkaWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KafkaWriter::~KafkaWriter() = default;
Status KafkaWriter::write(const KafkaProducerRecords& records) { return impl_->write(records); }
Status KafkaWriter::flush() { return impl_->flush(); }
Result<std::vector<KafkaCommittable>> KafkaWriter::prepareCommit() { return impl_->prepareCommit(); }
Result<std::vector<KafkaWriterState>> KafkaWriter::snapshotState() { return impl_->snapshotState(); }
Result<std::vector<int32_t>> KafkaWriter::partitionsForTopic(const std::string& topic) {
  return impl_->partitionsForTopic(topic);
}
void KafkaWriter::close() { impl_->close(); }

KafkaCommitter::KafkaCommitter(std::map<std::string, std::string> properties, int64_t max_block_ms)
    : properties_(std::move(properties)), max_block_ms_(max_block_ms) {}

KafkaCommitter::~KafkaCommitter() = default;

Status KafkaCommitter::commit(std::vector<CommitRequest<KafkaCommittable>>& requests) {
  for (CommitRequest<KafkaCommittable>& request : requests) {
    const std::string& id = request.getCommittable().transactional_id;
    RdKafkaHandle producer = PreparedTransactions::instance().take(id);
    if (!producer) {
      commitRecovered(request);
      continue;
    }
    if (rd_kafka_error_t* error = rd_kafka_commit_transaction(producer.get(), static_cast<int>(max_block_ms_))) {
      const bool retriable = rd_kafka_error_is_retriable(error);
      const std::string text = errorText(error);
      if (retriable) {
        PreparedTransactions::instance().put(id, std::move(producer));
        request.retryLater();
      } else {
        request.signalFailedWithUnknownReason(IOError(fmt::format("Failed to commit Kafka transaction {}: {}", id, text)));
      }
    }
  }
  return Status::OK();
}

void KafkaCommitter::commitRecovered(CommitRequest<KafkaCommittable>& request) {
  const std::string& id = request.getCommittable().transactional_id;
  if (!client_) {
    Result<std::unique_ptr<TransactionCoordinatorClient>> client =
        TransactionCoordinatorClient::create(properties_, max_block_ms_);
    if (!client.ok()) {
      request.signalFailedWithUnknownReason(client.status());
      return;
    }
    client_ = std::move(client).value();
  }
  Result<TransactionDescription> description = client_->describeTransaction(id);
  if (!description.ok()) {
    log::warn("Cannot recover Kafka transaction {}, retrying: {}", id, description.status().toString());
    request.retryLater();
    return;
  }
  if (!description->found) {
    request.signalFailedWithKnownReason(NotFound(fmt::format(
        "Kafka transaction {} is unknown to its coordinator (transactional.id.expiration.ms passed?); its records "
        "may be lost",
        id)));
    return;
  }
  const std::string& state = description->state;
  if (state == "PrepareCommit" || state == "CompleteCommit" || state == "Empty") return;
  if (state != "Ongoing") {
    request.signalFailedWithKnownReason(IOError(fmt::format(
        "Kafka transaction {} was aborted (state {}; transaction.timeout.ms passed?): its records are lost", id, state)));
    return;
  }
  Result<int16_t> error = client_->endTransaction(id, description->producer_id, description->producer_epoch, true);
  if (!error.ok()) {
    log::warn("Cannot commit recovered Kafka transaction {}, retrying: {}", id, error.status().toString());
    request.retryLater();
    return;
  }
  if (*error == kafka_errors::kNone) {
    log::info("Committed Kafka transaction {} recovered from the checkpoint (producer id {}, epoch {})", id,
              description->producer_id, description->producer_epoch);
    return;
  }
  if (*error == kafka_errors::kProducerFenced || *error == kafka_errors::kInvalidProducerEpoch ||
      *error == kafka_errors::kInvalidTxnState) {
    request.signalFailedWithKnownReason(IOError(
        fmt::format("Kafka transaction {} was fenced before it could be committed (Kafka error {})", id, *error)));
    return;
  }
  request.signalFailedWithUnknownReason(
      IOError(fmt::format("Failed to commit recovered Kafka transaction {}: Kafka error {}", id, *error)));
}

}  // namespace eddy::connectors::kafka
