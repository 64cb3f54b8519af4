#include "connectors/jdbc/mysql_connection.h"

#include <mysql.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "connectors/jdbc/parameter_text.h"

namespace eddy::connectors::jdbc {
namespace {

class MySqlConnection final : public JdbcConnection {
 public:
  MySqlConnection(MYSQL* conn, std::string address, std::string password)
      : conn_(conn), address_(std::move(address)), password_(std::move(password)) {}
  ~MySqlConnection() override {
    for (auto& [sql, stmt] : prepared_) mysql_stmt_close(stmt);
    mysql_close(conn_);
  }

  // Inside START TRANSACTION … COMMIT: one bulk execution of the whole batch with array
  // binding on MariaDB servers (one round trip), else one execution per row.
  Status executeBatch(const std::string& sql, const PreparedStatement& statement) override {
    if (statement.batchSize() == 0) return Status::OK();
    EDDY_ASSIGN_OR_RETURN(MYSQL_STMT * stmt, prepare(sql));
    if (static_cast<int>(mysql_stmt_param_count(stmt)) != statement.parameterCount()) {
      return InvalidArgument(fmt::format("the statement has {} placeholders but {} parameters are set: {}",
                                         mysql_stmt_param_count(stmt), statement.parameterCount(), sql));
    }
    EDDY_RETURN_IF_ERROR(execute("START TRANSACTION"));
    Status status = Status::OK();
    if (statement.batchSize() > 1 && bulkSupported() && bindColumns(statement)) {
      unsigned int rows = static_cast<unsigned int>(statement.batchSize());
      unsigned int single = 0;
      if (mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &rows) != 0 ||
          mysql_stmt_bind_param(stmt, binds_.data()) != 0 || mysql_stmt_execute(stmt) != 0) {
        status = stmtError(stmt);
      }
      mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &single);
    } else {
      for (size_t row = 0; row < statement.batchSize() && status.ok(); ++row) {
        bindRow(statement, row);
        if (mysql_stmt_bind_param(stmt, binds_.data()) != 0 || mysql_stmt_execute(stmt) != 0) {
          status = stmtError(stmt);
        }
      }
    }
    if (!status.ok()) {
      (void)mysql_query(conn_, "ROLLBACK");
      return status;
    }
    return execute("COMMIT");
  }

