#include "connectors/tests/test_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace eddy::testing {
namespace {

constexpr const char* kPostgresBin = "/usr/lib/postgresql/15/bin";
constexpr const char* kMariaDbServer = "/usr/sbin/mariadbd";
constexpr const char* kMariaDbInstall = "/usr/bin/mariadb-install-db";
constexpr const char* kUser = "eddy";
constexpr const char* kPassword = "eddy-Test-Secret-7f3";
constexpr const char* kDatabase = "eddy";
constexpr auto kStartTimeout = std::chrono::seconds(60);

struct Account {
  uid_t uid;
  gid_t gid;
};

Result<int> freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return IOError("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return IOError("cannot bind a loopback port");
  }
  ::close(fd);
  return static_cast<int>(ntohs(address.sin_port));
}

Result<std::string> makeTempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return IOError("mkdtemp failed for " + pattern);
  return pattern;
}

std::string tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

// Forks and execs `argv` with stdout and stderr appended to `log`, as `account` if given.
// The child gets SIGKILL when the thread that forked it dies.
Result<pid_t> spawn(const std::vector<std::string>& argv, const std::string& log, std::optional<Account> account) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return IOError("fork failed");
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    if (account && (::setgroups(0, nullptr) != 0 || ::setgid(account->gid) != 0 || ::setuid(account->uid) != 0)) {
      ::_exit(126);
    }
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

Status runToCompletion(const std::vector<std::string>& argv, const std::string& log, std::optional<Account> account) {
  EDDY_ASSIGN_OR_RETURN(pid_t pid, spawn(argv, log, account));
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return IOError(fmt::format("{} failed (status {}): {}", argv[0], status, tail(log)));
  }
  return Status::OK();
}

bool exited(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == pid;
}

