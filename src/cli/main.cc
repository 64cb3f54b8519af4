// The `eddy` command: Flink's CLI verbs for Eddy. `eddy run <job>` runs a C++ job built as a
// shared library exporting `int eddyMain(int argc, char** argv)` on the embedded
// mini-cluster; the job's own errors come back as its exit code and message.
#include <dlfcn.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/version.h"

namespace {

using JobEntryPoint = int (*)(int, char**);

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
  CLI::App* run = app.add_subcommand("run", "Runs a job (a shared library with eddyMain) on an embedded mini-cluster");
  run->add_option("job", job, "Path of the job's shared library")->required();
  run->add_option("args", job_args, "Arguments passed to the job");

  CLI11_PARSE(app, argc, argv);
  if (run->parsed()) return runJob(job, job_args);
  return 0;
}
