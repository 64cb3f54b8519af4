#include "cli/sql_client.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/sql_client_materialized_result.h"
#include "cli/sql_client_reader.h"
#include "cli/sql_client_table_terminal.h"
#include "cli/sql_client_table_view.h"
#include "sql/parser/sql_parser.h"

namespace eddy::cli {
namespace {

constexpr const char* kPrompt = "Flink SQL> ";
constexpr const char* kContinuationPrompt = "> ";
constexpr const char* kResultModeKey = "sql-client.execution.result-mode";

volatile std::sig_atomic_t interrupted = 0;

void onInterrupt(int) { interrupted = 1; }

// SIGINT without SA_RESTART: a read at the prompt returns, so the client can drop the
// statement being typed; the process itself stays up.
void installInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
}

bool isQuit(const std::string& statement) {
  std::string word;
  for (char c : statement) word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word == "QUIT" || word == "EXIT";
}

Result<std::string> readFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("SQL file '" + path + "' can not be read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A query's changelog as Flink's client prints it in streaming tableau mode: an `op` column
// first, then "Received a total of N rows".
std::string printChangelogTableau(const sql::TableResult& result) {
  sql::TableResult with_op{sql::TableResult::Kind::kSuccessWithContent, {"op"}, {}, {}};
  with_op.columns.insert(with_op.columns.end(), result.columns.begin(), result.columns.end());
  for (size_t i = 0; i < result.rows.size(); ++i) {
    std::vector<std::optional<std::string>> row{std::string(types::shortString(result.row_kinds[i]))};
    row.insert(row.end(), result.rows[i].begin(), result.rows[i].end());
    with_op.rows.push_back(std::move(row));
  }
  std::string table;
  if (!with_op.rows.empty()) {
    table = sql::printTableau(with_op);
    table.erase(table.rfind('+') + 2);  // the "N rows in set" line
  }
  const size_t n = result.rows.size();
  return table + "Received a total of " + std::to_string(n) + (n > 1 ? " rows\n" : " row\n");
}

}  // namespace

SqlClient::SqlClient(std::ostream& out) : out_(out), table_env_(table::TableEnvironment::create()) {}

Status SqlClient::awaitJob(runtime::JobClient& job) {
  while (job.getJobStatus() == runtime::JobStatus::kRunning) {
    if (interrupted) {
      interrupted = 0;
      job.cancel();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return job.waitForCompletion();
}

bool SqlClient::executeUpdate(std::string_view sql) {
  out_ << "[INFO] Submitting SQL update statement to the cluster...\n" << std::flush;
  Result<std::unique_ptr<runtime::JobClient>> job = table_env_->submitSql(sql, nullptr);
  if (!job.ok()) {
    printError(job.status());
    return false;
  }
  out_ << "[INFO] SQL update statement has been successfully submitted to the cluster:\nJob ID: "
       << (*job)->getJobID() << "\n\n"
       << std::flush;
  if (Status status = awaitJob(**job); !status.ok()) {
    printError(status);
    return false;
  }
  out_ << "[INFO] Complete execution of the SQL update statement.\n\n";
  return true;
}

bool SqlClient::executeQuery(std::string_view sql) {
  std::string mode = table_env_->getConfig().getString(kResultModeKey, "tableau");
  std::transform(mode.begin(), mode.end(), mode.begin(), [](unsigned char c) { return std::tolower(c); });
  if (mode != "tableau" && !interactive_) {
    printError(InvalidArgument(
        "In non-interactive mode, it only supports to use TABLEAU as value of sql-client.execution.result-mode when "
        "execute query. Please add 'SET sql-client.execution.result-mode=TABLEAU;' in the sql file."));
    return false;
  }
  if (mode == "table") return executeQueryInTableMode(sql);
  Result<std::vector<std::string>> columns = table_env_->queryColumns(sql);
  if (!columns.ok()) {
    printError(columns.status());
    return false;
  }
  sql::TableResult result{sql::TableResult::Kind::kSuccessWithContent, std::move(*columns), {}, {}};
  std::mutex mutex;
  Result<std::unique_ptr<runtime::JobClient>> job = table_env_->submitSql(
      sql, [&](types::RowKind kind, const std::vector<std::optional<std::string>>& fields) {
        std::lock_guard lock(mutex);
        result.rows.push_back(fields);
        result.row_kinds.push_back(kind);
      });
  if (!job.ok()) {
    printError(job.status());
    return false;
  }
  const Status status = awaitJob(**job);
  std::lock_guard lock(mutex);
  out_ << printChangelogTableau(result) << "\n";
  if (!status.ok() && (*job)->getJobStatus() != runtime::JobStatus::kCanceled) {
    printError(status);
    return false;
  }
  return true;
}

bool SqlClient::executeQueryInTableMode(std::string_view sql) {
  Result<table::ResolvedSchema> schema = table_env_->querySchema(sql);
  if (!schema.ok()) {
    printError(schema.status());
    return false;
  }
  std::vector<std::string> names;
  std::vector<std::string> types;
  for (const table::ResolvedSchema::Column& column : schema->columns) {
    names.push_back(column.name);
    types.push_back(column.type.asSummaryString());
  }
  MaterializedResult result;
  std::mutex mutex;
  Result<std::unique_ptr<runtime::JobClient>> job = table_env_->submitSql(
      sql, [&](types::RowKind kind, const std::vector<std::optional<std::string>>& fields) {
        ResultRow row;
        for (const std::optional<std::string>& field : fields) row.push_back(field.value_or("NULL"));
        std::lock_guard lock(mutex);
        result.processRecord(kind, std::move(row));
      });
  if (!job.ok()) {
    printError(job.status());
    return false;
  }
  out_ << std::flush;
  CliTableResultView view(std::move(names), std::move(types));
  runTableResultView(STDIN_FILENO, STDOUT_FILENO, view, mutex, result,
                     [&] { return (*job)->getJobStatus() != runtime::JobStatus::kRunning; }, interrupted);
  interrupted = 0;
  if ((*job)->getJobStatus() == runtime::JobStatus::kRunning) (*job)->cancel();
  const Status status = (*job)->waitForCompletion();
  if (!status.ok() && (*job)->getJobStatus() != runtime::JobStatus::kCanceled) {
    printError(status);
    return false;
  }
  out_ << "[INFO] Result retrieval cancelled.\n\n";
  return true;
}

bool SqlClient::executeStatement(std::string_view sql) {
  Result<sql::Statement> statement = sql::SqlParser::parseStatement(sql);
  if (!statement.ok()) {
    printError(statement.status());
    return false;
  }
  if (std::holds_alternative<sql::SetStatement>(statement->node)) {
    const auto& set = std::get<sql::SetStatement>(statement->node);
    if (set.key && *set.key == kResultModeKey && set.value != "tableau" && set.value != "changelog" &&
        set.value != "table") {
      printError(InvalidArgument("Could not parse value '" + set.value.value_or("") + "' for key '" + kResultModeKey +
                                 "'. Expected one of: [table, changelog, tableau]"));
      return false;
    }
  }
  if (std::holds_alternative<sql::Insert>(statement->node) || std::holds_alternative<sql::StatementSet>(statement->node)) {
    return executeUpdate(sql);
  }
  if (std::holds_alternative<sql::QueryStatement>(statement->node)) return executeQuery(sql);
  Result<sql::TableResult> result = table_env_->executeSql(sql);
  if (!result.ok()) {
    printError(result.status());
    return false;
  }
  printResult(*statement, *result);
  return true;
}

void SqlClient::printResult(const sql::Statement& statement, const sql::TableResult& result) {
  if (result.kind == sql::TableResult::Kind::kSuccessWithContent) {
    out_ << sql::printTableau(result) << "\n";
    return;
  }
  if (const auto* set = std::get_if<sql::SetStatement>(&statement.node); set && set->key) {
    out_ << "[INFO] Session property has been set.\n\n";
  } else if (const auto* reset = std::get_if<sql::ResetStatement>(&statement.node)) {
    out_ << (reset->key ? "[INFO] Session property has been reset.\n\n"
                        : "[INFO] All session properties have been set to their default values.\n\n");
  } else {
    out_ << "[INFO] Execute statement succeed.\n\n";
  }
}

void SqlClient::printError(const Status& status) {
  out_ << "[ERROR] Could not execute SQL statement. Reason:\n" << status.message() << "\n\n";
}

bool SqlClient::executeScript(std::string_view script) {
  SqlStatementReader reader;
  std::vector<std::string> statements;
  size_t start = 0;
  while (start <= script.size()) {
    size_t end = script.find('\n', start);
    if (end == std::string_view::npos) end = script.size();
    for (std::string& statement : reader.addLine(script.substr(start, end - start))) {
      statements.push_back(std::move(statement));
    }
    start = end + 1;
  }
  if (std::string rest = reader.takeRest(); !rest.empty()) statements.push_back(std::move(rest));
  for (const std::string& statement : statements) {
    if (!executeStatement(statement)) return false;
  }
  return true;
}

void SqlClient::runInteractive(std::istream& in, bool prompt) {
  interactive_ = prompt;
  SqlStatementReader reader;
  while (true) {
    if (prompt) out_ << (reader.pending() ? kContinuationPrompt : kPrompt) << std::flush;
    std::string line;
    if (!std::getline(in, line)) {
      if (interrupted && !in.eof()) {
        interrupted = 0;
        in.clear();
        reader.clear();
        out_ << "\n";
        continue;
      }
      break;
    }
    for (const std::string& statement : reader.addLine(line)) {
      if (isQuit(statement)) {
        out_ << "[INFO] Exiting Eddy SQL client...\n";
        return;
      }
      executeStatement(statement);
      interrupted = 0;
    }
  }
  if (prompt) out_ << "\n[INFO] Exiting Eddy SQL client...\n";
}

int runSqlClient(const std::string& init_file, const std::string& script_file) {
  installInterruptHandler();
  SqlClient client(std::cout);
  if (!init_file.empty()) {
    Result<std::string> init = readFile(init_file);
    if (!init.ok()) {
      std::cerr << init.status().message() << "\n";
      return 1;
    }
    if (!client.executeScript(*init)) return 1;
  }
  if (!script_file.empty()) {
    Result<std::string> script = readFile(script_file);
    if (!script.ok()) {
      std::cerr << script.status().message() << "\n";
      return 1;
    }
    return client.executeScript(*script) ? 0 : 1;
  }
  client.runInteractive(std::cin, isatty(STDIN_FILENO) != 0);
  return 0;
}

int runSqlScript(const std::string& path) { return runSqlClient("", path); }

}  // namespace eddy::cli
