#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "eddy/common/result.h"

namespace eddy::connectors::kafka {

// Kafka protocol error codes the transaction recovery acts on (Kafka's Errors enum).
namespace kafka_errors {
constexpr int16_t kNone = 0;
constexpr int16_t kCoordinatorLoadInProgress = 14;
constexpr int16_t kCoordinatorNotAvailable = 15;
constexpr int16_t kNotCoordinator = 16;
constexpr int16_t kInvalidProducerEpoch = 47;
constexpr int16_t kInvalidTxnState = 48;
constexpr int16_t kConcurrentTransactions = 51;
constexpr int16_t kProducerFenced = 90;
constexpr int16_t kTransactionalIdNotFound = 105;
}  // namespace kafka_errors

// A transactional id as its transaction coordinator describes it (DescribeTransactions).
struct TransactionDescription {
  // False when the coordinator has never seen the id (or it expired).
  bool found = false;
  // Kafka's TransactionState name: Empty, Ongoing, PrepareCommit, PrepareAbort,
  // CompleteCommit, CompleteAbort, PrepareEpochFence or Dead.
  std::string state;
  int64_t producer_id = -1;
  int16_t producer_epoch = -1;
};

// Talks to the transaction coordinators of a Kafka cluster over Kafka's own protocol, for
// the two things librdkafka cannot do: describe a transactional id, and end a transaction
// of a producer that no longer exists, with its producer id and epoch. This is what Flink's
// KafkaCommitter does after a failover by resuming a transaction in a new producer
// (FlinkKafkaInternalProducer.resumeTransaction sets the producer id and epoch, then
// commitTransaction sends EndTxn). Requests: FindCoordinator v1 (key type transaction),
// DescribeTransactions v0 (Kafka >= 3.0), EndTxn v1. Plaintext connections only. Retriable
// coordinator errors are retried every 100 ms until the timeout. Not thread-safe.
class TransactionCoordinatorClient {
 public:
  // REQUIRES: properties hold bootstrap.servers. NotSupported for a security.protocol
  // other than PLAINTEXT.
  static Result<std::unique_ptr<TransactionCoordinatorClient>> create(
      const std::map<std::string, std::string>& properties, int64_t timeout_ms);
  ~TransactionCoordinatorClient();
  TransactionCoordinatorClient(const TransactionCoordinatorClient&) = delete;
  TransactionCoordinatorClient& operator=(const TransactionCoordinatorClient&) = delete;

  Result<TransactionDescription> describeTransaction(const std::string& transactional_id);
  // Sends EndTxn for the transaction of (producer_id, producer_epoch); returns the Kafka
  // error code of the answer once it is not a retriable coordinator error.
  Result<int16_t> endTransaction(const std::string& transactional_id, int64_t producer_id, int16_t producer_epoch,
                                 bool commit);

 private:
  class Connection;
  TransactionCoordinatorClient(std::string bootstrap_servers, int64_t timeout_ms);

  // The connection to the coordinator of `transactional_id`.
  Result<Connection*> coordinator(const std::string& transactional_id);
  Result<Connection*> connection(const std::string& host, int port);
  void dropConnections();

  std::string bootstrap_servers_;
  int64_t timeout_ms_;
  int32_t next_correlation_id_ = 1;
  std::map<std::string, std::unique_ptr<Connection>> connections_;
};

}  // namespace eddy::connectors::kafka
