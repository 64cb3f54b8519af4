#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace eddy::examples {
namespace {

// Runs the program (its path from the build) and returns what it printed to stdout.
std::string runProgram(const std::string& path) {
  std::string out;
  FILE* pipe = popen(path.c_str(), "r");
  if (pipe == nullptr) return "cannot run " + path;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) out += "exit status " + std::to_string(status);
  return out;
}

TEST(MixingBothTest, PrintsTheChangelogOfTheCountPerUser) {
  EXPECT_EQ(runProgram(MIXING_BOTH_PROGRAM),
            "+I[alice, 1]\n"
            "+I[bob, 1]\n"
            "-U[alice, 1]\n"
            "+U[alice, 2]\n"
            "+I[carol, 1]\n"
            "-U[bob, 1]\n"
            "+U[bob, 2]\n"
            "-U[alice, 2]\n"
            "+U[alice, 3]\n");
}

}  // namespace
}  // namespace eddy::examples
