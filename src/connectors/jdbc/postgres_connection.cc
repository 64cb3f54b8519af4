#include "connectors/jdbc/postgres_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "connectors/jdbc/parameter_text.h"

namespace eddy::connectors::jdbc {
namespace {

// Rows sent per pipeline round trip: small enough that the server's replies fit in the
// socket buffers while we are still sending (libpq's blocking pipeline could deadlock).
constexpr size_t kPipelineChunk = 512;

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? std::string() : std::string(message);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// A key=value pair for a libpq conninfo string, the value single-quoted and escaped.
void appendConnInfo(std::string& out, const char* key, const std::string& value) {
  out += key;
  out += "='";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += "' ";
}

class PostgresConnection final : public JdbcConnection {
 public:
  PostgresConnection(PGconn* conn, std::string address, std::string password)
      : conn_(conn), address_(std::move(address)), password_(std::move(password)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Status executeBatch(const std::string& sql, const PreparedStatement& statement) override {
    if (statement.batchSize() == 0) return Status::OK();
    EDDY_ASSIGN_OR_RETURN(const std::string* name, prepare(sql, statement.parameterCount()));
    EDDY_RETURN_IF_ERROR(execute("BEGIN"));
    Status status = Status::OK();
    for (size_t first = 0; first < statement.batchSize() && status.ok(); first += kPipelineChunk) {
      status = sendChunk(*name, statement, first, std::min(statement.batchSize(), first + kPipelineChunk));
    }
    if (!status.ok()) {
      if (PQstatus(conn_) == CONNECTION_OK) (void)execute("ROLLBACK");
      return status;
    }
    return execute("COMMIT");
  }

  Status execute(const std::string& sql) override {
    PGresult* result = PQexec(conn_, sql.c_str());
    ExecStatusType code = PQresultStatus(result);
    Status status = code == PGRES_COMMAND_OK || code == PGRES_TUPLES_OK ? Status::OK() : error(result);
    PQclear(result);
    return status;
  }

  Result<QueryResult> query(const std::string& sql) override {
    PGresult* result = PQexec(conn_, sql.c_str());
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
      Status status = error(result);
      PQclear(result);
      return status;
    }
    QueryResult rows;
    const int columns = PQnfields(result);
    std::vector<bool> is_bytea(columns);
    for (int c = 0; c < columns; ++c) {
      rows.column_names.emplace_back(PQfname(result, c));
      is_bytea[c] = PQftype(result, c) == 17;  // BYTEAOID
    }
    const int count = PQntuples(result);
    rows.rows.reserve(count);
    for (int r = 0; r < count; ++r) {
      auto& row = rows.rows.emplace_back(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c)) continue;
        const char* value = PQgetvalue(result, r, c);
        if (is_bytea[c]) {
          size_t length = 0;
          unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &length);
          row[c] = std::string(reinterpret_cast<const char*>(bytes), length);
          PQfreemem(bytes);
        } else {
          row[c] = std::string(value, PQgetlength(result, r, c));
        }
      }
    }
    PQclear(result);
    return rows;
  }

  bool isValid(int timeout_seconds) override {
    (void)timeout_seconds;  // a lost server shows as a broken socket, not as a wait
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    PGresult* result = PQexec(conn_, "");
    bool ok = PQresultStatus(result) == PGRES_EMPTY_QUERY;
    PQclear(result);
    return ok && PQstatus(conn_) == CONNECTION_OK;
  }


 private:
  Result<const std::string*> prepare(const std::string& sql, int parameter_count) {
    auto it = prepared_.find(sql);
    if (it != prepared_.end()) return &it->second;
    std::string name = fmt::format("eddy_{}", prepared_.size());
    PGresult* result = PQprepare(conn_, name.c_str(), toPostgresPlaceholders(sql).c_str(), parameter_count, nullptr);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      Status status = error(result);
      PQclear(result);
      return status;
    }
    PQclear(result);
    return &prepared_.emplace(sql, std::move(name)).first->second;
  }

  // Sends rows [first, end) in pipeline mode with one sync, then reads every reply.
  Status sendChunk(const std::string& name, const PreparedStatement& statement, size_t first, size_t end) {
    const int n = statement.parameterCount();
    values_.resize(n);
    offsets_.resize(n);
    if (PQenterPipelineMode(conn_) != 1) return error(nullptr);
    Status status = Status::OK();
    size_t sent = 0;
    for (size_t row = first; row < end; ++row) {
      text_.clear();
      for (int i = 1; i <= n; ++i) {
        const Parameter& parameter = statement.parameter(row, i);
        offsets_[i - 1] = parameter.type == ParameterType::kNull ? -1 : static_cast<int64_t>(text_.size());
        appendPostgresText(statement, parameter, text_);
        text_ += '\0';
      }
      for (int i = 0; i < n; ++i) values_[i] = offsets_[i] < 0 ? nullptr : text_.data() + offsets_[i];
      if (PQsendQueryPrepared(conn_, name.c_str(), n, values_.data(), nullptr, nullptr, 0) != 1) {
        status = error(nullptr);
        break;
      }
      ++sent;
    }
    if (status.ok() && PQpipelineSync(conn_) != 1) status = error(nullptr);
    if (!status.ok()) {
      PQexitPipelineMode(conn_);
      return status;
    }
    // One result (then a null) per statement, then the sync.
    for (size_t i = 0; i < sent; ++i) {
      PGresult* result = PQgetResult(conn_);
      if (result == nullptr) return error(nullptr);
      ExecStatusType code = PQresultStatus(result);
      if (code != PGRES_COMMAND_OK && code != PGRES_TUPLES_OK && status.ok()) status = error(result);
      PQclear(result);
      while ((result = PQgetResult(conn_)) != nullptr) PQclear(result);
    }
    PGresult* sync = PQgetResult(conn_);
    if (sync == nullptr || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) {
      if (status.ok()) status = error(sync);
    }
    PQclear(sync);
    if (PQexitPipelineMode(conn_) != 1 && status.ok()) status = error(nullptr);
    return status;
  }

  Status error(const PGresult* result) const {
    std::string message = trimmed(result != nullptr && PQresultErrorMessage(result)[0] != '\0'
                                      ? PQresultErrorMessage(result)
                                      : PQerrorMessage(conn_));
    return IOError(scrubPassword(fmt::format("PostgreSQL at {}: {}", address_, message), password_));
  }

  PGconn* conn_;
  std::string address_;
  std::string password_;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
  std::vector<const char*> values_;
  std::vector<int64_t> offsets_;
  std::string text_;
};

}  // namespace

