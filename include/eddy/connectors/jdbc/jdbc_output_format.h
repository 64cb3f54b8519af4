#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_execution_options.h"
#include "eddy/connectors/jdbc/prepared_statement.h"

namespace eddy::connectors::jdbc {

class JdbcConnection;

// Turns buffered records into statements on flush (Flink's JdbcBatchStatementExecutor).
// The records are added by the owner of the executor, under the JdbcOutputFormat's lock.
class JdbcBatchStatementExecutor {
 public:
  virtual ~JdbcBatchStatementExecutor() = default;
  // Writes everything buffered. On failure the buffer stays, so that a retry writes it again.
  virtual Status executeBatch(JdbcConnection& connection) = 0;
  // Drops the buffer after a successful executeBatch.
  virtual void clearBatch() = 0;
};

// Runs one SQL statement with `?` placeholders for each buffered row of parameters (Flink's
// SimpleBatchStatementExecutor, used by JdbcSink::sink).
class SimpleBatchStatementExecutor final : public JdbcBatchStatementExecutor {
 public:
  SimpleBatchStatementExecutor(std::string sql, int parameter_count) : sql_(std::move(sql)), statement_(parameter_count) {}
  // Counts the `?` placeholders of `sql` outside quotes and comments.
  static int countPlaceholders(const std::string& sql);

  PreparedStatement& statement() { return statement_; }
  Status executeBatch(JdbcConnection& connection) override;
  void clearBatch() override { statement_.clearBatch(); }

 private:
  std::string sql_;
  PreparedStatement statement_;
};

// Buffers records and writes them in batches with retries, as Flink's JdbcOutputFormat:
//
//   open → (lock; add records to the executor; recordAdded)* / flush → close
//
// A flush happens when batch-size records are buffered (recordAdded), every batch-interval
// from a background thread, and when the owner calls flush() (on a checkpoint and at the end
// of input). A failed flush is retried max-retries times; before each retry the connection
// is checked and re-opened when the server no longer answers, sleeping 1 s × the attempt
// number, as Flink. Unlike Flink, a failed re-connect counts as a failed attempt instead of
// failing at once, so that a restarting server is waited for. Errors name the table, the
// server and the url with its password masked.
//
// Thread-safety: every call but lock() REQUIRES the caller to hold lock() except open(),
// flush() and close(), which take it themselves; the interval thread takes it too.
class JdbcOutputFormat {
 public:
  JdbcOutputFormat(JdbcConnectionOptions connection_options, JdbcExecutionOptions execution_options,
                   std::string table_name, std::unique_ptr<JdbcBatchStatementExecutor> executor);
  ~JdbcOutputFormat();
  JdbcOutputFormat(const JdbcOutputFormat&) = delete;
  JdbcOutputFormat& operator=(const JdbcOutputFormat&) = delete;

  // Connects (no retries, as Flink: a job that cannot reach its database fails at start and
  // is restarted by its restart strategy) and starts the interval thread.
  Status open();

  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }
  // The error of a failed interval flush, or OK. REQUIRES: lock held.
  const Status& checkFlushException() const { return flush_exception_; }
  // Counts one more buffered record and flushes when batch-size are buffered. REQUIRES: lock held.
  Status recordAdded() { return recordsAdded(1); }
  // recordAdded() for `count` records at once. REQUIRES: lock held, count <= batchSpace().
  Status recordsAdded(int count) {
    batch_count_ += count;
    if (batch_count_ >= execution_options_.getBatchSize()) return flushLocked();
    return Status::OK();
  }
  // Records that fit before the next size-triggered flush. REQUIRES: lock held.
  int batchSpace() const { return execution_options_.getBatchSize() - batch_count_; }
  // Writes what is buffered.
  Status flush();
  // Stops the interval thread and closes the connection, without writing what is buffered
  // (the owner flushes at the end of input; a cancelled job replays from its checkpoint).
  void close();

  JdbcBatchStatementExecutor& executor() { return *executor_; }
  // The open connection (null before open() or after a lost one); for tests. REQUIRES: lock held.
  JdbcConnection* connection() { return connection_.get(); }
  // "table 'page_counts' at 127.0.0.1:5432 (jdbc:postgresql://…)", for messages.
  const std::string& description() const { return description_; }

 private:
  Status flushLocked();
  Status reconnect();
  void runIntervalFlushes();

  JdbcConnectionOptions connection_options_;
  JdbcExecutionOptions execution_options_;
  std::string description_;
  std::unique_ptr<JdbcBatchStatementExecutor> executor_;
  std::unique_ptr<JdbcConnection> connection_;
  std::mutex mutex_;
  std::condition_variable closing_;
  bool closed_ = false;
  int batch_count_ = 0;
  Status flush_exception_;
  std::thread interval_thread_;
};

}  // namespace eddy::connectors::jdbc
