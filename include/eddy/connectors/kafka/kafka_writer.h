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
  // Required for EXACTLY_ONCE: transactional ids are "<prefix>-<subtask>-<transaction index>".
  std::string transactional_id_prefix;
};

// A transaction pre-committed at a checkpoint, to be committed when it completes (Flink's
// KafkaCommittable).
struct KafkaCommittable {
  std::string transactional_id;
};

// What a writer checkpoints to clean up after a failover (Flink's KafkaWriterState, plus
// where it was): the transactions it may have left open are those after
// `transaction_index`, the index of the transaction it pre-committed at the checkpoint.
struct KafkaWriterState {
  std::string transactional_id_prefix;
  int32_t subtask_index = 0;
  int64_t transaction_index = 0;
};

// "<prefix>-<subtask>-<transaction index>", as Flink's TransactionalIdFactory (whose third
// part is the checkpoint id). A writer numbers its transactions itself, 1, 2, … and on from
// the restored index after a restore, so that the ids are unique along every chain of
// restores however the runtime numbers its checkpoints.
std::string buildTransactionalId(const std::string& prefix, int subtask_index, int64_t transaction_index);

// Sends serialized records with a librdkafka producer under a delivery guarantee (the
// non-generic part of Flink's KafkaWriter). A failed send fails the next call. One task
// thread.
//
// EXACTLY_ONCE, a producer per transaction, transaction i with id prefix-subtask-i:
//
//   open: abort lingering transactions (below) → begin transaction last+1
//   → write* → prepareCommit (the barrier of checkpoint c): flush, so that every record
//     before the barrier is acknowledged inside the open transaction, then hand it over as
//     the committable of c (it stays open in this process until KafkaCommitter commits it)
//   → snapshotState(c): the state names the index just pre-committed; begin the next.
//
// Lingering transactions: a previous attempt may have left transactions open after the one
// the restored checkpoint pre-committed (those of checkpoints that never completed, and the
// one it was writing). Their records come again from the restored source positions, so they
// must be aborted, and before anything else: an open transaction also holds back every
// read_committed consumer of its partitions. The writer probes the ids after the restored
// index (after 0 on a fresh start, for an earlier run with the same prefix) with
// DescribeTransactions until one the coordinator has never seen, and fences every one that
// is still Ongoing by initializing a producer with its id (which aborts it). The restored
// transaction itself, and those before it, are never touched here: see KafkaCommitter.
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
  // The state after pre-committing; begins the next transaction.
  Result<std::vector<KafkaWriterState>> snapshotState();
  Result<std::vector<int32_t>> partitionsForTopic(const std::string& topic);
  // Aborts an open transaction that was not handed over.
  void close();

 private:
  class Impl;
  explicit KafkaWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class TransactionCoordinatorClient;

// Commits pre-committed transactions (Flink's KafkaCommitter). A transaction still held by
// a writer of this process is committed with its producer. One restored from a checkpoint
// after the process died has no producer left, and librdkafka cannot resume a transaction
// (Flink's resumeTransaction); the committer asks the transaction coordinator for the
// transaction's state, producer id and epoch (DescribeTransactions) and, if it is still
// Ongoing, commits it with EndTxn as that producer would have (TransactionCoordinatorClient).
//
// Why nothing a completed checkpoint acknowledged is lost: every record before the barrier
// of checkpoint c was acknowledged inside transaction i(c) before the writer's state was
// snapshotted (prepareCommit flushes), so once c completes, i(c) holds exactly those
// records and is Ongoing or committed. Nobody aborts it: restores from c or later probe
// and fence only ids after i(c) and never reuse it; a restore from before c does not
// restore its committable. So after a restore from c it is committed here (PrepareCommit,
// CompleteCommit or Empty: already done) — unless it outlived transaction.timeout.ms
// (default here 15 minutes) and the broker aborted it, which is reported (Flink's
// "known reason") as a loss. Records after the barrier are in later transactions, which
// the restored writer aborts, and come again from the restored source positions.
class KafkaCommitter final : public Committer<KafkaCommittable> {
 public:
  KafkaCommitter(std::map<std::string, std::string> properties, int64_t max_block_ms);
  ~KafkaCommitter() override;
  Status commit(std::vector<CommitRequest<KafkaCommittable>>& requests) override;

 private:
  // Commits a transaction whose producer is gone (after a failover).
  void commitRecovered(CommitRequest<KafkaCommittable>& request);

  std::map<std::string, std::string> properties_;
  int64_t max_block_ms_;
  std::unique_ptr<TransactionCoordinatorClient> client_;
};

}  // namespace eddy::connectors::kafka
