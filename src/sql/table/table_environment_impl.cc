#include "sql/table/table_environment_impl.h"

#include <fmt/format.h>

#include <mutex>
#include <utility>

#include "eddy/api/data_stream.h"
#include "sql/connectors/factory_registry.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/query_planner.h"
#include "sql/runtime/calc_operator.h"
#include "sql/runtime/collect_rows_sink.h"
#include "sql/runtime/plan_translator.h"
#include "sql/table/function_ddl.h"

namespace eddy::table {

using sql::PlanNode;
using sql::PlanNodePtr;

namespace {

bool isBounded(const PlanNode& node) {
  if (node.kind == PlanNode::Kind::kTableSourceScan && !node.source->isBounded()) return false;
  for (const PlanNodePtr& input : node.inputs) {
    if (!isBounded(*input)) return false;
  }
  return true;
}

// The rows of a query as tableau prints them: every column CAST to STRING, as Flink's
// RowDataToStringConverter does with its cast rules.
std::shared_ptr<const sql::CalcProgram> toStringProgram(const types::LogicalType& row_type) {
  std::vector<types::RowField> fields;
  for (const types::RowField& field : row_type.fields()) fields.push_back(types::DataTypes::FIELD(field.name, types::DataTypes::STRING()));
  auto program = std::make_shared<sql::CalcProgram>(types::DataTypes::ROW(fields));
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    program->projections.emplace_back(sql::binder::castTo(
        sql::BoundExpr::inputRef(static_cast<int>(i), row_type.typeAt(i), {}), types::DataTypes::STRING()));
  }
  return program;
}

}  // namespace

std::unique_ptr<TableEnvironment> TableEnvironment::create(const Configuration& configuration) {
  return std::make_unique<TableEnvironmentImpl>(configuration);
}

TableEnvironmentImpl::TableEnvironmentImpl(const Configuration& configuration)
    : session_(configuration), defaults_(configuration), executor_(catalogs_, session_, configuration) {}

const sql::FactoryRegistry& TableEnvironmentImpl::factories() { return sql::defaultFactoryRegistry(); }

Result<std::vector<PlanNodePtr>> TableEnvironmentImpl::plan(const sql::Statement& statement, bool for_explain) {
  const sql::UserFunctionScope functions(&functions_);
  sql::QueryPlanner planner(catalogs_, session_, factories());
  planner.setDrawAbstractSyntaxTree(for_explain);
  std::vector<PlanNodePtr> plans;
  if (const auto* query = std::get_if<sql::QueryStatement>(&statement.node)) {
    EDDY_ASSIGN_OR_RETURN(PlanNodePtr planned, planner.planQuery(*query->query));
    plans.push_back(std::move(planned));
  } else if (const auto* insert = std::get_if<sql::Insert>(&statement.node)) {
    EDDY_ASSIGN_OR_RETURN(PlanNodePtr planned, planner.planInsert(*insert));
    plans.push_back(std::move(planned));
  } else if (const auto* set = std::get_if<sql::StatementSet>(&statement.node)) {
    for (const sql::Insert& each : set->inserts) {
      EDDY_ASSIGN_OR_RETURN(PlanNodePtr planned, planner.planInsert(each));
      plans.push_back(std::move(planned));
    }
  } else {
    return NotSupported("only queries, INSERT and statement sets run as jobs");
  }
  return plans;
}

