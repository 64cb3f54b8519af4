#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct Invocation {
  int exit_code;
  std::string output;  // stdout and stderr
};

// Runs `eddy <args>` and captures what it prints.
Invocation eddy(const std::string& args) {
  std::string command = std::string(EDDY_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(CliTest, VersionAndHelpListTheVerbs) {
  Invocation version = eddy("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("Eddy ", 0), 0u) << version.output;
  Invocation help = eddy("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("run"), std::string::npos) << help.output;
}

TEST(CliTest, RunsAJobLibraryAndPrintsItsOutput) {
  Invocation run = eddy(std::string("run ") + TEST_JOB);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, "parallelism=1\n(a,1)\n(b,1)\n(a,2)\n");
}

TEST(CliTest, ParallelismAndDynamicPropertiesReachTheJob) {
  Invocation run = eddy(std::string("run -p 3 -D pipeline.auto-watermark-interval=50ms ") + TEST_JOB);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.rfind("parallelism=3\n", 0), 0u) << run.output;
  // Every -D counts, and none swallows the job.
  Invocation two = eddy(std::string("run -D pipeline.auto-watermark-interval=50ms -D parallelism.default=2 ") + TEST_JOB);
  EXPECT_EQ(two.exit_code, 0) << two.output;
  EXPECT_EQ(two.output.rfind("parallelism=2\n", 0), 0u) << two.output;
  Invocation bad = eddy(std::string("run -D parallelism.default=two ") + TEST_JOB);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("parallelism.default"), std::string::npos) << bad.output;
}

TEST(CliTest, AFailingJobExitsNonZeroNamingOperatorAndCause) {
  Invocation run = eddy(std::string("run ") + TEST_JOB + " fail");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("operator 'Exploding Map' failed: boom on a"), std::string::npos) << run.output;
}

TEST(CliTest, FromSavepointReachesTheJob) {
  Invocation run = eddy(std::string("run -s /nonexistent/chk-7 --allowNonRestoredState ") + TEST_JOB);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("/nonexistent/chk-7"), std::string::npos) << run.output;
}

TEST(CliTest, AMissingJobIsReported) {
  Invocation run = eddy("run /nonexistent/job.so");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("cannot load job '/nonexistent/job.so'"), std::string::npos) << run.output;
}

}  // namespace
