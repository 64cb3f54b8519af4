#include "connectors/kafka/transaction_coordinator_client.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "connectors/kafka/kafka_wire_format.h"

namespace eddy::connectors::kafka {

namespace {

constexpr int16_t kFindCoordinatorKey = 10;
constexpr int16_t kEndTxnKey = 26;
constexpr int16_t kDescribeTransactionsKey = 65;
// FindCoordinator's key type of a transactional id.
constexpr int8_t kTransactionKeyType = 1;
constexpr int kRetryBackoffMs = 100;

bool isRetriable(int16_t error) {
  return error == kafka_errors::kCoordinatorLoadInProgress || error == kafka_errors::kCoordinatorNotAvailable ||
         error == kafka_errors::kNotCoordinator || error == kafka_errors::kConcurrentTransactions;
}

// "host:port" (a listener prefix such as PLAINTEXT:// is dropped).
Result<std::pair<std::string, int>> parseAddress(std::string address) {
  if (size_t scheme = address.find("://"); scheme != std::string::npos) address = address.substr(scheme + 3);
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return InvalidArgument(fmt::format("Kafka broker address {} has no port", address));
  return std::make_pair(address.substr(0, colon), std::atoi(address.c_str() + colon + 1));
}

}  // namespace

// One blocking TCP connection to a broker, with send and receive timeouts.
class TransactionCoordinatorClient::Connection {
 public:
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }

  static Result<std::unique_ptr<Connection>> open(const std::string& host, int port, int64_t timeout_ms) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* addresses = nullptr;
    if (int err = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &addresses)) {
      return IOError(fmt::format("Cannot resolve Kafka broker {}:{}: {}", host, port, gai_strerror(err)));
    }
    auto connection = std::unique_ptr<Connection>(new Connection());
    std::string failure = "no address";
    for (addrinfo* a = addresses; a; a = a->ai_next) {
      int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
      if (fd < 0) continue;
      timeval tv{static_cast<time_t>(timeout_ms / 1000), static_cast<suseconds_t>((timeout_ms % 1000) * 1000)};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
      if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
        connection->fd_ = fd;
        break;
      }
      failure = std::strerror(errno);
      ::close(fd);
    }
    freeaddrinfo(addresses);
    if (connection->fd_ < 0) return IOError(fmt::format("Cannot connect to Kafka broker {}:{}: {}", host, port, failure));
    return connection;
  }

  // Sends a request and returns the response body after its header (v0, or v1 when flexible).
  Result<std::string> roundTrip(const std::string& request, int32_t correlation_id, bool flexible) {
    EDDY_RETURN_IF_ERROR(sendAll(request.data(), request.size()));
    char size_bytes[4];
    EDDY_RETURN_IF_ERROR(receiveAll(size_bytes, 4));
    uint32_t size = 0;
    for (char c : size_bytes) size = (size << 8) | static_cast<uint8_t>(c);
    std::string response(size, '\0');
    EDDY_RETURN_IF_ERROR(receiveAll(response.data(), size));
    KafkaResponseReader header(response);
    EDDY_ASSIGN_OR_RETURN(int32_t answered, header.readInt32());
    if (answered != correlation_id) {
      return Corruption(fmt::format("Kafka answered request {} instead of {}", answered, correlation_id));
    }
    size_t header_size = 4;
    if (flexible) {
      KafkaResponseReader tags(std::string_view(response).substr(4));
      EDDY_ASSIGN_OR_RETURN(uint64_t count, tags.readUnsignedVarint());
      if (count != 0) return NotSupported("Kafka response header with tagged fields");
      header_size = 5;
    }
    return response.substr(header_size);
  }

 private:
  Connection() = default;

  Status sendAll(const char* data, size_t size) {
    while (size > 0) {
      ssize_t n = ::send(fd_, data, size, MSG_NOSIGNAL);
      if (n <= 0) return IOError(fmt::format("Sending to the Kafka broker failed: {}", std::strerror(errno)));
      data += n;
      size -= static_cast<size_t>(n);
    }
    return Status::OK();
  }

  Status receiveAll(char* data, size_t size) {
    while (size > 0) {
      ssize_t n = ::recv(fd_, data, size, 0);
      if (n == 0) return IOError("The Kafka broker closed the connection");
      if (n < 0) return IOError(fmt::format("Receiving from the Kafka broker failed: {}", std::strerror(errno)));
      data += n;
      size -= static_cast<size_t>(n);
    }
    return Status::OK();
  }

  int fd_ = -1;
};

