#include "sql/connectors/jdbc/jdbc_prepared_query.h"

#include <iterator>
#include <utility>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/jdbc/parameter_text.h"

namespace eddy::sql {

using connectors::jdbc::JdbcConnection;
using connectors::jdbc::JdbcDriverKind;
using connectors::jdbc::Parameter;
using connectors::jdbc::ParameterType;
using connectors::jdbc::QueryResult;

namespace {

// 'text' as an SQL string literal. MySQL also reads backslash escapes unless the session's
// sql_mode has NO_BACKSLASH_ESCAPES.
void appendQuoted(std::string_view text, bool backslash_escapes, std::string& out) {
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\\' && backslash_escapes) out += '\\';
    out += c;
  }
  out += '\'';
}

}  // namespace

JdbcPreparedQuery::JdbcPreparedQuery(JdbcDriverKind kind, std::string name,
                                     std::vector<types::LogicalType> parameter_types,
                                     std::vector<types::LogicalType> row_types)
    : kind_(kind),
      name_(std::move(name)),
      parameter_converter_(kind, parameter_types),
      row_converter_(kind, std::move(row_types)),
      parameters_(static_cast<int>(parameter_types.size())) {
  for (size_t i = 0; i < parameter_types.size(); ++i) parameter_positions_.push_back(static_cast<int>(i));
}

Status JdbcPreparedQuery::prepare(JdbcConnection& connection, const std::string& select) {
  if (kind_ == JdbcDriverKind::kPostgres) {
    return connection.execute(fmt::format("PREPARE {} AS {}", name_, connectors::jdbc::toPostgresPlaceholders(select)));
  }
  EDDY_ASSIGN_OR_RETURN(QueryResult server, connection.query("SELECT VERSION(), @@sql_mode"));
  if (server.rows.size() == 1 && server.rows[0].size() == 2) {
    mariadb_ = server.rows[0][0] && server.rows[0][0]->find("MariaDB") != std::string::npos;
    backslash_escapes_ = !server.rows[0][1] || server.rows[0][1]->find("NO_BACKSLASH_ESCAPES") == std::string::npos;
  }
  std::string sql = fmt::format("PREPARE {} FROM ", name_);
  appendQuoted(select, backslash_escapes_, sql);
  return connection.execute(sql);
}

Result<std::vector<types::Row>> JdbcPreparedQuery::execute(JdbcConnection& connection, const types::Row& parameters) {
  EDDY_RETURN_IF_ERROR(parameter_converter_.toExternal(parameters, parameter_positions_, parameters_));
  parameters_.addBatch();
  std::vector<std::string> literals;
  for (int i = 1; i <= parameters_.parameterCount(); ++i) {
    std::string literal;
    appendLiteral(parameters_.parameter(0, i), literal);
    literals.push_back(std::move(literal));
  }
  parameters_.clearBatch();
  QueryResult result;
  if (literals.empty()) {
    EDDY_ASSIGN_OR_RETURN(result, connection.query("EXECUTE " + name_));
  } else if (kind_ == JdbcDriverKind::kPostgres) {
    EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {}({})", name_, fmt::join(literals, ", "))));
  } else if (mariadb_) {
    EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {} USING {}", name_, fmt::join(literals, ", "))));
  } else {
    std::vector<std::string> assignments;
    std::vector<std::string> variables;
    for (size_t i = 0; i < literals.size(); ++i) {
      variables.push_back(fmt::format("@{}_{}", name_, i + 1));
      assignments.push_back(variables.back() + " = " + literals[i]);
    }
    EDDY_RETURN_IF_ERROR(connection.execute(fmt::format("SET {}", fmt::join(assignments, ", "))));
    EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {} USING {}", name_, fmt::join(variables, ", "))));
  }
  std::vector<types::Row> rows;
  rows.reserve(result.rows.size());
  for (const auto& text : result.rows) {
    EDDY_ASSIGN_OR_RETURN(types::Row row, row_converter_.toInternal(text));
    rows.push_back(std::move(row));
  }
  return rows;
}

// A value as a literal of the dialect: NULL; PostgreSQL's text of the value quoted (an
// untyped literal, read as the parameter's type inferred at PREPARE); for MySQL, numbers
// and decimals plain, booleans as TRUE/FALSE, bytes as X'…', other text quoted.
void JdbcPreparedQuery::appendLiteral(const Parameter& parameter, std::string& out) const {
  if (parameter.type == ParameterType::kNull) {
    out += "NULL";
    return;
  }
  if (kind_ == JdbcDriverKind::kMySql && parameter.type == ParameterType::kBoolean) {
    out += parameter.integer != 0 ? "TRUE" : "FALSE";
    return;
  }
  if (kind_ == JdbcDriverKind::kMySql && parameter.type == ParameterType::kBytes) {
    out += "X'";
    for (unsigned char c : parameters_.text(parameter)) fmt::format_to(std::back_inserter(out), "{:02x}", c);
    out += '\'';
    return;
  }
  const bool plain = kind_ == JdbcDriverKind::kMySql &&
                     (parameter.type == ParameterType::kInt || parameter.type == ParameterType::kLong ||
                      parameter.type == ParameterType::kFloat || parameter.type == ParameterType::kDouble ||
                      parameter.type == ParameterType::kDecimal);
  if (plain) {
    connectors::jdbc::appendPostgresText(parameters_, parameter, out);
    return;
  }
  std::string text;
  connectors::jdbc::appendPostgresText(parameters_, parameter, text);
  appendQuoted(text, kind_ == JdbcDriverKind::kMySql && backslash_escapes_, out);
}

}  // namespace eddy::sql
