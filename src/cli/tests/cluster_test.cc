// End-to-end tests of the session cluster: the real `eddy` binary starts a cluster on a
// free port, runs the cluster test job on it, and the tests drive it through the CLI verbs
// and the REST API. The fixture stops the cluster, and kills it if it must.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;

struct Invocation {
  int exit_code;
  std::string output;  // stdout and stderr
};

int freePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::vector<std::string> readLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Waits up to 20 s for `condition`.
template <typename Condition>
bool eventually(Condition condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Per key, the counts of "(k<key>,<count>)" lines in order.
std::map<std::string, std::vector<int64_t>> countsByKey(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<int64_t>> counts;
  std::regex line_re(R"(\((k[0-2]),(\d+)\))");
  for (const std::string& line : lines) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(line, m, line_re)) << line;
    counts[m[1]].push_back(std::stoll(m[2]));
  }
  return counts;
}

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/eddy-cluster-test-XXXXXX";
    dir_ = mkdtemp(pattern);
    port_ = freePort();
    setenv("EDDY_LOG_DIR", (dir_ + "/log").c_str(), 1);
    setenv("EDDY_PID_DIR", dir_.c_str(), 1);
    Invocation start = eddy("cluster start", "-D state.savepoints.dir=" + dir_ + "/default-savepoints");
    ASSERT_EQ(start.exit_code, 0) << start.output;
    ASSERT_NE(start.output.find("Starting standalonesession daemon on host"), std::string::npos) << start.output;
    std::ifstream pid_in(pidFile());
    pid_in >> cluster_pid_;
    ASSERT_GT(cluster_pid_, 0);
  }

  void TearDown() override {
    Invocation stop = eddy("cluster stop");
    EXPECT_EQ(stop.exit_code, 0) << stop.output;
    if (cluster_pid_ > 0 && kill(cluster_pid_, 0) == 0) kill(cluster_pid_, SIGKILL);
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
  }

  // <pid dir>/eddy-<user>-standalonesession.pid
  std::string pidFile() const {
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      std::string name = entry.path().filename();
      if (name.starts_with("eddy-") && name.ends_with("-standalonesession.pid")) {
        return entry.path();
      }
    }
    return dir_ + "/no-pid-file";
  }

  // Runs `eddy <verb> -D rest.port=<port> <args>` and captures what it prints.
  Invocation eddy(const std::string& verb, const std::string& args = "") {
    std::string command =
        std::string(EDDY_BINARY) + " " + verb + " -D rest.port=" + std::to_string(port_) + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
  }

  std::pair<int, json> rest(const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Client client("localhost", port_);
    httplib::Result result = method == "GET"   ? client.Get(path)
                             : method == "PATCH" ? client.Patch(path)
                                                 : client.Post(path, body, "application/json");
    if (!result) return {0, json()};
    return {result->status, json::parse(result->body, nullptr, false)};
  }

  // Submits the test job detached; its job id.
  std::string submit(const std::string& output_file, const std::string& extra = "") {
    Invocation run = eddy("run", "-d " + extra + " " + CLUSTER_TEST_JOB + " " + output_file);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    std::smatch m;
    std::regex submitted("^Job has been submitted with JobID ([0-9a-f]{32})\n$");
    EXPECT_TRUE(std::regex_match(run.output, m, submitted)) << run.output;
    return m.size() > 1 ? m[1].str() : "";
  }

  std::string jobState(const std::string& job_id) {
    auto [code, body] = rest("GET", "/jobs/" + job_id);
    return code == 200 ? body["state"].get<std::string>() : "";
  }

  std::string dir_;
  int port_ = 0;
  pid_t cluster_pid_ = 0;
};

