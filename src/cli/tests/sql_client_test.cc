#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

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

}  // namespace
