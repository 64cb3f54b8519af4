#include "eddy/connectors/text_file_sink.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace eddy::connectors {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(TextFileSinkTest, WritesOneLinePerRecordToPartFile) {
  fs::path dir = fs::temp_directory_path() / ("eddy_text_sink_test_" + std::to_string(::getpid())) / "out";
  fs::remove_all(dir.parent_path());
  TextFileSink<std::pair<std::string, int>> sink(dir.string());
  auto writer = sink.createWriter(SinkWriterContext{2, 3});
  runtime::RecordBatch<std::pair<std::string, int>> batch;
  batch.add({"a", 1}, runtime::kNoTimestamp);
  batch.add({"b", 2}, runtime::kNoTimestamp);
  writer->writeBatch(batch);
  writer->write({"c", 3}, 5);
  EXPECT_EQ(readFile(dir / "part-2-0"), "");  // buffered until flushed
  writer->flush(true);
  writer->close();
  EXPECT_EQ(readFile(dir / "part-2-0"), "(a,1)\n(b,2)\n(c,3)\n");
  fs::remove_all(dir.parent_path());
}

TEST(TextFileSinkTest, StringsAndLargeOutput) {
  fs::path dir = fs::temp_directory_path() / ("eddy_text_sink_big_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  TextFileSink<std::string> sink(dir.string());
  auto writer = sink.createWriter(SinkWriterContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    batch.add(std::string(1000, static_cast<char>('a' + i % 26)), runtime::kNoTimestamp);
    expected += batch.values.back() + "\n";
  }
  for (int round = 0; round < 3; ++round) writer->writeBatch(batch);
  writer->close();
  EXPECT_EQ(readFile(dir / "part-0-0"), expected + expected + expected);
  fs::remove_all(dir);
}

TEST(TextFileSinkTest, UnwritableDirectoryThrowsNamingIt) {
  TextFileSink<int> sink("/proc/eddy-cannot-write-here");
  try {
    sink.createWriter(SinkWriterContext{0, 1});
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("Cannot create directory /proc/eddy-cannot-write-here: ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace eddy::connectors
