#pragma once

#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/catalog/table_result.h"
#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// Executes the statements that touch only the catalog and the session configuration —
// CREATE/DROP/ALTER TABLE, CREATE/DROP VIEW, SHOW, DESCRIBE, USE, SET, RESET — as Flink's
// TableEnvironmentImpl#executeSql and the SQL client do, returning Flink's result tables.
// Queries, INSERT, EXPLAIN and functions are NotSupported here (the planner runs them).
// Holds references to a CatalogManager and a session Configuration it does not own;
// RESET restores the `defaults` it was built with. Thread-compatible.
class StatementExecutor {
 public:
  StatementExecutor(CatalogManager& catalog_manager, Configuration& session, Configuration defaults = {});

  Result<TableResult> execute(const Statement& statement);

 private:
  Result<TableResult> createTable(const CreateTable& ddl);
  Result<TableResult> createView(const CreateView& ddl);
  Result<TableResult> drop(const DropObject& drop);
  Result<TableResult> alterTable(const AlterTable& alter);
  Result<TableResult> show(const Show& show);
  Result<TableResult> showCreateTable(const Show& show);
  Result<TableResult> describe(const Describe& describe);
  Result<TableResult> use(const Use& use);
  Result<TableResult> set(const SetStatement& set);
  Result<TableResult> reset(const ResetStatement& reset);

  CatalogManager& catalog_manager_;
  Configuration& session_;
  Configuration defaults_;
};

}  // namespace eddy::sql
