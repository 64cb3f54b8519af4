#include "eddy/connectors/file_source.h"
#include "common/tests/temp_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace eddy::connectors {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

std::vector<std::string> readAll(SourceReader<std::string>& reader) {
  std::vector<std::string> all;
  runtime::RecordBatch<std::string> batch;
  InputStatus status;
  do {
    batch.clear();
    status = reader.pollNext(batch);
    all.insert(all.end(), batch.values.begin(), batch.values.end());
  } while (status == InputStatus::kMoreAvailable);
  return all;
}

TEST(FileSourceTest, EnumeratesVisibleFilesSortedAndRecursively) {
  TempDir dir;
  dir.write("b.txt", "");
  dir.write("a.txt", "");
  dir.write(".hidden", "");
  dir.write("_SUCCESS", "");
  dir.write("sub/c.txt", "");
  dir.write(".git/d.txt", "");
  dir.write("_tmp/e.txt", "");
  auto files = enumerateFiles(dir.path() + "/");
  ASSERT_TRUE(files.ok()) << files.status().toString();
  EXPECT_EQ(*files, (std::vector<std::string>{dir.path("a.txt"), dir.path("b.txt"), dir.path("sub/c.txt")}));
  EXPECT_EQ(*enumerateFiles(dir.path("b.txt")), std::vector<std::string>{dir.path("b.txt")});
  EXPECT_TRUE(enumerateFiles(dir.path("_SUCCESS"))->empty());
}

TEST(FileSourceTest, MissingPathIsNotFoundNamingIt) {
  auto files = enumerateFiles("/nonexistent/eddy/input");
  EXPECT_EQ(files.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(files.status().message(),
            "File /nonexistent/eddy/input does not exist or the user running Eddy has insufficient permissions to "
            "access it.");
  auto source = FileSource::forRecordStreamFormat(TextLineInputFormat(), "/nonexistent/eddy/input").build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  EXPECT_THROW(reader->pollNext(batch), std::runtime_error);
}

TEST(FileSourceTest, SplitsLinesAtEveryTerminator) {
  TempDir dir;
  dir.write("in.txt", "one\ntwo\r\nthree\rfour\n\nsix\r\n\r\nlast");
  auto source = FileSource::forRecordStreamFormat(TextLineInputFormat(), dir.path("in.txt")).build();
  EXPECT_EQ(source->getBoundedness(), Boundedness::kBounded);
  auto reader = source->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readAll(*reader), (std::vector<std::string>{"one", "two", "three", "four", "", "six", "", "last"}));
}

TEST(FileSourceTest, LinesAcrossReadBlocks) {
  TempDir dir;
  const size_t block = size_t{1} << 20;
  // A "\r\n" split by the block boundary, then a line longer than two blocks.
  std::string first(block - 1, 'a');
  std::string longest(2 * block + 7, 'y');
  dir.write("big.txt", first + "\r\n" + "tail\n" + longest + "\nend\n");
  auto reader = FileSource(dir.path("big.txt")).createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readAll(*reader), (std::vector<std::string>{first, "tail", longest, "end"}));
}

TEST(FileSourceTest, FilesAreDividedAmongReadersRoundRobin) {
  TempDir dir;
  dir.write("f0", "0a\n0b\n");
  dir.write("f1", "1a\n");
  dir.write("f2", "2a\n");
  dir.write("f3", "");
  dir.write("f4", "4a");
  FileSource source(dir.path());
  std::vector<std::vector<std::string>> parts;
  for (int subtask = 0; subtask < 3; ++subtask) {
    parts.push_back(readAll(*source.createReader(SourceReaderContext{subtask, 3})));
  }
  EXPECT_EQ(parts, (std::vector<std::vector<std::string>>{{"0a", "0b"}, {"1a", "4a"}, {"2a"}}));
}

TEST(FileSourceTest, FullBatchesThenTheRest) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2500; ++i) text += std::to_string(i) + "\n";
  dir.write("n.txt", text);
  auto reader = FileSource(dir.path("n.txt")).createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<std::string> batch;
  std::vector<size_t> sizes;
  InputStatus status;
  do {
    batch.clear();
    status = reader->pollNext(batch);
    sizes.push_back(batch.size());
  } while (status == InputStatus::kMoreAvailable);
  EXPECT_EQ(sizes, (std::vector<size_t>{1024, 1024, 452}));
}

}  // namespace
}  // namespace eddy::connectors
