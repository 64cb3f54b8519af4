#include "eddy/connectors/file_source.h"
#include "common/tests/temp_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"

namespace eddy::connectors {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

std::shared_ptr<Source<std::string>> textSource(const std::string& path) {
  return FileSource::forRecordStreamFormat(TextLineInputFormat(), path).build();
}

template <typename T>
std::vector<T> readAll(SourceReader<T>& reader) {
  std::vector<T> all;
  runtime::RecordBatch<T> batch;
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
  auto reader = textSource(dir.path("big.txt"))->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(readAll(*reader), (std::vector<std::string>{first, "tail", longest, "end"}));
}

TEST(FileSourceTest, FilesAreDividedAmongReadersRoundRobin) {
  TempDir dir;
  dir.write("f0", "0a\n0b\n");
  dir.write("f1", "1a\n");
  dir.write("f2", "2a\n");
  dir.write("f3", "");
  dir.write("f4", "4a");
  auto source = textSource(dir.path());
  std::vector<std::vector<std::string>> parts;
  for (int subtask = 0; subtask < 3; ++subtask) {
    parts.push_back(readAll(*source->createReader(SourceReaderContext{subtask, 3})));
  }
  EXPECT_EQ(parts, (std::vector<std::vector<std::string>>{{"0a", "0b"}, {"1a", "4a"}, {"2a"}}));
}

TEST(FileSourceTest, FullBatchesThenTheRest) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 2500; ++i) text += std::to_string(i) + "\n";
  dir.write("n.txt", text);
  auto reader = textSource(dir.path("n.txt"))->createReader(SourceReaderContext{0, 1});
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

types::LogicalType eventType() {
  using types::DataTypes;
  return DataTypes::ROW({DataTypes::FIELD("user", DataTypes::STRING()), DataTypes::FIELD("clicks", DataTypes::INT())});
}

std::vector<std::string> rowStrings(const std::vector<types::Row>& rows) {
  std::vector<std::string> out;
  for (const types::Row& row : rows) out.push_back(row.toString());
  return out;
}

TEST(FileSourceTest, JsonLinesBecomeRowsAndBlankLinesAreSkipped) {
  TempDir dir;
  dir.write("a.json", "{\"user\":\"ann\",\"clicks\":3}\n\n  \r\n{\"clicks\":\"7\",\"user\":\"bob\"}\r\n{\"user\":null}");
  auto source = FileSource::forRecordStreamFormat(JsonLinesInputFormat(eventType()), dir.path()).build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(rowStrings(readAll(*reader)), (std::vector<std::string>{"+I[ann, 3]", "+I[bob, 7]", "+I[null, null]"}));
}

TEST(FileSourceTest, MalformedJsonLineFailsNamingFileAndLine) {
  TempDir dir;
  dir.write("a.json", "{\"user\":\"ann\",\"clicks\":3}\n\n{\"user\":\"bob\",\"clicks\":}\n");
  auto source = FileSource::forRecordStreamFormat(JsonLinesInputFormat(eventType()), dir.path()).build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<types::Row> batch;
  try {
    reader->pollNext(batch);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Failed to read line 3 of file " + dir.path("a.json") +
                  ": Failed to deserialize JSON '{\"user\":\"bob\",\"clicks\":}'. Caused by: The JSON document has "
                  "an improper structure: missing or superfluous commas, braces, missing keys, etc.");
  }
}

TEST(FileSourceTest, MalformedJsonLineIsSkippedWithIgnoreParseErrors) {
  TempDir dir;
  dir.write("a.json", "{\"user\":\"ann\",\"clicks\":3}\n{\"user\":\"bob\",\"clicks\":}\n{\"user\":\"cy\",\"clicks\":\"x\"}\n");
  formats::json::JsonDeserializationOptions options;
  options.ignore_parse_errors = true;
  auto source = FileSource::forRecordStreamFormat(JsonLinesInputFormat(eventType(), options), dir.path()).build();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  EXPECT_EQ(rowStrings(readAll(*reader)), (std::vector<std::string>{"+I[ann, 3]", "+I[cy, null]"}));
}

TEST(FileSourceTest, JsonLinesFormatRejectsConflictingOptions) {
  formats::json::JsonDeserializationOptions options;
  options.ignore_parse_errors = true;
  options.fail_on_missing_field = true;
  EXPECT_EQ(JsonLinesInputFormat::validate(eventType(), options).message(),
            "JSON format doesn't support failOnMissingField and ignoreParseErrors are both enabled.");
}

}  // namespace
}  // namespace eddy::connectors
