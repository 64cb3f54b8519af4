#include "sql/connectors/jdbc/jdbc_dynamic_table_sink.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/connectors/jdbc/jdbc_sink.h"
#include "eddy/functions/sink.h"
#include "eddy/operators/sink_operator.h"
#include "sql/runtime/keyed_chunk_output.h"

namespace eddy::sql {
namespace {

using connectors::jdbc::JdbcConnectionOptions;
using connectors::jdbc::JdbcDmlOptions;
using connectors::jdbc::JdbcExecutionOptions;
using connectors::jdbc::JdbcRowOutputFormat;

// A writer failure fails the job, as JdbcSink's: the sink operator names the sink.
using connectors::jdbc::detail::throwIfError;

// The Sink<RowChunk> behind JdbcDynamicTableSink: a JdbcRowOutputFormat per parallel writer
// (Flink's GenericJdbcSinkFunction). Immutable; writers run in their task threads.
class JdbcRowChunkSink final : public Sink<RowChunk> {
 public:
  JdbcRowChunkSink(JdbcConnectionOptions connection, JdbcDmlOptions dml, JdbcExecutionOptions execution)
      : connection_(std::move(connection)), dml_(std::move(dml)), execution_(execution) {}

  std::unique_ptr<SinkWriter<RowChunk>> createWriter(const SinkWriterContext&) override {
    Result<std::unique_ptr<JdbcRowOutputFormat>> format = JdbcRowOutputFormat::open(connection_, dml_, execution_);
    throwIfError(format.status());
    return std::make_unique<Writer>(std::move(format).value());
  }

 private:
  // Hands the rows of a batch of chunks to the output format in one call. The rows vector
  // is reused; the format buffers (and reduces by key) what it is given.
  class Writer final : public SinkWriter<RowChunk> {
   public:
    explicit Writer(std::unique_ptr<JdbcRowOutputFormat> format) : format_(std::move(format)) {}

    void write(const RowChunk& chunk, int64_t) override {
      rows_.clear();
      append(chunk);
      throwIfError(format_->writeRows(rows_));
    }
    void writeBatch(const runtime::RecordBatch<RowChunk>& batch) override {
      rows_.clear();
      for (const RowChunk& chunk : batch.values) append(chunk);
      throwIfError(format_->writeRows(rows_));
    }
    void flush(bool) override { throwIfError(format_->flush()); }
    void close() override { format_->close(); }

   private:
    void append(const RowChunk& chunk) {
      for (size_t i = 0; i < chunk.size(); ++i) rows_.push_back(chunk.batch->getRow(i));
    }

    std::unique_ptr<JdbcRowOutputFormat> format_;
    std::vector<types::Row> rows_;
  };

  JdbcConnectionOptions connection_;
  JdbcDmlOptions dml_;
  JdbcExecutionOptions execution_;
};

}  // namespace

JdbcDynamicTableSink::JdbcDynamicTableSink(JdbcTableOptions options, JdbcDmlOptions dml,
                                           types::LogicalType physical_row_type)
    : options_(std::move(options)), dml_(std::move(dml)), physical_row_type_(std::move(physical_row_type)) {}

ChangelogMode JdbcDynamicTableSink::getChangelogMode(const ChangelogMode&) const {
  return dml_.key_fields.empty() ? ChangelogMode::insertOnly() : ChangelogMode::upsert();
}

Status JdbcDynamicTableSink::consumeDataStream(DataStream<RowChunk> stream) {
  auto sink = std::make_shared<JdbcRowChunkSink>(options_.connection, dml_, options_.execution);
  // Flink's 'table.exec.sink.keyed-shuffle' AUTO: a keyed sink with its own parallelism gets
  // its rows hashed by primary key, so that the changes of a key stay in order in one writer.
  StreamExecutionEnvironment::NetworkOutputFactory exchange;
  if (options_.sink_parallelism && !dml_.key_fields.empty()) {
    std::vector<int> key_positions;
    for (const std::string& key : dml_.key_fields) {
      auto it = std::find(dml_.field_names.begin(), dml_.field_names.end(), key);
      key_positions.push_back(static_cast<int>(it - dml_.field_names.begin()));
    }
    exchange = keyedChunkExchange(std::move(key_positions), physical_row_type_);
  }
  DataStream<RowChunk> writer = stream.transform<RowChunk>(
      asSummaryString(), [sink] { return std::make_unique<operators::SinkOperator<RowChunk>>(sink); },
      std::move(exchange));
  if (options_.sink_parallelism) writer.setParallelism(*options_.sink_parallelism);
  return Status::OK();
}

std::string JdbcDynamicTableSink::asSummaryString() const {
  return options_.summaryString();
}

}  // namespace eddy::sql
