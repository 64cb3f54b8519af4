#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

#include "cli/tests/terminal_screen.h"

namespace {

struct Invocation {
  int exit_code;
  std::string output;  // stdout and stderr
};

// Runs `eddy <args>` with `input` on stdin and captures what it prints.
Invocation eddy(const std::string& args, const std::string& input = "") {
  char input_path[] = "/tmp/eddy-sql-client-test-XXXXXX";
  const int fd = mkstemp(input_path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(input_path) << input;
  const std::string command = std::string(EDDY_BINARY) + " " + args + " < " + input_path + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  unlink(input_path);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// A script file removed at the end of the test.
class ScriptFile {
 public:
  explicit ScriptFile(const std::string& text) {
    char path[] = "/tmp/eddy-sql-client-script-XXXXXX.sql";
    const int fd = mkstemps(path, 4);
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = path;
    std::ofstream(path_) << text;
  }
  ~ScriptFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// `eddy sql` on a pseudo-terminal of 100 columns and 20 rows, as a user at a terminal runs it.
class TerminalSession {
 public:
  TerminalSession() {
    winsize size{};
    size.ws_row = 20;
    size.ws_col = 100;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      execl(EDDY_BINARY, EDDY_BINARY, "sql", static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~TerminalSession() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(master_);
  }

  void type(const std::string& keys) { EXPECT_EQ(write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size())); }

  // Reads what the client prints until `text` appears after what earlier waits consumed;
  // false after 60 seconds.
  bool waitFor(const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (true) {
      const size_t at = output_.find(text, consumed_);
      if (at != std::string::npos) {
        consumed_ = at + text.size();
        return true;
      }
      if (std::chrono::steady_clock::now() > deadline) return false;
      pollfd entry{master_, POLLIN, 0};
      if (poll(&entry, 1, 100) <= 0) continue;
      char buffer[4096];
      const ssize_t n = read(master_, buffer, sizeof(buffer));
      if (n <= 0) return false;
      output_.append(buffer, static_cast<size_t>(n));
    }
  }

  // The last screen the table view drew, without styles, one string per line.
  std::vector<std::string> lastScreen() const {
    const size_t start = output_.rfind("\x1b[H\x1b[2J");
    if (start == std::string::npos) return {};
    const size_t end = output_.find("\x1b[?25h\x1b[?1049l", start);
    return eddy::cli::screenLines(output_.substr(start, end - start));
  }

 private:
  int master_ = -1;
  pid_t pid_ = -1;
  std::string output_;
  size_t consumed_ = 0;
};

constexpr const char* kShowTwoTables =
    "+------------+\n"
    "| table name |\n"
    "+------------+\n"
    "|     orders |\n"
    "|      users |\n"
    "+------------+\n"
    "2 rows in set\n\n";

TEST(SqlClientTest, ScriptWithFileOption) {
  ScriptFile script(
      "CREATE TABLE users (id INT) WITH ('connector' = 'datagen');\n"
      "CREATE TABLE orders (\n"
      "  id INT, -- the order; not the end\n"
      "  note STRING COMMENT 'a; b'\n"
      ");\n"
      "SHOW TABLES;\n");
  Invocation run = eddy("sql -f " + script.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, std::string("[INFO] Execute statement succeed.\n\n[INFO] Execute statement succeed.\n\n") +
                            kShowTwoTables);
}

TEST(SqlClientTest, InitScriptRunsFirst) {
  ScriptFile init("CREATE TABLE users (id INT); CREATE TABLE orders (id INT);");
  ScriptFile script("SHOW TABLES");
  Invocation run = eddy("sql -i " + init.path() + " -f " + script.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, std::string("[INFO] Execute statement succeed.\n\n[INFO] Execute statement succeed.\n\n") +
                            kShowTwoTables);
}

TEST(SqlClientTest, ScriptStopsAtTheFirstErrorWithExitCodeOne) {
  ScriptFile script("CREATE TABLE t (a INT);\nDROP TABLE missing;\nSHOW TABLES;\n");
  Invocation run = eddy("sql -f " + script.path());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(run.output,
            "[INFO] Execute statement succeed.\n\n"
            "[ERROR] Could not execute SQL statement. Reason:\n"
            "Table with identifier 'default_catalog.default_database.missing' does not exist.\n\n");
}

TEST(SqlClientTest, RunExecutesASqlJob) {
  ScriptFile good("SET 'pipeline.name' = 'job';\nRESET 'pipeline.name';\nRESET;\n");
  Invocation run = eddy("run " + good.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output,
            "[INFO] Session property has been set.\n\n"
            "[INFO] Session property has been reset.\n\n"
            "[INFO] All session properties have been set to their default values.\n\n");
  ScriptFile bad("SELEC 1;");
  Invocation failed = eddy("run " + bad.path());
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_EQ(failed.output.rfind("[ERROR] Could not execute SQL statement. Reason:\n"
                                "SQL parse failed. Encountered \"SELEC\" at line 1, column 1.\n",
                                0),
            0u)
      << failed.output;
}

TEST(SqlClientTest, InteractiveSessionGoesOnAfterAnError) {
  Invocation run = eddy("sql",
                        "CREATE TABLE users\n"
                        "  (id INT);\n"
                        "CREATE TABLE users (id INT);\n"
                        "CREATE TABLE orders (id INT); SHOW\n"
                        "TABLES;\n"
                        "QUIT;\n"
                        "SHOW TABLES;\n");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, std::string("[INFO] Execute statement succeed.\n\n"
                                    "[ERROR] Could not execute SQL statement. Reason:\n"
                                    "Could not execute CreateTable in path `default_catalog`.`default_database`.`users`: "
                                    "Table (or view) default_database.users already exists in Catalog "
                                    "default_catalog.\n\n"
                                    "[INFO] Execute statement succeed.\n\n") +
                            kShowTwoTables + "[INFO] Exiting Eddy SQL client...\n");
}

TEST(SqlClientTest, ResultModeMustBeKnown) {
  Invocation run = eddy("sql",
                        "SET 'sql-client.execution.result-mode' = 'changelog';\n"
                        "SET 'sql-client.execution.result-mode' = 'fancy';\n");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output,
            "[INFO] Session property has been set.\n\n"
            "[ERROR] Could not execute SQL statement. Reason:\n"
            "Could not parse value 'fancy' for key 'sql-client.execution.result-mode'. Expected one of: [table, "
            "changelog, tableau]\n\n");
}

TEST(SqlClientTest, InsertRunsItsJobToTheEndAndQueriesPrintTheirChangelog) {
  ScriptFile script(
      "CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3',\n"
      "  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3');\n"
      "CREATE TABLE sink (id INT) WITH ('connector' = 'blackhole');\n"
      "INSERT INTO sink SELECT id * 10 FROM src;\n"
      "SELECT id, COUNT(*) AS c FROM src WHERE id > 1 GROUP BY id;\n");
  Invocation run = eddy("sql -f " + script.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(std::regex_replace(run.output, std::regex("Job ID: [0-9a-f]{32}"), "Job ID: <id>"),
            "[INFO] Execute statement succeed.\n\n"
            "[INFO] Execute statement succeed.\n\n"
            "[INFO] Submitting SQL update statement to the cluster...\n"
            "[INFO] SQL update statement has been successfully submitted to the cluster:\n"
            "Job ID: <id>\n\n"
            "[INFO] Complete execution of the SQL update statement.\n\n"
            "+----+----+---+\n"
            "| op | id | c |\n"
            "+----+----+---+\n"
            "| +I |  2 | 1 |\n"
            "| +I |  3 | 1 |\n"
            "+----+----+---+\n"
            "Received a total of 2 rows\n\n");
}

TEST(SqlClientTest, AFailingJobStopsTheScript) {
  ScriptFile script(
      "CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');\n"
      "CREATE TABLE sink (id INT) WITH ('connector' = 'blackhole');\n"
      "INSERT INTO sink SELECT missing FROM src;\n"
      "SHOW TABLES;\n");
  Invocation run = eddy("sql -f " + script.path());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("[ERROR] Could not execute SQL statement. Reason:\n"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("table name"), std::string::npos) << run.output;
}

TEST(SqlClientTest, MissingScriptIsReported) {
  Invocation run = eddy("sql -f /nonexistent/job.sql");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, "SQL file '/nonexistent/job.sql' can not be read\n");
}

TEST(SqlClientTest, TableModeShowsTheMaterializedResultUntilQ) {
  TerminalSession terminal;
  ASSERT_TRUE(terminal.waitFor("Flink SQL> "));
  terminal.type("SET 'sql-client.execution.result-mode' = 'table';\r");
  ASSERT_TRUE(terminal.waitFor("[INFO] Session property has been set."));
  terminal.type("SELECT name, COUNT(*) AS cnt FROM (VALUES ('a'), ('b'), ('a')) AS t(name) GROUP BY name;\r");
  ASSERT_TRUE(terminal.waitFor("SQL Query Result (Table)"));
  ASSERT_TRUE(terminal.waitFor("Table program finished."));
  ASSERT_TRUE(terminal.waitFor("Open Row"));
  // +I[a, 1], +I[b, 1], -U[a, 1], +U[a, 2] folded: b's row, then a's updated one.
  const std::vector<std::string> screen = terminal.lastScreen();
  ASSERT_EQ(screen.size(), 20u);
  EXPECT_EQ(screen[0], std::string(38, ' ') + "SQL Query Result (Table)" + std::string(38, ' '));
  EXPECT_EQ(screen[1].substr(0, 50), " Table program finished." + std::string(18, ' ') + "Page: La");
  EXPECT_EQ(screen[3], " name                  cnt");
  EXPECT_EQ(screen[4], "    b                    1");
  EXPECT_EQ(screen[5], "    a                    2");
  EXPECT_EQ(screen[6], "");
  EXPECT_EQ(screen[18].substr(0, 30), "Q Quit" + std::string(13, ' ') + "+ Inc Refre");
  terminal.type("q");
  ASSERT_TRUE(terminal.waitFor("[INFO] Result retrieval cancelled.\r\n\r\nFlink SQL> "));
  terminal.type("QUIT;\r");
  EXPECT_TRUE(terminal.waitFor("[INFO] Exiting Eddy SQL client..."));
}

// Flink's client refuses a query in any result mode but tableau when it does not run on a
// terminal; a script stops there, piped input goes on.
TEST(SqlClientTest, TableAndChangelogModesNeedATerminal) {
  constexpr const char* kRefusal =
      "[ERROR] Could not execute SQL statement. Reason:\n"
      "In non-interactive mode, it only supports to use TABLEAU as value of sql-client.execution.result-mode when "
      "execute query. Please add 'SET sql-client.execution.result-mode=TABLEAU;' in the sql file.\n\n";
  ScriptFile script("SET 'sql-client.execution.result-mode' = 'table';\nSELECT 1;\nSHOW TABLES;\n");
  Invocation run = eddy("sql -f " + script.path());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.output, std::string("[INFO] Session property has been set.\n\n") + kRefusal);

  Invocation piped = eddy("sql", "SET 'sql-client.execution.result-mode' = 'changelog';\nSELECT 1;\n"
                                 "SET 'sql-client.execution.result-mode' = 'tableau';\nSELECT 1 AS x;\n");
  EXPECT_EQ(piped.exit_code, 0);
  EXPECT_EQ(piped.output, std::string("[INFO] Session property has been set.\n\n") + kRefusal +
                              "[INFO] Session property has been set.\n\n"
                              "+----+---+\n"
                              "| op | x |\n"
                              "+----+---+\n"
                              "| +I | 1 |\n"
                              "+----+---+\n"
                              "Received a total of 1 row\n\n");
}

}  // namespace
