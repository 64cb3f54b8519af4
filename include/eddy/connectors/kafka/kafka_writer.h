#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_record_serialization_schema.h"
#include "eddy/functions/committer.h"

namespace eddy::connectors::kafka {

// What a KafkaSink promises (Flink's DeliveryGuarantee).
enum class DeliveryGuarantee {
  // Records may be lost on failure: nothing waits for Kafka at checkpoints.
  NONE,
  // Every checkpoint waits until all records sent before it are acknowledged.
  AT_LEAST_ONCE,
  // Records are written in a Kafka transaction per checkpoint, committed when it completes.
  EXACTLY_ONCE,
};

// Everything a KafkaSink's writers need, as the builder collected it.
struct KafkaSinkOptions {
  // Client properties, Flink/Java keys included (translated for librdkafka).
  std::map<std::string, std::string> properties;
  // Default: NONE, as Flink's KafkaSinkBuilder.
  DeliveryGuarantee delivery_guarantee = DeliveryGuarantee::NONE;
  // Required for EXACTLY_ONCE: transactional ids are "<prefix>-<subtask>-<checkpoint id>".
  std::string transactional_id_prefix;
};

// A transaction pre-committed at a checkpoint, to be committed when it completes (Flink's
// KafkaCommittable).
struct KafkaCommittable {
  std::string transactional_id;
};

// What a writer checkpoints to clean up after a failover (Flink's KafkaWriterState, plus
// where it was): the transactions it may have left open are those after `checkpoint_id`.
struct KafkaWriterState {
  std::string transactional_id_prefix;
  int32_t subtask_index = 0;
  int64_t checkpoint_id = 0;
};

// "<prefix>-<subtask>-<checkpoint id>", as Flink's TransactionalIdFactory.
std::string buildTransactionalId(const std::string& prefix, int subtask_index, int64_t checkpoint_id);

// Sends serialized records with a librdkafka producer under a delivery guarantee (the
// non-generic part of Flink's KafkaWriter). EXACTLY_ONCE: a producer per transaction, with
// transactional id prefix-subtask-(checkpoint+1); prepareCommit flushes and hands the
// transaction over (it stays open in this process until KafkaCommitter commits it), and
// snapshotState begins the next. On a restore, transactions a previous attempt may have left
// open after the restored checkpoint are aborted first (by initializing producers with their
// ids, which fences and aborts them). A failed send fails the next call. One task thread.
class KafkaWriter {
 public:
  static Result<std::unique_ptr<KafkaWriter>> create(const KafkaSinkOptions& options, int subtask_index,
                                                     int parallelism, const std::vector<KafkaWriterState>& restored);
  ~KafkaWriter();
  KafkaWriter(const KafkaWriter&) = delete;
  KafkaWriter& operator=(const KafkaWriter&) = delete;

  Status write(const KafkaProducerRecords& records);
  // Waits until every record sent is acknowledged.
  Status flush();
  Result<std::vector<KafkaCommittable>> prepareCommit();
  Result<std::vector<KafkaWriterState>> snapshotState(int64_t checkpoint_id);
  Result<std::vector<int32_t>> partitionsForTopic(const std::string& topic);
  // Aborts an open transaction that was not handed over.
  void close();

 private:
  class Impl;
  explicit KafkaWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Commits pre-committed transactions (Flink's KafkaCommitter). Transactions still held by a
// writer of this process are committed with its producer. One restored from a checkpoint
// after a failover cannot be resumed with librdkafka (it has no resumeTransaction: the
// producer id and epoch of a transaction are not exposed), so it is reported as failed with
// a known reason: it was either committed before the failover, or aborted when its id was
// fenced.
class KafkaCommitter final : public Committer<KafkaCommittable> {
 public:
  explicit KafkaCommitter(int64_t max_block_ms) : max_block_ms_(max_block_ms) {}
  Status commit(std::vector<CommitRequest<KafkaCommittable>>& requests) override;

 private:
  int64_t max_block_ms_;
};

}  // namespace eddy::connectors::kafka
