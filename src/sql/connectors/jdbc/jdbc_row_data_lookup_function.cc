#include "sql/connectors/jdbc/jdbc_row_data_lookup_function.h"

#include <chrono>
#include <iterator>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/jdbc/jdbc_row_converter.h"
#include "connectors/jdbc/parameter_text.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"

namespace eddy::sql {

using connectors::jdbc::JdbcConnection;
using connectors::jdbc::JdbcDialect;
using connectors::jdbc::JdbcDriverKind;
using connectors::jdbc::JdbcRowConverter;
using connectors::jdbc::Parameter;
using connectors::jdbc::ParameterType;
using connectors::jdbc::PreparedStatement;
using connectors::jdbc::QueryResult;

namespace {

// The name of the prepared statement; one per connection, and a connection per function.
constexpr const char* kStatementName = "eddy_lookup";

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

// The lookup statement prepared on one connection: PostgreSQL's `PREPARE eddy_lookup AS
// SELECT … WHERE k = $1` run as `EXECUTE eddy_lookup('v')`, MySQL's `PREPARE eddy_lookup FROM
// 'SELECT … WHERE k = ?'` run as `EXECUTE eddy_lookup USING 'v'` (MariaDB) or through user
// variables (MySQL, which takes only variables after USING). Key values are literals, which
// both servers type by the column they are compared with, as a bound parameter is.
class JdbcRowDataLookupFunction::Statement {
 public:
  Statement(JdbcDriverKind kind, const JdbcLookupSpec& spec, std::vector<types::LogicalType> key_types)
      : kind_(kind),
        key_converter_(kind, std::move(key_types)),
        row_converter_(kind, spec.field_types),
        parameters_(static_cast<int>(spec.key_names.size())) {
    for (size_t i = 0; i < spec.key_names.size(); ++i) key_positions_.push_back(static_cast<int>(i));
  }

  Status prepare(JdbcConnection& connection, const std::string& select) {
    if (kind_ == JdbcDriverKind::kPostgres) {
      return connection.execute(fmt::format("PREPARE {} AS {}", kStatementName,
                                            connectors::jdbc::toPostgresPlaceholders(select)));
    }
    EDDY_ASSIGN_OR_RETURN(QueryResult server, connection.query("SELECT VERSION(), @@sql_mode"));
    if (server.rows.size() == 1 && server.rows[0].size() == 2) {
      mariadb_ = server.rows[0][0] && server.rows[0][0]->find("MariaDB") != std::string::npos;
      backslash_escapes_ = !server.rows[0][1] || server.rows[0][1]->find("NO_BACKSLASH_ESCAPES") == std::string::npos;
    }
    std::string sql = fmt::format("PREPARE {} FROM ", kStatementName);
    appendQuoted(select, backslash_escapes_, sql);
    return connection.execute(sql);
  }

