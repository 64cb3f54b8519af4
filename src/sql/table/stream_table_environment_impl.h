#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/table/stream_table_environment.h"
#include "sql/runtime/plan_translator.h"
#include "sql/table/external_dynamic_source.h"
#include "sql/table/table_environment_impl.h"

namespace eddy::table {

// The StreamTableEnvironment over one StreamExecutionEnvironment. A DataStream becomes a
// temporary table `*anonymous_datastream_source$N*` (connector 'datastream', read by an
// ExternalDynamicSource); a Table becomes a DataStream by planning it into an
// ExternalDynamicSink and translating the plan into the environment with one
// PlanTranslator for the environment's lifetime, so that uids stay unique and plans shared
// by several conversions are translated once.
class StreamTableEnvironmentImpl final : public TableEnvironmentImpl, public StreamTableEnvironment {
 public:
  explicit StreamTableEnvironmentImpl(StreamExecutionEnvironment& env);

  Result<Table> fromDataStream(DataStream<types::Row> stream, const std::vector<types::RowField>& stream_fields,
                               const Schema& schema) override;
  Result<Table> fromChangelogStream(DataStream<types::Row> stream, const Schema& schema,
                                    sql::ChangelogMode mode) override;
  Status createTemporaryView(std::string_view path, DataStream<types::Row> stream, const Schema& schema) override;
  Status createTemporaryView(std::string_view path, const Table& view) override {
    return TableEnvironmentImpl::createTemporaryView(path, view);
  }
  Result<DataStream<types::Row>> toDataStream(const Table& table) override { return toStream(table, false); }
  Result<DataStream<types::Row>> toChangelogStream(const Table& table) override { return toStream(table, true); }
  StreamStatementSet createStatementSet() override;

 protected:
  const sql::FactoryRegistry& factories() override;

 private:
  // Registers `stream` as an anonymous temporary table and returns a Table reading it.
  Result<Table> registerStream(DataStream<types::Row> stream, const std::vector<types::RowField>& stream_fields,
                               const Schema& schema, const sql::ChangelogMode& mode);
  Result<DataStream<types::Row>> toStream(const Table& table, bool changelog);
  // Adds the INSERTs of EXECUTE STATEMENT SET to the environment's job.
  Status attachStatementSet(std::string_view statement_set);

  StreamExecutionEnvironment& env_;
  DataStreamRegistry streams_;
  std::shared_ptr<ExternalDynamicSourceFactory> source_factory_;
  // The built-in connectors plus 'datastream'; refreshed for every plan, so that
  // factories registered later (tests) are found.
  sql::FactoryRegistry registry_;
  sql::PlanTranslator translator_;
  int next_source_ = 1;
  int next_sink_ = 1;
};

}  // namespace eddy::table
