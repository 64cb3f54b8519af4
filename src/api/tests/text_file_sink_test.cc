#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "eddy/connectors/text_file_sink.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using connectors::TextFileSink;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(TextFileSinkJobTest, WritesEachRecordAsALine) {
  fs::path dir = fs::temp_directory_path() / ("eddy_text_sink_job_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->fromElements(std::pair<std::string, int>("a", 1), std::pair<std::string, int>("b", 2))
      .sinkTo(std::make_shared<TextFileSink<std::pair<std::string, int>>>(dir.string()), "File Sink");
  auto result = env->execute("write file");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(readFile(dir / "part-0-0"), "(a,1)\n(b,2)\n");
  fs::remove_all(dir);
}

TEST(TextFileSinkJobTest, OnePartFilePerSubtask) {
  fs::path dir = fs::temp_directory_path() / ("eddy_text_sink_parallel_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  // The collection source has parallelism 1; rebalance deals records 0,1,2,3 to subtasks
  // round-robin, so each part file holds every other record in order.
  env->fromElements(1, 2, 3, 4)
      .rebalance()
      .map([](const int& x) { return x * 100; })
      .sinkTo(std::make_shared<TextFileSink<int>>(dir.string()), "File Sink");
  auto result = env->execute("write files");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  std::string part0 = readFile(dir / "part-0-0");
  std::string part1 = readFile(dir / "part-1-0");
  EXPECT_EQ(part0.size() + part1.size(), std::string("100\n200\n300\n400\n").size());
  EXPECT_EQ(std::set<std::string>({part0, part1}), std::set<std::string>({"100\n300\n", "200\n400\n"}));
  fs::remove_all(dir);
}

TEST(TextFileSinkJobTest, UnwritableDirectoryFailsTheJobNamingIt) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->fromElements(1).sinkTo(std::make_shared<TextFileSink<int>>("/proc/eddy-no-write"), "File Sink");
  auto result = env->execute("bad sink");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message().rfind(
                "Job 'bad sink' failed: operator 'File Sink' failed: Cannot create directory /proc/eddy-no-write: ", 0),
            0u)
      << result.status().message();
}

}  // namespace
}  // namespace eddy