Result<std::unique_ptr<TransactionCoordinatorClient>> TransactionCoordinatorClient::create(
    const std::map<std::string, std::string>& properties, int64_t timeout_ms) {
  auto servers = properties.find("bootstrap.servers");
  if (servers == properties.end()) return InvalidArgument("bootstrap.servers must be set");
  if (auto protocol = properties.find("security.protocol");
      protocol != properties.end() && protocol->second != "PLAINTEXT" && protocol->second != "plaintext") {
    return NotSupported(fmt::format(
        "Recovering Kafka transactions after a failover over security.protocol={} (only PLAINTEXT)", protocol->second));
  }
  return std::unique_ptr<TransactionCoordinatorClient>(new TransactionCoordinatorClient(servers->second, timeout_ms));
}

TransactionCoordinatorClient::TransactionCoordinatorClient(std::string bootstrap_servers, int64_t timeout_ms)
    : bootstrap_servers_(std::move(bootstrap_servers)), timeout_ms_(timeout_ms) {}

TransactionCoordinatorClient::~TransactionCoordinatorClient() = default;

void TransactionCoordinatorClient::dropConnections() { connections_.clear(); }

Result<TransactionCoordinatorClient::Connection*> TransactionCoordinatorClient::connection(const std::string& host,
                                                                                           int port) {
  const std::string key = fmt::format("{}:{}", host, port);
  auto it = connections_.find(key);
  if (it != connections_.end()) return it->second.get();
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<Connection> opened, Connection::open(host, port, timeout_ms_));
  return connections_.emplace(key, std::move(opened)).first->second.get();
}

Result<TransactionCoordinatorClient::Connection*> TransactionCoordinatorClient::coordinator(
    const std::string& transactional_id) {
  Status failure = IOError(fmt::format("No Kafka broker in bootstrap.servers '{}'", bootstrap_servers_));
  size_t begin = 0;
  while (begin <= bootstrap_servers_.size()) {
    size_t end = bootstrap_servers_.find(',', begin);
    if (end == std::string::npos) end = bootstrap_servers_.size();
    std::string address = bootstrap_servers_.substr(begin, end - begin);
    begin = end + 1;
    if (address.empty()) continue;
    EDDY_ASSIGN_OR_RETURN(auto host_port, parseAddress(address));
    Result<Connection*> bootstrap = connection(host_port.first, host_port.second);
    if (!bootstrap.ok()) {
      failure = bootstrap.status();
      continue;
    }
    const int32_t correlation_id = next_correlation_id_++;
    KafkaRequestWriter request(kFindCoordinatorKey, 1, correlation_id, false);
    request.writeString(transactional_id);
    request.writeInt8(kTransactionKeyType);
    EDDY_ASSIGN_OR_RETURN(std::string body, (*bootstrap)->roundTrip(request.finish(), correlation_id, false));
    KafkaResponseReader response(body);
    EDDY_RETURN_IF_ERROR(response.readInt32().status());  // throttle_time_ms
    EDDY_ASSIGN_OR_RETURN(int16_t error, response.readInt16());
    EDDY_ASSIGN_OR_RETURN(std::string message, response.readNullableString());
    if (error != kafka_errors::kNone) {
      return IOError(fmt::format("FindCoordinator for transactional id {} failed with Kafka error {} {}",
                                 transactional_id, error, message));
    }
    EDDY_RETURN_IF_ERROR(response.readInt32().status());  // node_id
    EDDY_ASSIGN_OR_RETURN(std::string host, response.readString());
    EDDY_ASSIGN_OR_RETURN(int32_t port, response.readInt32());
    return connection(host, port);
  }
  return failure;
}

