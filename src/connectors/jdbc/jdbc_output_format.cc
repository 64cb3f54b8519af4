#include "eddy/connectors/jdbc/jdbc_output_format.h"

#include <chrono>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "eddy/common/logging.h"

namespace eddy::connectors::jdbc {

int SimpleBatchStatementExecutor::countPlaceholders(const std::string& sql) {
  int count = 0;
  (void)toPostgresPlaceholders(sql, &count);
  return count;
}

Status SimpleBatchStatementExecutor::executeBatch(JdbcConnection& connection) {
  return connection.executeBatch(sql_, statement_);
}

namespace {

std::string describe(const JdbcConnectionOptions& options, const std::string& table_name) {
  Result<JdbcUrl> target = JdbcUrl::parse(options.getDbURL());
  std::string address = target.ok() ? target->address() : std::string("?");
  return fmt::format("table '{}' at {} ({})", table_name, address, maskJdbcUrl(options.getDbURL()));
}

}  // namespace

JdbcOutputFormat::JdbcOutputFormat(JdbcConnectionOptions connection_options, JdbcExecutionOptions execution_options,
                                   std::string table_name, std::unique_ptr<JdbcBatchStatementExecutor> executor)
    : connection_options_(std::move(connection_options)),
      execution_options_(execution_options),
      description_(describe(connection_options_, table_name)),
      executor_(std::move(executor)) {}

JdbcOutputFormat::~JdbcOutputFormat() { close(); }

Status JdbcOutputFormat::open() {
  std::unique_lock<std::mutex> guard(mutex_);
  Result<std::unique_ptr<JdbcConnection>> connection = JdbcConnection::open(connection_options_);
  if (!connection.ok()) {
    return IOError(fmt::format("unable to open JDBC writer for {}: {}", description_, connection.status().message()));
  }
  connection_ = std::move(connection).value();
  if (execution_options_.getBatchIntervalMs() != 0 && execution_options_.getBatchSize() != 1) {
    interval_thread_ = std::thread([this] { runIntervalFlushes(); });
  }
  return Status::OK();
}

void JdbcOutputFormat::runIntervalFlushes() {
  std::unique_lock<std::mutex> guard(mutex_);
  const auto interval = std::chrono::milliseconds(execution_options_.getBatchIntervalMs());
  while (!closed_) {
    closing_.wait_for(guard, interval, [this] { return closed_; });
    if (closed_ || !flush_exception_.ok() || batch_count_ == 0) continue;
    Status status = flushLocked();
    if (!status.ok()) flush_exception_ = status;
  }
}

Status JdbcOutputFormat::flush() {
  std::unique_lock<std::mutex> guard(mutex_);
  EDDY_RETURN_IF_ERROR(flush_exception_);
  return flushLocked();
}

Status JdbcOutputFormat::flushLocked() {
  const int max_retries = execution_options_.getMaxRetries();
  for (int i = 0; i <= max_retries; ++i) {
    Status status = connection_ ? Status::OK() : reconnect();
    if (status.ok()) status = executor_->executeBatch(*connection_);
    if (status.ok()) {
      executor_->clearBatch();
      batch_count_ = 0;
      return Status::OK();
    }
    log::error("JDBC executeBatch error for {}, retry times = {}: {}", description_, i, status.message());
    if (i >= max_retries) {
      return IOError(fmt::format("Writing records to JDBC failed: {}, after {} retries: {}", description_, max_retries,
                                 status.message()));
    }
    if (connection_ && !connection_->isValid(connection_options_.getConnectionCheckTimeoutSeconds())) {
      connection_.reset();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1000 * i));
  }
  return Status::OK();
}

Status JdbcOutputFormat::reconnect() {
  Result<std::unique_ptr<JdbcConnection>> connection = JdbcConnection::open(connection_options_);
  if (!connection.ok()) return connection.status();
  connection_ = std::move(connection).value();
  return Status::OK();
}

void JdbcOutputFormat::close() {
  {
    std::unique_lock<std::mutex> guard(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  closing_.notify_all();
  if (interval_thread_.joinable()) interval_thread_.join();
  std::unique_lock<std::mutex> guard(mutex_);
  connection_.reset();
}

}  // namespace eddy::connectors::jdbc