  Status execute(const std::string& sql) override {
    if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) return error();
    // Statements that return rows: drop them.
    if (MYSQL_RES* result = mysql_store_result(conn_)) mysql_free_result(result);
    return Status::OK();
  }

  Result<QueryResult> query(const std::string& sql) override {
    if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) return error();
    MYSQL_RES* result = mysql_use_result(conn_);
    if (result == nullptr) return error();
    QueryResult rows;
    const unsigned columns = mysql_num_fields(result);
    MYSQL_FIELD* fields = mysql_fetch_fields(result);
    for (unsigned c = 0; c < columns; ++c) rows.column_names.emplace_back(fields[c].name);
    while (MYSQL_ROW values = mysql_fetch_row(result)) {
      unsigned long* lengths = mysql_fetch_lengths(result);
      auto& row = rows.rows.emplace_back(columns);
      for (unsigned c = 0; c < columns; ++c) {
        if (values[c] != nullptr) row[c] = std::string(values[c], lengths[c]);
      }
    }
    bool failed = mysql_errno(conn_) != 0;
    mysql_free_result(result);
    if (failed) return error();
    return rows;
  }

  bool isValid(int timeout_seconds) override {
    (void)timeout_seconds;  // the read timeout set at connect bounds the ping
    return mysql_ping(conn_) == 0;
  }


 private:
  Result<MYSQL_STMT*> prepare(const std::string& sql) {
    auto it = prepared_.find(sql);
    if (it != prepared_.end()) return it->second;
    MYSQL_STMT* stmt = mysql_stmt_init(conn_);
    if (stmt == nullptr) return error();
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
      Status status = stmtError(stmt);
      mysql_stmt_close(stmt);
      return status;
    }
    return prepared_.emplace(sql, stmt).first->second;
  }

  // The bind type of a parameter: numbers natively, dates, times, timestamps and decimals as
  // strings the server converts to the column's type.
  // Whether the server takes array binding (MariaDB 10.2+, not MySQL), as
  // MARIADB_STMT_BULK_SUPPORTED without reaching into Connector/C's private structs.
  bool bulkSupported() const {
    unsigned long capabilities = 0;
    unsigned long extended = 0;
    mariadb_get_infov(conn_, MARIADB_CONNECTION_SERVER_CAPABILITIES, &capabilities);
    mariadb_get_infov(conn_, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended);
    return (capabilities & CLIENT_MYSQL) == 0 && (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
  }

  static enum_field_types bindType(ParameterType type) {
    switch (type) {
      case ParameterType::kNull: return MYSQL_TYPE_NULL;
      case ParameterType::kBoolean: return MYSQL_TYPE_TINY;
      case ParameterType::kInt:
      case ParameterType::kLong: return MYSQL_TYPE_LONGLONG;
      case ParameterType::kFloat:
      case ParameterType::kDouble: return MYSQL_TYPE_DOUBLE;
      case ParameterType::kBytes: return MYSQL_TYPE_BLOB;
      default: return MYSQL_TYPE_STRING;
    }
  }

  // Appends the text of a string-bound parameter to text_.
  void appendText(const PreparedStatement& statement, const Parameter& parameter) {
    switch (parameter.type) {
      case ParameterType::kDate: appendDateText(parameter.integer, text_); break;
      case ParameterType::kTime: appendTimeText(parameter.integer, text_); break;
      case ParameterType::kTimestamp: appendTimestampText(parameter.integer, parameter.nanos, text_); break;
      default: text_ += statement.text(parameter); break;
    }
  }

  // Column-wise array binding of the whole batch into binds_ (Connector/C bulk execution):
  // fixed-size values in arrays, strings as arrays of pointers and lengths, NULLs through
  // indicators. False when a column mixes bind types across rows (then rows go one by one).
  bool bindColumns(const PreparedStatement& statement) {
    const int n = statement.parameterCount();
    const size_t rows = statement.batchSize();
    binds_.assign(n, MYSQL_BIND{});
    const size_t cells = rows * n;
    if (integers_.size() < cells) {
      integers_.resize(cells);
      doubles_.resize(cells);
      tiny_.resize(cells);
      pointers_.resize(cells);
      lengths_.resize(cells);
      offsets_.resize(cells);
      indicators_.resize(cells);
    }
    text_.clear();
    for (int i = 0; i < n; ++i) {
      enum_field_types type = MYSQL_TYPE_NULL;
      for (size_t row = 0; row < rows; ++row) {
        const Parameter& parameter = statement.parameter(row, i + 1);
        const size_t cell = i * rows + row;
        indicators_[cell] = parameter.type == ParameterType::kNull ? STMT_INDICATOR_NULL : STMT_INDICATOR_NONE;
        if (parameter.type == ParameterType::kNull) continue;
        enum_field_types row_type = bindType(parameter.type);
        if (type != MYSQL_TYPE_NULL && type != row_type) return false;
        type = row_type;
        integers_[cell] = parameter.integer;
        doubles_[cell] = parameter.floating;
        tiny_[cell] = static_cast<signed char>(parameter.integer);
        offsets_[cell] = text_.size();
        if (type == MYSQL_TYPE_STRING || type == MYSQL_TYPE_BLOB) appendText(statement, parameter);
        lengths_[cell] = text_.size() - offsets_[cell];
      }
      MYSQL_BIND& b = binds_[i];
      b.buffer_type = type == MYSQL_TYPE_NULL ? MYSQL_TYPE_STRING : type;
      b.u.indicator = &indicators_[i * rows];
      if (type == MYSQL_TYPE_LONGLONG) b.buffer = &integers_[i * rows];
      if (type == MYSQL_TYPE_DOUBLE) b.buffer = &doubles_[i * rows];
      if (type == MYSQL_TYPE_TINY) b.buffer = &tiny_[i * rows];
      if (type == MYSQL_TYPE_STRING || type == MYSQL_TYPE_BLOB || type == MYSQL_TYPE_NULL) {
        b.buffer = &pointers_[i * rows];
        b.length = &lengths_[i * rows];
      }
    }
    // text_ no longer grows: point into it.
    for (size_t cell = 0; cell < cells; ++cell) pointers_[cell] = text_.data() + offsets_[cell];
    return true;
  }

  // Binds one row into binds_.
  void bindRow(const PreparedStatement& statement, size_t row) {
    const int n = statement.parameterCount();
    binds_.assign(n, MYSQL_BIND{});
    if (lengths_.size() < static_cast<size_t>(n)) {
      lengths_.resize(n);
      tiny_.resize(n);
      offsets_.resize(n);
    }
    text_.clear();
    for (int i = 0; i < n; ++i) {
      const Parameter& parameter = statement.parameter(row, i + 1);
      offsets_[i] = text_.size();
      if (parameter.type == ParameterType::kDate || parameter.type == ParameterType::kTime ||
          parameter.type == ParameterType::kTimestamp) {
        appendText(statement, parameter);
      }
    }
    for (int i = 0; i < n; ++i) {
      const Parameter& parameter = statement.parameter(row, i + 1);
      MYSQL_BIND& b = binds_[i];
      switch (parameter.type) {
        case ParameterType::kNull:
          b.buffer_type = MYSQL_TYPE_NULL;
          break;
        case ParameterType::kBoolean:
          tiny_[i] = static_cast<signed char>(parameter.integer);
          b.buffer_type = MYSQL_TYPE_TINY;
          b.buffer = &tiny_[i];
          break;
        case ParameterType::kInt:
        case ParameterType::kLong:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = const_cast<int64_t*>(&parameter.integer);
          break;
        case ParameterType::kFloat:
        case ParameterType::kDouble:
          b.buffer_type = MYSQL_TYPE_DOUBLE;
          b.buffer = const_cast<double*>(&parameter.floating);
          break;
        case ParameterType::kString:
        case ParameterType::kDecimal:
        case ParameterType::kBytes: {
          std::string_view text = statement.text(parameter);
          b.buffer_type = parameter.type == ParameterType::kBytes ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
          b.buffer = const_cast<char*>(text.data());
          lengths_[i] = text.size();
          b.buffer_length = text.size();
          b.length = &lengths_[i];
          break;
        }
        case ParameterType::kDate:
        case ParameterType::kTime:
        case ParameterType::kTimestamp: {
          size_t end = i + 1 < n ? offsets_[i + 1] : text_.size();
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = text_.data() + offsets_[i];
          lengths_[i] = end - offsets_[i];
          b.buffer_length = lengths_[i];
          b.length = &lengths_[i];
          break;
        }
      }
    }
  }

  Status error() const {
    return IOError(scrubPassword(fmt::format("MySQL at {}: {}", address_, mysql_error(conn_)), password_));
  }
  Status stmtError(MYSQL_STMT* stmt) const {
    return IOError(scrubPassword(fmt::format("MySQL at {}: {}", address_, mysql_stmt_error(stmt)), password_));
  }

  MYSQL* conn_;
  std::string address_;
  std::string password_;
  std::unordered_map<std::string, MYSQL_STMT*> prepared_;
  // Bind buffers, reused across batches: per cell (column-major for bulk binding).
  std::vector<MYSQL_BIND> binds_;
  std::vector<int64_t> integers_;
  std::vector<double> doubles_;
  std::vector<signed char> tiny_;
  std::vector<char*> pointers_;
  std::vector<unsigned long> lengths_;
  std::vector<size_t> offsets_;
  std::vector<char> indicators_;
  std::string text_;
};