Result<std::unique_ptr<JdbcConnection>> openPostgresConnection(const JdbcUrl& target, const std::string& masked_url) {
  std::string conninfo;
  appendConnInfo(conninfo, "host", target.host);
  appendConnInfo(conninfo, "port", std::to_string(target.port));
  if (!target.database.empty()) appendConnInfo(conninfo, "dbname", target.database);
  if (!target.user.empty()) appendConnInfo(conninfo, "user", target.user);
  if (!target.password.empty()) appendConnInfo(conninfo, "password", target.password);
  auto timeout = target.params.find("connectTimeout");
  appendConnInfo(conninfo, "connect_timeout", timeout != target.params.end() ? timeout->second : "10");
  if (auto ssl = target.params.find("sslmode"); ssl != target.params.end()) appendConnInfo(conninfo, "sslmode", ssl->second);
  appendConnInfo(conninfo, "options", "-c TimeZone=UTC");
  appendConnInfo(conninfo, "application_name", "eddy");
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = scrubPassword(trimmed(PQerrorMessage(conn)), target.password);
    PQfinish(conn);
    return IOError(fmt::format("cannot connect to PostgreSQL at {} ({}): {}", target.address(), masked_url, message));
  }
  // Server notices ("table does not exist, skipping") are not errors; libpq would print them.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<JdbcConnection>(std::make_unique<PostgresConnection>(conn, target.address(), target.password));
}

}  // namespace eddy::connectors::jdbc