Result<TableEnvironmentImpl::PreparedJob> TableEnvironmentImpl::prepare(const sql::Statement& statement,
                                                                        RowCallback on_row) {
  EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(statement));
  PreparedJob job;
  job.env = StreamExecutionEnvironment::getExecutionEnvironment(session_);
  if (restore_from_) {
    job.env->setRestoreFrom(restore_from_);
    restore_from_.reset();
  }
  sql::PlanTranslator translator(*job.env, sql::EvaluationContext{});
  for (const PlanNodePtr& root : plans) {
    job.bounded &= isBounded(*root);
    EDDY_ASSIGN_OR_RETURN(DataStream<sql::RowChunk> stream, translator.translate(*root));
    if (root->kind == PlanNode::Kind::kSink) {
      job.sink_tables.push_back(root->sink_table.asSummaryString());
      continue;
    }
    job.columns = root->fieldNames();
    auto program = toStringProgram(root->output_type);
    DataStream<sql::RowChunk> strings =
        stream.transform<sql::RowChunk>("Calc(tableau)", [program] { return std::make_unique<sql::CalcOperator>(program); });
    auto sink = std::make_shared<sql::CollectRowsSink>([on_row](const types::Row& row) {
      std::vector<std::optional<std::string>> fields;
      fields.reserve(row.getArity());
      for (const types::Value& value : row.fields()) {
        if (value.isNull()) {
          fields.emplace_back(std::nullopt);
        } else {
          fields.emplace_back(value.getString());
        }
      }
      on_row(row.getKind(), fields);
    });
    strings.sinkTo(sink, "collect");
  }
  job.job_name = job.sink_tables.empty() ? "collect" : "insert-into_" + fmt::format("{}", fmt::join(job.sink_tables, ","));
  return job;
}

Result<std::unique_ptr<runtime::JobClient>> TableEnvironmentImpl::start(PreparedJob& job) {
  return job.env->executeAsync(job.job_name);
}

Result<std::unique_ptr<runtime::JobClient>> TableEnvironmentImpl::submitSql(std::string_view statement,
                                                                             RowCallback on_row) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(statement));
  if (!on_row) on_row = [](types::RowKind, const std::vector<std::optional<std::string>>&) {};
  EDDY_ASSIGN_OR_RETURN(PreparedJob job, prepare(parsed, on_row));
  return start(job);
}

Result<sql::TableResult> TableEnvironmentImpl::executeSql(std::string_view statement) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(statement));
  if (const auto* explain = std::get_if<sql::Explain>(&parsed.node)) {
    bool changelog_mode = false;
    for (sql::ExplainDetail detail : explain->details) changelog_mode |= detail == sql::ExplainDetail::kChangelogMode;
    EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(*explain->statement, true));
    std::string text;
    for (const PlanNodePtr& root : plans) text += sql::explainPlan(*root, changelog_mode);
    return sql::TableResult{sql::TableResult::Kind::kSuccessWithContent, {"result"}, {{text}}, {}};
  }
  const bool is_job = std::holds_alternative<sql::QueryStatement>(parsed.node) ||
                      std::holds_alternative<sql::Insert>(parsed.node) ||
                      std::holds_alternative<sql::StatementSet>(parsed.node);
  if (!is_job) {
    if (const auto* show = std::get_if<sql::Show>(&parsed.node)) {
      if (show->kind == sql::Show::Kind::kFunctions || show->kind == sql::Show::Kind::kUserFunctions) {
        return sql::showFunctions(functions_, *show);
      }
    }
    if (std::optional<Result<sql::TableResult>> result = executeFunctionDdl(parsed, functions_)) return *result;
    const sql::UserFunctionScope functions(&functions_);
    return executor_.execute(parsed);
  }

  sql::TableResult result;
  result.kind = sql::TableResult::Kind::kSuccessWithContent;
  auto collected = std::make_shared<sql::TableResult>();
  auto mutex = std::make_shared<std::mutex>();
  EDDY_ASSIGN_OR_RETURN(
      PreparedJob job,
      prepare(parsed, [collected, mutex](types::RowKind kind, const std::vector<std::optional<std::string>>& fields) {
        std::lock_guard lock(*mutex);
        collected->rows.push_back(fields);
        collected->row_kinds.push_back(kind);
      }));
  const bool is_query = job.sink_tables.empty();
  if (is_query && !job.bounded) {
    return NotSupported("The query reads unbounded input and would not end: run it with submitSql");
  }
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<runtime::JobClient> client, start(job));
  if (job.bounded) {
    EDDY_RETURN_IF_ERROR(client->waitForCompletion());
  } else {
    running_.push_back(std::move(client));
  }
  if (is_query) {
    std::lock_guard lock(*mutex);
    result.columns = job.columns;
    result.rows = std::move(collected->rows);
    result.row_kinds = std::move(collected->row_kinds);
    return result;
  }
  result.columns = job.sink_tables;
  result.rows.push_back(std::vector<std::optional<std::string>>(job.sink_tables.size(), std::string("-1")));
  return result;
}

