#include "sql/table/stream_table_environment_impl.h"

#include <fmt/format.h>

#include <utility>

#include "sql/connectors/factory_registry.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/changelog_inference.h"
#include "sql/table/conversion_operators.h"
#include "sql/table/external_dynamic_sink.h"
#include "sql/table/schema_resolution.h"

namespace eddy::table {

using sql::PlanNode;
using sql::PlanNodePtr;

std::unique_ptr<StreamTableEnvironment> StreamTableEnvironment::create(StreamExecutionEnvironment& env) {
  return std::make_unique<StreamTableEnvironmentImpl>(env);
}

StreamTableEnvironmentImpl::StreamTableEnvironmentImpl(StreamExecutionEnvironment& env)
    : TableEnvironmentImpl(env.getConfiguration()),
      env_(env),
      source_factory_(std::make_shared<ExternalDynamicSourceFactory>(&streams_)),
      translator_(env, sql::EvaluationContext{}) {}

const sql::FactoryRegistry& StreamTableEnvironmentImpl::factories() {
  registry_ = sql::defaultFactoryRegistry();
  registry_.registerFactory(source_factory_);
  return registry_;
}

Result<Table> StreamTableEnvironmentImpl::registerStream(DataStream<types::Row> stream,
                                                         const std::vector<types::RowField>& stream_fields,
                                                         const Schema& schema, const sql::ChangelogMode& mode) {
  const std::string id = std::to_string(next_source_);
  EDDY_ASSIGN_OR_RETURN(sql::CatalogTable table,
                        resolveDataStreamSchema(schema, stream_fields,
                                                {{"connector", ExternalDynamicSourceFactory::kIdentifier},
                                                 {"datastream.id", id},
                                                 {"changelog-mode", mode.toString()}}));
  const sql::ObjectIdentifier identifier{catalogs_.getCurrentCatalog(), catalogs_.getCurrentDatabase(),
                                         fmt::format("*anonymous_datastream_source${}*", id)};
  EDDY_RETURN_IF_ERROR(catalogs_.createTemporaryTable(std::move(table), identifier, false));
  ++next_source_;
  streams_.emplace(id, std::move(stream));
  return Table(this, "SELECT * FROM " + identifier.asSerializableString());
}

Result<Table> StreamTableEnvironmentImpl::fromDataStream(DataStream<types::Row> stream,
                                                         const std::vector<types::RowField>& stream_fields,
                                                         const Schema& schema) {
  return registerStream(std::move(stream), stream_fields, schema, sql::ChangelogMode::insertOnly());
}

Result<Table> StreamTableEnvironmentImpl::fromChangelogStream(DataStream<types::Row> stream, const Schema& schema,
                                                              sql::ChangelogMode mode) {
  return registerStream(std::move(stream), {}, schema, mode);
}

Status StreamTableEnvironmentImpl::createTemporaryView(std::string_view path, DataStream<types::Row> stream,
                                                       const Schema& schema) {
  EDDY_ASSIGN_OR_RETURN(Table table, fromDataStream(std::move(stream), {}, schema));
  return createTemporaryView(path, table);
}

Result<DataStream<types::Row>> StreamTableEnvironmentImpl::toStream(const Table& table, bool changelog) {
  EDDY_RETURN_IF_ERROR(table.status());
  EDDY_ASSIGN_OR_RETURN(PlanNodePtr query, planQuery(table.asSerializableString()));
  const int rowtime_field = query->rowtime_field;
  const std::string sink_name = fmt::format("*anonymous_datastream_sink${}*", next_sink_);
  auto sink = std::make_unique<PlanNode>(PlanNode::Kind::kSink);
  sink->sink = std::make_shared<ExternalDynamicSink>(changelog);
  sink->sink_table = sql::ObjectIdentifier{catalogs_.getCurrentCatalog(), catalogs_.getCurrentDatabase(), sink_name};
  sink->output_type = query->output_type;
  sink->inputs.push_back(std::move(query));
  if (Status status = sql::inferChangelogModes(*sink, std::nullopt); !status.ok()) {
    // Flink's anonymous sink has no catalog or database in its name.
    std::string message = status.message();
    const std::string qualified = sink->sink_table.asSummaryString();
    if (size_t at = message.find(qualified); at != std::string::npos) message.replace(at, qualified.size(), sink_name);
    return InvalidArgument(message);
  }
  ++next_sink_;
  EDDY_ASSIGN_OR_RETURN(DataStream<sql::RowChunk> chunks, translator_.translate(*sink));
  return chunks.transform<types::Row>("TableToDataStream", [rowtime_field] {
    return std::make_unique<OutputConversionOperator>(rowtime_field);
  });
}

Status StreamTableEnvironmentImpl::attachStatementSet(std::string_view statement_set) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(statement_set));
  EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(parsed));
  for (const PlanNodePtr& root : plans) EDDY_RETURN_IF_ERROR(translator_.translate(*root).status());
  return Status::OK();
}

StreamStatementSet StreamTableEnvironmentImpl::createStatementSet() {
  return StreamStatementSet(this, [this](std::string_view statement_set) { return attachStatementSet(statement_set); });
}

}  // namespace eddy::table
