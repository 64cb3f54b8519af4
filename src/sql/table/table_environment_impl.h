#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/api/stream_execution_environment.h"
#include "eddy/table/table_environment.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/catalog/function_catalog.h"
#include "sql/catalog/statement_executor.h"
#include "sql/connectors/factory_registry.h"
#include "sql/planner/plan_node.h"

namespace eddy::table {

// The TableEnvironment of one session: parses a statement, hands catalog statements to the
// StatementExecutor, plans queries and INSERTs with the QueryPlanner and runs them as jobs
// of a fresh StreamExecutionEnvironment configured from the session. The base of
// StreamTableEnvironmentImpl, which plans into the DataStream program's environment.
class TableEnvironmentImpl : public virtual TableEnvironment {
 public:
  explicit TableEnvironmentImpl(const Configuration& configuration);

  Result<sql::TableResult> executeSql(std::string_view statement) override;
  Result<std::unique_ptr<runtime::JobClient>> submitSql(std::string_view statement, RowCallback on_row) override;
  Result<std::vector<std::string>> queryColumns(std::string_view query) override;
  Result<std::string> explainSql(std::string_view statement, bool changelog_mode) override;
  void setRestoreFrom(std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint) override {
    restore_from_ = std::move(checkpoint);
  }
  Status createTemporarySystemFunction(std::string_view name, UserDefinedFunction function) override {
    return functions_.registerTemporarySystemFunction(name, std::move(function));
  }
  Status createTemporaryFunction(std::string_view path, UserDefinedFunction function) override {
    return functions_.registerTemporaryCatalogFunction(path, std::move(function));
  }
  bool dropTemporarySystemFunction(std::string_view name) override {
    return functions_.dropTemporarySystemFunction(name);
  }
  Result<bool> dropTemporaryFunction(std::string_view path) override { return functions_.dropTemporaryFunction(path); }
  std::vector<std::string> listUserDefinedFunctions() override { return functions_.getUserDefinedFunctions(); }
  Result<Table> sqlQuery(std::string_view query) override;
  Result<Table> from(std::string_view path) override;
  Status createTemporaryView(std::string_view path, const Table& view) override;
  Result<ResolvedSchema> querySchema(std::string_view query) override;
  Configuration& getConfig() override { return session_; }
  sql::CatalogManager& getCatalogManager() override { return catalogs_; }

 protected:
  // The connectors statements are planned with.
  virtual const sql::FactoryRegistry& factories();
  // The plans of a query, INSERT or statement set; for EXPLAIN with its abstract syntax tree.
  Result<std::vector<sql::PlanNodePtr>> plan(const sql::Statement& statement, bool for_explain = false);
  // A query's plan; InvalidArgument with Flink's message when `query` is not one.
  Result<sql::PlanNodePtr> planQuery(std::string_view query);
  // `path` ("t", "db.t", "cat.db.t", backquotes allowed) completed with the current
  // catalog and database.
  Result<sql::ObjectIdentifier> qualifyPath(std::string_view path) const;

  Configuration session_;
  sql::CatalogManager catalogs_;

 private:
  // A planned statement ready to run: its environment with the job built, and what it is.
  struct PreparedJob {
    std::unique_ptr<StreamExecutionEnvironment> env;
    std::string job_name;
    bool bounded = true;
    std::vector<std::string> columns;      // a query's
    std::vector<std::string> sink_tables;  // an INSERT's
  };

  Result<PreparedJob> prepare(const sql::Statement& statement, RowCallback on_row);
  Result<std::unique_ptr<runtime::JobClient>> start(PreparedJob& job);

  Configuration defaults_;
  sql::FunctionCatalog functions_{catalogs_};
  sql::StatementExecutor executor_;
  std::shared_ptr<const runtime::CompletedCheckpoint> restore_from_;
  // INSERT jobs on unbounded input keep running after executeSql returns.
  std::vector<std::unique_ptr<runtime::JobClient>> running_;
};

}  // namespace eddy::table