Result<std::vector<std::string>> TableEnvironmentImpl::queryColumns(std::string_view query) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(query));
  EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(parsed));
  return plans.front()->fieldNames();
}

Result<PlanNodePtr> TableEnvironmentImpl::planQuery(std::string_view query) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(query));
  if (!std::holds_alternative<sql::QueryStatement>(parsed.node)) {
    return InvalidArgument(
        "Unsupported SQL query! sqlQuery() only accepts a single SQL query of type SELECT, UNION, INTERSECT, EXCEPT, "
        "VALUES, and ORDER_BY.");
  }
  EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(parsed));
  return std::move(plans.front());
}

Result<sql::ObjectIdentifier> TableEnvironmentImpl::qualifyPath(std::string_view path) const {
  // The parser reads the path as DESCRIBE would (Flink's parser.parseIdentifier).
  Result<sql::Statement> parsed = sql::SqlParser::parseStatement("DESCRIBE " + std::string(path));
  const auto* describe = parsed.ok() ? std::get_if<sql::Describe>(&parsed->node) : nullptr;
  if (describe == nullptr) return InvalidArgument(fmt::format("Invalid path '{}'", path));
  return catalogs_.qualifyIdentifier(describe->name);
}

Result<Table> TableEnvironmentImpl::sqlQuery(std::string_view query) {
  EDDY_RETURN_IF_ERROR(planQuery(query).status());
  return Table(this, std::string(query));
}

Result<Table> TableEnvironmentImpl::from(std::string_view path) {
  EDDY_ASSIGN_OR_RETURN(sql::ObjectIdentifier identifier, qualifyPath(path));
  if (!catalogs_.getTable(identifier)) return InvalidArgument(fmt::format("Table {} was not found.", path));
  return Table(this, "SELECT * FROM " + identifier.asSerializableString());
}

Status TableEnvironmentImpl::createTemporaryView(std::string_view path, const Table& view) {
  EDDY_RETURN_IF_ERROR(view.status());
  EDDY_ASSIGN_OR_RETURN(sql::ObjectIdentifier identifier, qualifyPath(path));
  EDDY_RETURN_IF_ERROR(planQuery(view.asSerializableString()).status());
  return catalogs_.createTemporaryTable(sql::CatalogView{view.asSerializableString(), {}, std::nullopt}, identifier, false);
}

Result<ResolvedSchema> TableEnvironmentImpl::querySchema(std::string_view query) {
  EDDY_ASSIGN_OR_RETURN(PlanNodePtr root, planQuery(query));
  ResolvedSchema schema;
  const types::LogicalType& row_type = root->output_type;
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    types::LogicalType type = row_type.typeAt(i);
    if (static_cast<int>(i) == root->rowtime_field) type = type.withTimestampKind(types::TimestampKind::ROWTIME);
    schema.columns.push_back(ResolvedSchema::Column{row_type.fields()[i].name, std::move(type)});
  }
  return schema;
}

Result<std::string> TableEnvironmentImpl::explainSql(std::string_view statement, bool changelog_mode) {
  EDDY_ASSIGN_OR_RETURN(sql::Statement parsed, sql::SqlParser::parseStatement(statement));
  EDDY_ASSIGN_OR_RETURN(std::vector<PlanNodePtr> plans, plan(parsed, true));
  std::string text;
  for (const PlanNodePtr& root : plans) text += sql::explainPlan(*root, changelog_mode);
  return text;
}

}  // namespace eddy::table