  Result<std::vector<types::Row>> execute(JdbcConnection& connection, const types::Row& key_row) {
    EDDY_RETURN_IF_ERROR(key_converter_.toExternal(key_row, key_positions_, parameters_));
    parameters_.addBatch();
    std::vector<std::string> literals;
    for (int i = 1; i <= parameters_.parameterCount(); ++i) {
      std::string literal;
      appendLiteral(parameters_.parameter(0, i), literal);
      literals.push_back(std::move(literal));
    }
    parameters_.clearBatch();
    QueryResult result;
    if (kind_ == JdbcDriverKind::kPostgres) {
      EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {}({})", kStatementName,
                                                                 fmt::join(literals, ", "))));
    } else if (mariadb_) {
      EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {} USING {}", kStatementName,
                                                                 fmt::join(literals, ", "))));
    } else {
      std::vector<std::string> assignments;
      std::vector<std::string> variables;
      for (size_t i = 0; i < literals.size(); ++i) {
        variables.push_back(fmt::format("@{}_{}", kStatementName, i + 1));
        assignments.push_back(variables.back() + " = " + literals[i]);
      }
      EDDY_RETURN_IF_ERROR(connection.execute(fmt::format("SET {}", fmt::join(assignments, ", "))));
      EDDY_ASSIGN_OR_RETURN(result, connection.query(fmt::format("EXECUTE {} USING {}", kStatementName,
                                                                 fmt::join(variables, ", "))));
    }
    std::vector<types::Row> rows;
    rows.reserve(result.rows.size());
    for (const auto& text : result.rows) {
      EDDY_ASSIGN_OR_RETURN(types::Row row, row_converter_.toInternal(text));
      rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  // A non-null key value as a literal of the dialect: PostgreSQL's text of the value quoted
  // (an untyped literal, read as the parameter's type inferred at PREPARE); for MySQL,
  // numbers and decimals plain, booleans as TRUE/FALSE, bytes as X'…', other text quoted.
  void appendLiteral(const Parameter& parameter, std::string& out) const {
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

  JdbcDriverKind kind_;
  JdbcRowConverter key_converter_;
  JdbcRowConverter row_converter_;
  std::vector<int> key_positions_;
  PreparedStatement parameters_;
  bool mariadb_ = false;
  bool backslash_escapes_ = true;
};

JdbcRowDataLookupFunction::JdbcRowDataLookupFunction(connectors::jdbc::JdbcConnectionOptions connection_options,
                                                     JdbcLookupSpec spec, int max_retries)
    : connection_options_(std::move(connection_options)), spec_(std::move(spec)), max_retries_(max_retries) {}

JdbcRowDataLookupFunction::~JdbcRowDataLookupFunction() = default;

Status JdbcRowDataLookupFunction::open() { return connect(); }

Status JdbcRowDataLookupFunction::connect() {
  statement_.reset();
  connection_.reset();
  EDDY_ASSIGN_OR_RETURN(connectors::jdbc::JdbcUrl target, connection_options_.connectionTarget());
  const JdbcDialect dialect(target.kind);
  std::vector<types::LogicalType> key_types;
  for (const std::string& key : spec_.key_names) {
    size_t field = 0;
    while (field < spec_.field_names.size() && spec_.field_names[field] != key) ++field;
    if (field == spec_.field_names.size()) {
      return InvalidArgument(fmt::format("lookup key '{}' is not a column of JDBC table '{}'", key, spec_.table_name));
    }
    key_types.push_back(spec_.field_types[field]);
  }
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JdbcConnection> connection, JdbcConnection::open(connection_options_));
  auto statement = std::make_unique<Statement>(target.kind, spec_, std::move(key_types));
  EDDY_RETURN_IF_ERROR(
      statement->prepare(*connection, dialect.getSelectFromStatement(spec_.table_name, spec_.field_names, spec_.key_names)));
  connection_ = std::move(connection);
  statement_ = std::move(statement);
  return Status::OK();
}

Result<std::vector<types::Row>> JdbcRowDataLookupFunction::query(const types::Row& key_row) {
  if (!connection_) EDDY_RETURN_IF_ERROR(connect());
  return statement_->execute(*connection_, key_row);
}

Result<std::vector<types::Row>> JdbcRowDataLookupFunction::lookup(const types::Row& key_row) {
  for (int retry = 0;; ++retry) {
    Result<std::vector<types::Row>> rows = query(key_row);
    // Only the server's errors are worth retrying (Flink retries SQLExceptions).
    if (rows.ok() || rows.status().code() != StatusCode::kIOError) return rows;
    if (retry >= max_retries_) {
      return IOError(fmt::format("Execution of JDBC statement failed: {}", rows.status().message()));
    }
    if (connection_ && !connection_->isValid(connection_options_.getConnectionCheckTimeoutSeconds())) {
      // Opened again by the next attempt.
      statement_.reset();
      connection_.reset();
    }
    std::this_thread::sleep_for(std::chrono::seconds(retry));
  }
}

void JdbcRowDataLookupFunction::close() {
  statement_.reset();
  connection_.reset();
}

}  // namespace eddy::sql