namespace {

// Runs `attempt` (one request, answering a Kafka error code) until its answer is not a
// retriable coordinator error and it did not fail on I/O, or `timeout_ms` passed.
template <typename Attempt, typename OnFailure>
Result<int16_t> retrying(const std::string& what, int64_t timeout_ms, Attempt attempt, OnFailure on_failure) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    Result<int16_t> answer = attempt();
    if (answer.ok() && !isRetriable(*answer)) return answer;
    on_failure();
    if (std::chrono::steady_clock::now() >= deadline) {
      return TimedOut(fmt::format("{} did not succeed within {} ms: {}", what, timeout_ms,
                                  answer.ok() ? fmt::format("Kafka error {}", *answer) : answer.status().message()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kRetryBackoffMs));
  }
}

}  // namespace

Result<TransactionDescription> TransactionCoordinatorClient::describeTransaction(const std::string& transactional_id) {
  TransactionDescription description;
  auto attempt = [&]() -> Result<int16_t> {
    EDDY_ASSIGN_OR_RETURN(Connection * coordinator_connection, coordinator(transactional_id));
    const int32_t correlation_id = next_correlation_id_++;
    KafkaRequestWriter request(kDescribeTransactionsKey, 0, correlation_id, true);
    request.writeCompactArrayLength(1);
    request.writeCompactString(transactional_id);
    request.writeEmptyTaggedFields();
    EDDY_ASSIGN_OR_RETURN(std::string body, coordinator_connection->roundTrip(request.finish(), correlation_id, true));
    KafkaResponseReader response(body);
    EDDY_RETURN_IF_ERROR(response.readInt32().status());  // throttle_time_ms
    EDDY_ASSIGN_OR_RETURN(size_t states, response.readCompactArrayLength());
    if (states != 1) return Corruption(fmt::format("DescribeTransactions answered {} states for 1 id", states));
    EDDY_ASSIGN_OR_RETURN(int16_t error, response.readInt16());
    if (error != kafka_errors::kNone) return error;
    EDDY_RETURN_IF_ERROR(response.readCompactString().status());  // transactional_id
    EDDY_ASSIGN_OR_RETURN(description.state, response.readCompactString());
    EDDY_RETURN_IF_ERROR(response.readInt32().status());  // transaction_timeout_ms
    EDDY_RETURN_IF_ERROR(response.readInt64().status());  // transaction_start_time_ms
    EDDY_ASSIGN_OR_RETURN(description.producer_id, response.readInt64());
    EDDY_ASSIGN_OR_RETURN(description.producer_epoch, response.readInt16());
    description.found = true;
    return error;
  };
  EDDY_ASSIGN_OR_RETURN(int16_t error,
                        retrying(fmt::format("Describing Kafka transaction {}", transactional_id), timeout_ms_, attempt,
                                 [this] { dropConnections(); }));
  if (error == kafka_errors::kTransactionalIdNotFound) return TransactionDescription{};
  if (error != kafka_errors::kNone) {
    return IOError(fmt::format("Describing Kafka transaction {} failed with Kafka error {}", transactional_id, error));
  }
  return description;
}

Result<int16_t> TransactionCoordinatorClient::endTransaction(const std::string& transactional_id, int64_t producer_id,
                                                             int16_t producer_epoch, bool commit) {
  auto attempt = [&]() -> Result<int16_t> {
    EDDY_ASSIGN_OR_RETURN(Connection * coordinator_connection, coordinator(transactional_id));
    const int32_t correlation_id = next_correlation_id_++;
    KafkaRequestWriter request(kEndTxnKey, 1, correlation_id, false);
    request.writeString(transactional_id);
    request.writeInt64(producer_id);
    request.writeInt16(producer_epoch);
    request.writeInt8(commit ? 1 : 0);
    EDDY_ASSIGN_OR_RETURN(std::string body, coordinator_connection->roundTrip(request.finish(), correlation_id, false));
    KafkaResponseReader response(body);
    EDDY_RETURN_IF_ERROR(response.readInt32().status());  // throttle_time_ms
    return response.readInt16();
  };
  return retrying(fmt::format("Ending Kafka transaction {}", transactional_id), timeout_ms_, attempt,
                  [this] { dropConnections(); });
}

}  // namespace eddy::connectors::kafka
