#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_execution_options.h"
#include "eddy/connectors/jdbc/jdbc_output_format.h"
#include "eddy/connectors/jdbc/prepared_statement.h"
#include "eddy/functions/sink.h"

namespace eddy::connectors::jdbc {

// The table a DML statement writes ("INSERT INTO t …", "UPDATE t …", "DELETE FROM t …",
// "REPLACE INTO t …", "MERGE INTO t …"), for error messages; "?" when it cannot tell.
std::string statementTableName(std::string_view sql);

namespace detail {

// The record type T of a statement builder `void(PreparedStatement&, const T&)`.
template <typename F>
struct StatementBuilderRecord : StatementBuilderRecord<decltype(&F::operator())> {};
template <typename C, typename T>
struct StatementBuilderRecord<void (C::*)(PreparedStatement&, T) const> {
  using type = std::remove_cvref_t<T>;
};
template <typename C, typename T>
struct StatementBuilderRecord<void (C::*)(PreparedStatement&, T)> {
  using type = std::remove_cvref_t<T>;
};
template <typename T>
struct StatementBuilderRecord<void (*)(PreparedStatement&, T)> {
  using type = std::remove_cvref_t<T>;
};
template <typename T, typename F>
struct RecordOf {
  using type = T;
};
template <typename F>
struct RecordOf<void, F> {
  using type = typename StatementBuilderRecord<F>::type;
};

// Failures inside a sink writer fail the job: the operator turns this into a job failure
// naming the sink.
inline void throwIfError(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.message());
}

}  // namespace detail

// Writes each record by running `sql` with the parameters `statement_builder` sets, through
// a JdbcOutputFormat (batching, interval flushes, retries). flush() writes the buffer; the
// sink operator calls flush(false) before it acknowledges a checkpoint (Flink's
// SinkWriterOperator#prepareSnapshotPreBarrier) and flush(true) at the end of input, so a
// completed checkpoint has every earlier record in the database: at-least-once, and
// exactly-once in effect when the statement is an idempotent upsert. Used by one task
// thread (plus the format's interval thread, which takes its lock).
template <typename T, typename F>
class JdbcSinkWriter final : public SinkWriter<T> {
 public:
  JdbcSinkWriter(const std::string& sql, F statement_builder, const JdbcExecutionOptions& execution_options,
                 const JdbcConnectionOptions& connection_options)
      : statement_builder_(std::move(statement_builder)) {
    auto executor =
        std::make_unique<SimpleBatchStatementExecutor>(sql, SimpleBatchStatementExecutor::countPlaceholders(sql));
    statement_ = &executor->statement();
    format_ = std::make_unique<JdbcOutputFormat>(connection_options, execution_options, statementTableName(sql),
                                                 std::move(executor));
    detail::throwIfError(format_->open());
  }

  void write(const T& element, int64_t) override {
    auto lock = format_->lock();
    detail::throwIfError(format_->checkFlushException());
    add(element);
  }
  void writeBatch(const runtime::RecordBatch<T>& batch) override {
    auto lock = format_->lock();
    detail::throwIfError(format_->checkFlushException());
    for (const T& value : batch.values) add(value);
  }
  void flush(bool) override { detail::throwIfError(format_->flush()); }
  void close() override { format_->close(); }

 private:
  void add(const T& value) {
    statement_builder_(*statement_, value);
    statement_->addBatch();
    detail::throwIfError(format_->recordAdded());
  }

  F statement_builder_;
  PreparedStatement* statement_ = nullptr;  // owned by the format's executor
  std::unique_ptr<JdbcOutputFormat> format_;
};

// The Sink behind JdbcSink::sink: a JdbcSinkWriter per parallel instance.
template <typename T, typename F>
class GenericJdbcSink final : public Sink<T> {
 public:
  GenericJdbcSink(std::string sql, F statement_builder, JdbcExecutionOptions execution_options,
                  JdbcConnectionOptions connection_options)
      : sql_(std::move(sql)),
        statement_builder_(std::move(statement_builder)),
        execution_options_(execution_options),
        connection_options_(std::move(connection_options)) {}

  std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<JdbcSinkWriter<T, F>>(sql_, statement_builder_, execution_options_, connection_options_);
  }

 private:
  std::string sql_;
  F statement_builder_;
  JdbcExecutionOptions execution_options_;
  JdbcConnectionOptions connection_options_;
};

// Flink's JdbcSink entry point, ported line by line:
//
//   stream.sinkTo(JdbcSink::sink(
//       "insert into books (id, title) values (?, ?)",
//       [](PreparedStatement& statement, const Book& book) {
//         statement.setLong(1, book.id);
//         statement.setString(2, book.title);
//       },
//       JdbcExecutionOptions::builder().withBatchSize(1000).withBatchIntervalMs(200).withMaxRetries(5).build(),
//       JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
//           .withUrl("jdbc:postgresql://dbhost:5432/postgresdb")
//           .withDriverName("org.postgresql.Driver")
//           .withUsername("someUser")
//           .withPassword("somePassword")
//           .build()));
//
// The record type comes from the builder's second parameter; give it explicitly
// (JdbcSink::sink<Book>(…)) for a generic lambda. The builder is called once per record,
// directly (no std::function).
class JdbcSink {
 public:
  template <typename T = void, typename F>
  static std::shared_ptr<Sink<typename detail::RecordOf<T, F>::type>> sink(std::string sql, F statement_builder,
                                                                           JdbcExecutionOptions execution_options,
                                                                           JdbcConnectionOptions connection_options) {
    using Record = typename detail::RecordOf<T, F>::type;
    return std::make_shared<GenericJdbcSink<Record, F>>(std::move(sql), std::move(statement_builder),
                                                        execution_options, std::move(connection_options));
  }
  // With the default execution options (batches of 5000, no interval, 3 retries).
  template <typename T = void, typename F>
  static std::shared_ptr<Sink<typename detail::RecordOf<T, F>::type>> sink(std::string sql, F statement_builder,
                                                                           JdbcConnectionOptions connection_options) {
    return sink<T>(std::move(sql), std::move(statement_builder), JdbcExecutionOptions::defaults(),
                   std::move(connection_options));
  }
};

}  // namespace eddy::connectors::jdbc
