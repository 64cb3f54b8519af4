#include "eddy/table/statement_set.h"

#include <fmt/format.h>

#include "eddy/table/table_environment.h"

namespace eddy::table {

StatementSet& StatementSet::addInsertSql(std::string_view statement) {
  statements_.emplace_back(statement);
  return *this;
}

StatementSet& StatementSet::addInsert(std::string_view table_path, const Table& table) {
  if (!table.status().ok()) {
    status_ = table.status();
    return *this;
  }
  statements_.push_back(fmt::format("INSERT INTO {} {}", table_path, table.asSerializableString()));
  return *this;
}

Result<std::string> StatementSet::statementSetSql() const {
  EDDY_RETURN_IF_ERROR(status_);
  if (statements_.empty()) return InvalidArgument("No operators defined in the statement set.");
  std::string script = "EXECUTE STATEMENT SET BEGIN\n";
  for (const std::string& statement : statements_) script += statement + ";\n";
  return script + "END";
}

Result<std::string> StatementSet::explain() const {
  EDDY_ASSIGN_OR_RETURN(std::string script, statementSetSql());
  return env_->explainSql(script);
}

Result<sql::TableResult> StatementSet::execute() {
  EDDY_ASSIGN_OR_RETURN(std::string script, statementSetSql());
  statements_.clear();
  return env_->executeSql(script);
}

Status StreamStatementSet::attachAsDataStream() {
  EDDY_ASSIGN_OR_RETURN(std::string script, statementSetSql());
  statements_.clear();
  return attach_(script);
}

}  // namespace eddy::table
