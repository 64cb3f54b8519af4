#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eddy/connectors/file_source.h"
#include "eddy/datastream.h"
#include "common/tests/temp_dir.h"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using connectors::FileSource;
using connectors::TextLineInputFormat;

using testing::TempDir;

Result<std::vector<std::string>> readLines(const std::string& path, int parallelism) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  auto source = FileSource::forRecordStreamFormat(TextLineInputFormat(), path).build();
  return env->fromSource(source, WatermarkStrategy<std::string>::noWatermarks(), "File Source")
      .executeAndCollect("read files");
}

TEST(FileSourceJobTest, ReadsAllVisibleFilesOfADirectory) {
  TempDir dir;
  dir.write("a.txt", "to be\nor not\n");
  dir.write("b.txt", "windows\r\nlines\r\n");
  dir.write("c.txt", "no newline at end");
  dir.write(".hidden", "secret\n");
  dir.write("_SUCCESS", "");
  for (int parallelism : {1, 2}) {
    auto lines = readLines(dir.path(), parallelism);
    ASSERT_TRUE(lines.ok()) << lines.status().toString();
    std::vector<std::string> sorted = *lines;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, (std::vector<std::string>{"lines", "no newline at end", "or not", "to be", "windows"}))
        << "parallelism " << parallelism;
  }
  auto in_order = readLines(dir.path(), 1);
  EXPECT_EQ(*in_order, (std::vector<std::string>{"to be", "or not", "windows", "lines", "no newline at end"}));
}

TEST(FileSourceJobTest, MissingPathFailsTheJobNamingIt) {
  std::string missing = "/tmp/eddy_no_such_input_" + std::to_string(::getpid());
  auto lines = readLines(missing, 1);
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.status().code(), StatusCode::kUserFunctionError);
  EXPECT_EQ(lines.status().message(),
            "Job 'read files' failed: operator 'File Source' failed: File " + missing +
                " does not exist or the user running Eddy has insufficient permissions to access it.");
}

}  // namespace
}  // namespace eddy