TEST_F(ClusterTest, SubmitListInspectSavepointStopRestoreCancel) {
  const std::string out1 = dir_ + "/out1.txt";
  std::string job_id = submit(out1);
  ASSERT_FALSE(job_id.empty());
  ASSERT_TRUE(eventually([&] { return readLines(out1).size() >= 30; }));

  Invocation list = eddy("list", "-m localhost:" + std::to_string(port_));
  EXPECT_EQ(list.exit_code, 0) << list.output;
  std::regex listed(
      "Waiting for response...\n"
      "------------------ Running/Restarting Jobs -------------------\n"
      "\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d : " + job_id + " : cluster test counts \\(RUNNING\\)\n"
      "--------------------------------------------------------------\n"
      "No scheduled jobs.\n");
  EXPECT_TRUE(std::regex_match(list.output, listed)) << list.output;

  auto [code, job] = rest("GET", "/jobs/" + job_id);
  ASSERT_EQ(code, 200);
  EXPECT_EQ(job["jid"], job_id);
  EXPECT_EQ(job["name"], "cluster test counts");
  EXPECT_EQ(job["state"], "RUNNING");
  EXPECT_EQ(job["end-time"], -1);
  EXPECT_GT(job["start-time"].get<int64_t>(), 0);
  EXPECT_GE(job["duration"].get<int64_t>(), 0);
  ASSERT_EQ(job["vertices"].size(), 2u);
  EXPECT_EQ(job["vertices"][0]["name"], "Sequence Source -> Map");
  EXPECT_EQ(job["vertices"][0]["parallelism"], 1);
  EXPECT_EQ(job["vertices"][0]["status"], "RUNNING");
  EXPECT_EQ(job["vertices"][0]["id"].get<std::string>().size(), 32u);

  auto [jobs_code, jobs] = rest("GET", "/jobs");
  EXPECT_EQ(jobs_code, 200);
  EXPECT_EQ(jobs, json::parse(R"({"jobs":[{"id":")" + job_id + R"(","status":"RUNNING"}]})"));

  auto [overview_code, overview] = rest("GET", "/overview");
  EXPECT_EQ(overview_code, 200);
  EXPECT_EQ(overview["taskmanagers"], 1);
  EXPECT_EQ(overview["jobs-running"], 1);
  EXPECT_EQ(overview["jobs-finished"], 0);
  EXPECT_EQ(overview["jobs-cancelled"], 0);
  EXPECT_EQ(overview["jobs-failed"], 0);

  json checkpoints;
  ASSERT_TRUE(eventually([&] {
    checkpoints = rest("GET", "/jobs/" + job_id + "/checkpoints").second;
    return checkpoints["counts"]["completed"].get<int64_t>() >= 2;
  })) << checkpoints.dump();
  const json& latest = checkpoints["latest"]["completed"];
  EXPECT_EQ(latest["className"], "completed");
  EXPECT_EQ(latest["status"], "COMPLETED");
  EXPECT_EQ(latest["is_savepoint"], false);
  EXPECT_GT(latest["id"].get<int64_t>(), 0);
  EXPECT_GT(latest["state_size"].get<int64_t>(), 0);
  EXPECT_GE(latest["latest_ack_timestamp"].get<int64_t>(), latest["trigger_timestamp"].get<int64_t>());
  EXPECT_EQ(latest["end_to_end_duration"].get<int64_t>(),
            latest["latest_ack_timestamp"].get<int64_t>() - latest["trigger_timestamp"].get<int64_t>());
  EXPECT_EQ(latest["num_subtasks"], 2);
  EXPECT_EQ(latest["num_acknowledged_subtasks"], 2);
  EXPECT_EQ(latest["external_path"], "<checkpoint-not-externally-addressable>");
  EXPECT_EQ(checkpoints["counts"]["restored"], 0);
  EXPECT_EQ(checkpoints["counts"]["failed"], 0);
  EXPECT_TRUE(checkpoints["latest"]["restored"].is_null());
  EXPECT_FALSE(checkpoints["history"].empty());
  EXPECT_TRUE(checkpoints["summary"]["end_to_end_duration"].contains("max"));

  auto [config_code, config] = rest("GET", "/jobs/" + job_id + "/checkpoints/config");
  EXPECT_EQ(config_code, 200);
  EXPECT_EQ(config, json::parse(R"({"mode":"exactly_once","interval":100,"timeout":600000,"min_pause":0,
      "max_concurrent":1,"externalization":{"enabled":false,"delete_on_cancellation":false},
      "state_backend":"HashMapStateBackend","checkpoint_storage":"JobManagerCheckpointStorage",
      "unaligned_checkpoints":false,"tolerable_failed_checkpoints":0,"aligned_checkpoint_timeout":0,
      "checkpoints_after_tasks_finish":true,"state_changelog_enabled":false,
      "changelog_periodic_materialization_interval":600000,"changelog_storage":"memory"})"))
      << config.dump();

  // One checkpoint's details: per vertex, then per subtask (alignment, durations, sizes).
  const std::string details_path = "/jobs/" + job_id + "/checkpoints/details/" + latest["id"].dump();
  auto [details_code, details] = rest("GET", details_path);
  ASSERT_EQ(details_code, 200) << details.dump();
  EXPECT_EQ(details["id"], latest["id"]);
  ASSERT_EQ(details["tasks"].size(), 2u) << details.dump();
  const std::string source_vertex = job["vertices"][0]["id"];
  const json& source_task = details["tasks"][source_vertex];
  EXPECT_EQ(source_task["status"], "COMPLETED");
  EXPECT_EQ(source_task["num_subtasks"], 1);
  EXPECT_EQ(source_task["num_acknowledged_subtasks"], 1);
  EXPECT_GE(source_task["latest_ack_timestamp"].get<int64_t>(), latest["trigger_timestamp"].get<int64_t>());
  auto [subtasks_code, subtasks] = rest("GET", details_path + "/subtasks/" + source_vertex);
  ASSERT_EQ(subtasks_code, 200) << subtasks.dump();
  ASSERT_EQ(subtasks["subtasks"].size(), 1u);
  const json& subtask = subtasks["subtasks"][0];
  EXPECT_EQ(subtask["index"], 0);
  EXPECT_EQ(subtask["status"], "completed");
  EXPECT_GE(subtask["alignment"]["duration"].get<int64_t>(), 0);
  EXPECT_GE(subtask["checkpoint"]["sync"].get<int64_t>(), 0);
  EXPECT_GE(subtask["start_delay"].get<int64_t>(), 0);
  EXPECT_EQ(subtask["end_to_end_duration"].get<int64_t>(),
            subtask["ack_timestamp"].get<int64_t>() - latest["trigger_timestamp"].get<int64_t>());
  for (const char* field : {"checkpointed_size", "state_size", "end_to_end_duration", "start_delay"}) {
    EXPECT_TRUE(subtasks["summary"][field].contains("p99")) << field;
  }
  EXPECT_TRUE(subtasks["summary"]["alignment"]["duration"].contains("max"));
  EXPECT_EQ(rest("GET", "/jobs/" + job_id + "/checkpoints/details/999999").first, 404);
  EXPECT_EQ(rest("GET", details_path + "/subtasks/0123456789abcdef0123456789abcdef").first, 404);

  std::regex savepoint_path("Savepoint completed\\. Path: file:(" + dir_ + "/sp1/savepoint-" + job_id.substr(0, 6) +
                            "-[0-9a-f]{12})\n");
  Invocation savepoint = eddy("savepoint", "-m localhost:" + std::to_string(port_) + " " + job_id + " " + dir_ + "/sp1");
  EXPECT_EQ(savepoint.exit_code, 0) << savepoint.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(savepoint.output, m, savepoint_path)) << savepoint.output;
  EXPECT_TRUE(std::filesystem::exists(m[1].str() + "/_metadata"));
  EXPECT_EQ(jobState(job_id), "RUNNING");

  Invocation stop = eddy("stop", "--savepointPath " + dir_ + "/sp2 " + job_id);
  EXPECT_EQ(stop.exit_code, 0) << stop.output;
  std::regex stopped("Suspending job \"" + job_id + "\" with a CANONICAL savepoint\\.\n" +
                     "Savepoint completed\\. Path: (file:" + dir_ + "/sp2/savepoint-" + job_id.substr(0, 6) +
                     "-[0-9a-f]{12})\n");
  ASSERT_TRUE(std::regex_match(stop.output, m, stopped)) << stop.output;
  std::string stop_savepoint = m[1];
  ASSERT_TRUE(eventually([&] { return jobState(job_id) == "FINISHED"; })) << jobState(job_id);
  std::map<std::string, std::vector<int64_t>> before = countsByKey(readLines(out1));

  // Restored from the stop savepoint, the counts continue exactly where they stopped.
  const std::string out2 = dir_ + "/out2.txt";
  std::string restored_id = submit(out2, "-s " + stop_savepoint);
  ASSERT_FALSE(restored_id.empty());
  ASSERT_TRUE(eventually([&] { return readLines(out2).size() >= 30; }));
  std::map<std::string, std::vector<int64_t>> after = countsByKey(readLines(out2));
  ASSERT_EQ(before.size(), 3u);
  ASSERT_EQ(after.size(), 3u);
  for (auto& [key, counts] : before) {
    for (size_t i = 0; i < counts.size(); ++i) ASSERT_EQ(counts[i], static_cast<int64_t>(i + 1)) << key;
    const std::vector<int64_t>& continued = after[key];
    for (size_t i = 0; i < continued.size(); ++i) {
      ASSERT_EQ(continued[i], static_cast<int64_t>(counts.size() + i + 1)) << key;
    }
  }
  json restored = rest("GET", "/jobs/" + restored_id + "/checkpoints").second;
  EXPECT_EQ(restored["counts"]["restored"], 1);
  EXPECT_EQ(restored["latest"]["restored"]["is_savepoint"], true);
  EXPECT_EQ(restored["latest"]["restored"]["external_path"], stop_savepoint);

  Invocation cancel = eddy("cancel", restored_id);
  EXPECT_EQ(cancel.exit_code, 0) << cancel.output;
  EXPECT_EQ(cancel.output, "Cancelling job " + restored_id + ".\nCancelled job " + restored_id + ".\n");
  ASSERT_TRUE(eventually([&] { return jobState(restored_id) == "CANCELED"; })) << jobState(restored_id);
  Invocation empty = eddy("list");
  EXPECT_EQ(empty.output, "Waiting for response...\nNo running jobs.\nNo scheduled jobs.\n");
  auto [after_code, after_overview] = rest("GET", "/overview");
  EXPECT_EQ(after_overview["jobs-finished"], 1);
  EXPECT_EQ(after_overview["jobs-cancelled"], 1);
}

