// The `eddy` command: Flink's CLI verbs for Eddy. `eddy run <job>` runs a C++ job built as a
// shared library exporting `int eddyMain(int argc, char** argv)` on the embedded
// mini-cluster; the job's own errors come back as its exit code and message. `eddy run
// job.sql` runs a SQL script instead, and `eddy sql` is the SQL client (cli/sql_client.h).
#include <dlfcn.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "cli/sql_client.h"
#include "cli/cli_cluster.h"
#include "cli/version.h"
#include "eddy/api/stream_execution_environment.h"

namespace {

using JobEntryPoint = int (*)(int, char**);

// Hands -p and -D to the job's StreamExecutionEnvironment (see kDynamicPropertiesEnv).
void passConfiguration(int parallelism, const std::vector<std::string>& dynamic_properties) {
  std::string lines;
  for (const std::string& property : dynamic_properties) lines += property + "\n";
  if (parallelism > 0) lines += "parallelism.default=" + std::to_string(parallelism) + "\n";
  if (!lines.empty()) setenv(eddy::kDynamicPropertiesEnv, lines.c_str(), 1);
}

int runJob(const std::string& path, std::vector<std::string> args) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    std::fprintf(stderr, "eddy run: cannot load job '%s': %s\n", path.c_str(), dlerror());
    return 1;
  }
  auto entry = reinterpret_cast<JobEntryPoint>(dlsym(handle, "eddyMain"));
  if (!entry) {
    std::fprintf(stderr, "eddy run: '%s' has no entry point: export extern \"C\" int eddyMain(int, char**)\n",
                 path.c_str());
    return 1;
  }
  args.insert(args.begin(), path);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return entry(static_cast<int>(args.size()), argv.data());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Eddy: runs Apache Flink jobs (DataStream, SQL) natively.", "eddy"};
  app.set_version_flag("--version", std::string("Eddy ") + eddy::cli::kVersion);
  app.require_subcommand(1);

  std::string job;
  std::vector<std::string> job_args;
  std::vector<std::string> dynamic_properties;
  int parallelism = 0;
  CLI::App* run = app.add_subcommand("run", "Runs a job (a shared library with eddyMain) on an embedded mini-cluster");
  run->add_option("-p,--parallelism", parallelism, "The parallelism with which to run the job");
  // Each -D takes exactly one value, so that `-D a=b job.so x` leaves job.so and x alone.
  run->add_option("-D", dynamic_properties, "Configuration override key=value (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::string savepoint_path;
  bool allow_non_restored_state = false;
  run->add_option("-s,--fromSavepoint", savepoint_path, "Path to a savepoint or checkpoint to restore the job from");
  run->add_flag("-n,--allowNonRestoredState", allow_non_restored_state,
                "Allow to skip savepoint state that cannot be restored");
  bool detached = false;
  run->add_flag("-d,--detached", detached, "If present, runs the job in detached mode (on a session cluster)");
  run->add_option("job", job, "Path of the job's shared library")->required();
  run->add_option("args", job_args, "Arguments passed to the job");
  run->positionals_at_end();

  std::string init_file;
  std::string script_file;
  CLI::App* sql = app.add_subcommand("sql", "Starts the SQL client (interactive, or running a script with -f)");
  sql->add_option("-i,--init", init_file, "Script run before the session starts (e.g. DDL)");
  sql->add_option("-f,--file", script_file, "Script run instead of the interactive session");

  eddy::cli::ClusterCommands cluster_commands(app);

  CLI11_PARSE(app, argc, argv);
  if (sql->parsed()) return eddy::cli::runSqlClient(init_file, script_file);
  if (run->parsed()) {
    if (job.size() > 4 && job.compare(job.size() - 4, 4, ".sql") == 0) return eddy::cli::runSqlScript(job);
    // A session cluster at rest.address:rest.port runs the job; else the embedded mini-cluster.
    if (std::optional<int> code = eddy::cli::runOnSessionCluster(
            {job, job_args, dynamic_properties, parallelism, savepoint_path, allow_non_restored_state, detached})) {
      return *code;
    }
    if (!savepoint_path.empty()) dynamic_properties.push_back("execution.savepoint.path=" + savepoint_path);
    if (allow_non_restored_state) dynamic_properties.push_back("execution.savepoint.ignore-unclaimed-state=true");
    passConfiguration(parallelism, dynamic_properties);
    return runJob(job, job_args);
  }
  if (std::optional<int> code = cluster_commands.runParsed(eddy::cli::kVersion)) return *code;
  return 0;
}