// Asks the server to shut down with `signal`, then kills it if it is still there after 15 s.
void stop(pid_t pid, int signal) {
  if (pid <= 0) return;
  ::kill(pid, signal);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (exited(pid)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

Status requireExecutable(const std::string& path, const char* package) {
  if (::access(path.c_str(), X_OK) != 0) {
    return NotFound(fmt::format("{} is missing (Debian package '{}'): run scripts/setup.sh", path, package));
  }
  return Status::OK();
}

Status executePostgres(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  Status status = Status::OK();
  if (PQstatus(conn) != CONNECTION_OK) {
    status = IOError(std::string("cannot connect to the test PostgreSQL: ") + PQerrorMessage(conn));
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) status = IOError(std::string(PQerrorMessage(conn)));
    PQclear(result);
  }
  PQfinish(conn);
  return status;
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start() {
  std::string bin = kPostgresBin;
  EDDY_RETURN_IF_ERROR(requireExecutable(bin + "/initdb", "postgresql"));
  EDDY_RETURN_IF_ERROR(requireExecutable(bin + "/postgres", "postgresql"));
  const passwd* postgres = ::getpwnam("postgres");
  if (postgres == nullptr) return NotFound("no 'postgres' user (Debian package 'postgresql'): run scripts/setup.sh");
  const Account account{postgres->pw_uid, postgres->pw_gid};

  std::unique_ptr<PostgresServer> server(new PostgresServer());
  EDDY_ASSIGN_OR_RETURN(server->dir_, makeTempDir("eddy_postgres_"));
  const std::string& dir = server->dir_;
  std::ofstream(dir + "/password") << kPassword << "\n";
  for (const std::string& path : {dir, dir + "/password"}) {
    if (::chown(path.c_str(), account.uid, account.gid) != 0) return IOError("cannot chown " + path);
  }
  ::chmod(dir.c_str(), 0700);
  const std::string log = dir + "/server.log";
  EDDY_RETURN_IF_ERROR(runToCompletion({bin + "/initdb", "-D", dir + "/data", "-U", kUser, "--pwfile=" + dir + "/password",
                                        "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"},
                                       log, account));

  EDDY_ASSIGN_OR_RETURN(int port, freeLoopbackPort());
  server->endpoint_ = DatabaseEndpoint{"127.0.0.1", port, kUser, kPassword, kDatabase};
  EDDY_ASSIGN_OR_RETURN(server->pid_,
                        spawn({bin + "/postgres", "-D", dir + "/data", "-p", std::to_string(port), "-k", dir, "-c",
                               "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                               "full_page_writes=off"},
                              log, account));

  const std::string admin = fmt::format("host=127.0.0.1 port={} user={} password={} dbname=postgres connect_timeout=2",
                                        port, kUser, kPassword);
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (PQping(admin.c_str()) != PQPING_OK) {
    if (exited(server->pid_)) {
      server->pid_ = -1;
      return IOError("the test PostgreSQL server exited: " + tail(log));
    }
    if (std::chrono::steady_clock::now() > deadline) return TimedOut("the test PostgreSQL did not start: " + tail(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EDDY_RETURN_IF_ERROR(executePostgres(admin, fmt::format("CREATE DATABASE {}", kDatabase)));
  return server;
}

PostgresServer::~PostgresServer() {
  stop(pid_, SIGINT);  // "fast" shutdown: SIGTERM would wait for every client to leave
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

std::string PostgresServer::jdbcUrl() const {
  return fmt::format("jdbc:postgresql://{}:{}/{}", endpoint_.host, endpoint_.port, endpoint_.database);
}

Result<std::unique_ptr<MariaDbServer>> MariaDbServer::start() {
  EDDY_RETURN_IF_ERROR(requireExecutable(kMariaDbServer, "mariadb-server"));
  EDDY_RETURN_IF_ERROR(requireExecutable(kMariaDbInstall, "mariadb-server"));

  std::unique_ptr<MariaDbServer> server(new MariaDbServer());
  EDDY_ASSIGN_OR_RETURN(server->dir_, makeTempDir("eddy_mariadb_"));
  const std::string& dir = server->dir_;
  const std::string log = dir + "/server.log";
  EDDY_RETURN_IF_ERROR(runToCompletion({kMariaDbInstall, "--no-defaults", "--datadir=" + dir + "/data", "--user=root",
                                        "--auth-root-authentication-method=normal", "--skip-test-db",
                                        "--skip-name-resolve"},
                                       log, std::nullopt));

  EDDY_ASSIGN_OR_RETURN(int port, freeLoopbackPort());
  server->endpoint_ = DatabaseEndpoint{"127.0.0.1", port, kUser, kPassword, kDatabase};
  const std::string socket = dir + "/s.sock";
  EDDY_ASSIGN_OR_RETURN(server->pid_,
                        spawn({kMariaDbServer, "--no-defaults", "--datadir=" + dir + "/data",
                               "--port=" + std::to_string(port), "--socket=" + socket, "--bind-address=127.0.0.1",
                               "--user=root", "--skip-name-resolve", "--pid-file=" + dir + "/mariadb.pid",
                               "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=32M"},
                              log, std::nullopt));

  // Wait for the socket, then create the user and the database as root.
  MYSQL* root = nullptr;
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (true) {
    root = mysql_init(nullptr);
    if (mysql_real_connect(root, nullptr, "root", nullptr, nullptr, 0, socket.c_str(), 0) != nullptr) break;
    mysql_close(root);
    if (exited(server->pid_)) {
      server->pid_ = -1;
      return IOError("the test MariaDB server exited: " + tail(log));
    }
    if (std::chrono::steady_clock::now() > deadline) return TimedOut("the test MariaDB did not start: " + tail(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Status status = Status::OK();
  for (const std::string& sql :
       {fmt::format("CREATE DATABASE {}", kDatabase), fmt::format("CREATE USER '{}'@'%' IDENTIFIED BY '{}'", kUser, kPassword),
        fmt::format("GRANT ALL PRIVILEGES ON *.* TO '{}'@'%'", kUser)}) {
    if (mysql_query(root, sql.c_str()) != 0) {
      status = IOError(std::string("setting up the test MariaDB failed: ") + mysql_error(root));
      break;
    }
  }
  mysql_close(root);
  EDDY_RETURN_IF_ERROR(status);
  return server;
}

MariaDbServer::~MariaDbServer() {
  stop(pid_, SIGTERM);
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

std::string MariaDbServer::jdbcUrl() const {
  return fmt::format("jdbc:mariadb://{}:{}/{}", endpoint_.host, endpoint_.port, endpoint_.database);
}

}  // namespace eddy::testing