TEST_F(ClusterTest, UnknownJobIsNotFoundAsInFlink) {
  const std::string unknown = "0123456789abcdef0123456789abcdef";
  for (const std::string& path :
       {"/jobs/" + unknown, "/jobs/" + unknown + "/checkpoints", "/jobs/" + unknown + "/checkpoints/config"}) {
    auto [code, body] = rest("GET", path);
    EXPECT_EQ(code, 404) << path;
    EXPECT_EQ(body, json::parse(R"({"errors":["Job could not be found."]})")) << path;
  }
  auto [code, body] = rest("PATCH", "/jobs/" + unknown + "?mode=cancel");
  EXPECT_EQ(code, 404);
  Invocation cancel = eddy("cancel", unknown);
  EXPECT_EQ(cancel.exit_code, 1);
  EXPECT_NE(cancel.output.find("Could not cancel job " + unknown + ".\nCaused by: Job could not be found."),
            std::string::npos)
      << cancel.output;
  Invocation savepoint = eddy("savepoint", unknown + " " + dir_);
  EXPECT_EQ(savepoint.exit_code, 1);
  EXPECT_NE(savepoint.output.find("Triggering a savepoint for the job " + unknown + " failed."), std::string::npos)
      << savepoint.output;
}

TEST(ClusterCliTest, NoClusterToTalkTo) {
  int port = freePort();
  std::string command = std::string(EDDY_BINARY) + " list -m localhost:" + std::to_string(port) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(output.find("The program finished with the following exception:\n\nFailed to retrieve job list.\nCaused by: "
                        "Could not connect to the cluster at http://localhost:" + std::to_string(port)),
            std::string::npos)
      << output;
}

}  // namespace
