#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include <memory>

#include "eddy/runtime/job_client.h"
#include "eddy/table/table_environment.h"
#include "sql/catalog/table_result.h"
#include "sql/parser/ast_statement.h"

namespace eddy::cli {

// The SQL client behind `eddy sql` and `eddy run job.sql`, as Flink's CliClient: executes
// statements in one session and prints what Flink's client prints — "[INFO] Execute
// statement succeed." for DDL, "[INFO] Session property has been set." for SET, results
// in the result mode of 'sql-client.execution.result-mode' ('tableau', the default, with
// the op column for queries; 'changelog': every change with its op; 'table': Flink's
// full-screen CliTableResultView of the materialized result, sql_client_table_view.h,
// left with Q for "[INFO] Result retrieval cancelled."), and failures as
//   [ERROR] Could not execute SQL statement. Reason:
//   <message>
// Statements run on a TableEnvironment: INSERT and statement sets run their job in this
// process until it ends (Flink's 'table.dml-sync' = 'true' — a local client has no cluster
// to leave the job on), printing "[INFO] Submitting SQL update statement to the
// cluster...", the Job ID and "[INFO] Complete execution of the SQL update statement.";
// queries collect their changelog until the job ends. Ctrl-C in the interactive client
// cancels the running job. As in Flink, a query whose result mode is not 'tableau' fails
// when the client does not run on a terminal (a script, piped input). Output goes to
// `out`. Not thread-safe.
class SqlClient {
 public:
  explicit SqlClient(std::ostream& out);

  // Executes one statement (without its ';') and prints its result; false if it failed.
  bool executeStatement(std::string_view sql);

  // Executes the statements of a script in order, stopping at the first failure (as
  // Flink's client does for -i and -f); false if one failed.
  bool executeScript(std::string_view script);

  // Reads statements from `in` until EOF, QUIT; or EXIT;, prompting `Flink SQL> ` on `out`
  // when `prompt` is set. A failing statement is reported and the client goes on.
  void runInteractive(std::istream& in, bool prompt);

 private:
  void printResult(const sql::Statement& statement, const sql::TableResult& result);
  void printError(const Status& status);
  bool executeUpdate(std::string_view sql);
  bool executeQuery(std::string_view sql);
  // A query in the 'table' result mode, shown full screen on the terminal (stdin/stdout).
  bool executeQueryInTableMode(std::string_view sql);
  // Waits for `job` to end, canceling it on Ctrl-C; the job's final status.
  Status awaitJob(runtime::JobClient& job);

  std::ostream& out_;
  std::unique_ptr<table::TableEnvironment> table_env_;
  // Whether the client runs on a terminal (runInteractive with a prompt).
  bool interactive_ = false;
};

// `eddy sql [-i init.sql] [-f script.sql]`: runs the init script, then the script (exit
// code 1 at its first failure) or, without -f, the interactive client on stdin, where
// Ctrl-C drops the statement being typed instead of ending the client.
int runSqlClient(const std::string& init_file, const std::string& script_file);

// `eddy run job.sql`: executes the script non-interactively; exit code 1 on the first error.
int runSqlScript(const std::string& path);

}  // namespace eddy::cli
