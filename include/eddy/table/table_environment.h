#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/runtime/job_client.h"
#include "eddy/table/functions/user_defined_function.h"
#include "eddy/table/resolved_schema.h"
#include "eddy/table/statement_set.h"
#include "eddy/table/table.h"
#include "eddy/types/row_kind.h"
#include "sql/catalog/table_result.h"

namespace eddy::sql {
class CatalogManager;
}  // namespace eddy::sql

namespace eddy::table {

// The entry point of Flink SQL in Eddy (Flink's TableEnvironment): a session with its
// catalogs and configuration that executes statements.
//
// executeSql(statement):
//   CREATE/DROP/ALTER, SHOW, DESCRIBE, USE, SET, RESET   the catalog's result tables;
//   SELECT / VALUES / WITH   runs the query on bounded input to its end and returns the
//                            columns, every row as Flink's tableau prints its values, and the
//                            RowKind of every row (the changelog); unbounded input is an
//                            error pointing to submitSql;
//   INSERT INTO / STATEMENT SET   runs the job (to its end when its input is bounded,
//                            otherwise it keeps running) and returns Flink's result: one
//                            column per sink table ("default_catalog.default_database.t")
//                            with the value -1;
//   EXPLAIN [CHANGELOG_MODE] ...  the plan in Flink's three sections.
// Not thread-safe: one session, one thread. Jobs run on their own threads.
class TableEnvironment {
 public:
  // Receives the rows of a query started with submitSql, from the job's sink thread: the
  // row's kind and its values as printed in tableau mode (nullopt for NULL).
  using RowCallback =
      std::function<void(types::RowKind kind, const std::vector<std::optional<std::string>>& fields)>;

  // A session configured by `configuration` (pipeline.*, parallelism.default,
  // execution.checkpointing.*, table.*); SET changes it for the statements after.
  static std::unique_ptr<TableEnvironment> create(const Configuration& configuration = {});

  virtual ~TableEnvironment() = default;

  virtual Result<sql::TableResult> executeSql(std::string_view statement) = 0;

  // Starts a query (rows go to `on_row`) or an INSERT (on_row unused) and returns at once;
  // the JobClient cancels it, waits for it or takes checkpoints. For the SQL client and for
  // unbounded queries.
  virtual Result<std::unique_ptr<runtime::JobClient>> submitSql(std::string_view statement, RowCallback on_row) = 0;

  // The column names a query would return, without running it.
  virtual Result<std::vector<std::string>> queryColumns(std::string_view query) = 0;

  // EXPLAIN of a query or INSERT: Flink's three sections; with `changelog_mode` every
  // physical node shows changelogMode=[...].
  virtual Result<std::string> explainSql(std::string_view statement, bool changelog_mode = false) = 0;

  // The next job started restores from `checkpoint` (Flink's execution.savepoint.path).
  virtual void setRestoreFrom(std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint) = 0;

  // Registers a user-defined function as a temporary system function (Flink's
  // createTemporarySystemFunction): callable by `name`, case-insensitively, from every
  // catalog and database; it shadows a built-in function of the same name. Fails when a
  // temporary system function of that name exists.
  virtual Status createTemporarySystemFunction(std::string_view name, UserDefinedFunction function) = 0;
  // Registers a temporary catalog function at `path` ("f", "db.f" or "cat.db.f"; Flink's
  // createTemporaryFunction), callable while its catalog and database are current.
  virtual Status createTemporaryFunction(std::string_view path, UserDefinedFunction function) = 0;
  // Whether a function of that name or path was registered (and is now dropped).
  virtual bool dropTemporarySystemFunction(std::string_view name) = 0;
  virtual Result<bool> dropTemporaryFunction(std::string_view path) = 0;
  // The names of the user-defined functions, sorted, as SHOW USER FUNCTIONS lists them.
  virtual std::vector<std::string> listUserDefinedFunctions() = 0;

  // The Table API. A Table of a SELECT, VALUES or WITH query, planned now so that mistakes
  // are reported here (Flink's sqlQuery); it may read temporary views of Tables.
  virtual Result<Table> sqlQuery(std::string_view query) = 0;
  // A Table of the table or view at `path` ("t", "db.t" or "cat.db.t"; Flink's from).
  virtual Result<Table> from(std::string_view path) = 0;
  // Registers `view` as a temporary view at `path`, readable by SQL and from(); fails when
  // the Table does not plan or a temporary object of that name exists.
  virtual Status createTemporaryView(std::string_view path, const Table& view) = 0;
  // The schema `query` would return, without running it (Table::getResolvedSchema).
  virtual Result<ResolvedSchema> querySchema(std::string_view query) = 0;
  // An empty set of INSERTs that run as one job.
  StatementSet createStatementSet() { return StatementSet(this); }

  virtual Configuration& getConfig() = 0;
  virtual sql::CatalogManager& getCatalogManager() = 0;
};

}  // namespace eddy::table