unsigned int parseSeconds(const JdbcUrl& target, const char* param, unsigned int fallback) {
  auto it = target.params.find(param);
  if (it == target.params.end()) return fallback;
  unsigned int millis = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), millis);
  return ec == std::errc() && millis > 0 ? std::max(1u, millis / 1000) : fallback;
}

}  // namespace

Result<std::unique_ptr<JdbcConnection>> openMySqlConnection(const JdbcUrl& target, const std::string& masked_url) {
  MYSQL* conn = mysql_init(nullptr);
  if (conn == nullptr) return Internal("mysql_init failed");
  // MySQL Connector/J's connectTimeout and socketTimeout are milliseconds.
  unsigned int connect_timeout = parseSeconds(target, "connectTimeout", 10);
  unsigned int socket_timeout = parseSeconds(target, "socketTimeout", 60);
  mysql_optionsv(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_optionsv(conn, MYSQL_OPT_READ_TIMEOUT, &socket_timeout);
  mysql_optionsv(conn, MYSQL_OPT_WRITE_TIMEOUT, &socket_timeout);
  mysql_optionsv(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  mysql_optionsv(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
  const char* database = target.database.empty() ? nullptr : target.database.c_str();
  if (mysql_real_connect(conn, target.host.c_str(), target.user.c_str(), target.password.c_str(), database,
                         static_cast<unsigned int>(target.port), nullptr, 0) == nullptr) {
    std::string message = scrubPassword(mysql_error(conn), target.password);
    mysql_close(conn);
    return IOError(fmt::format("cannot connect to MySQL at {} ({}): {}", target.address(), masked_url, message));
  }
  return std::unique_ptr<JdbcConnection>(std::make_unique<MySqlConnection>(conn, target.address(), target.password));
}

}  // namespace eddy::connectors::jdbc
