#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/connectors/file_source.h"
#include "eddy/datastream.h"
#include "eddy/types/data_types.h"

namespace eddy {
namespace {

using connectors::FileSource;
using connectors::JsonLinesInputFormat;
using formats::json::JsonDeserializationOptions;
using testing::TempDir;
using types::DataTypes;
using types::Row;

types::LogicalType pageEventType() {
  return DataTypes::ROW({DataTypes::FIELD("user_id", DataTypes::STRING()),
                         DataTypes::FIELD("page", DataTypes::STRING()),
                         DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3)),
                         DataTypes::FIELD("tags", DataTypes::ARRAY(DataTypes::STRING()))});
}

// The rows of the JSON-lines files under `path`, as Row::toString, sorted.
Result<std::vector<std::string>> readRows(const std::string& path, int parallelism,
                                          JsonDeserializationOptions options = {}) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  auto source = FileSource::forRecordStreamFormat(JsonLinesInputFormat(pageEventType(), options), path).build();
  auto rows = env->fromSource(source, WatermarkStrategy<Row>::noWatermarks(), "Page Events")
                  .map([](const Row& row) { return row.toString(); })
                  .executeAndCollect("read json lines");
  if (!rows.ok()) return rows.status();
  std::vector<std::string> sorted = *rows;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

void writeEvents(const TempDir& dir) {
  dir.write("part-0.json",
            "{\"user_id\":\"u1\",\"page\":\"/home\",\"ts\":\"2024-01-02 10:00:00\",\"tags\":[\"a\"]}\n"
            "\n"
            "{\"page\":\"/cart\",\"user_id\":\"u2\",\"ts\":\"2024-01-02 10:00:01.5\",\"extra\":{\"x\":1}}\n");
  dir.write("part-1.json",
            "{\"user_id\":\"u1\",\"page\":\"/pay\",\"ts\":\"2024-01-02 10:05:00\",\"tags\":[]}\r\n"
            "{\"user_id\":\"u3\",\"page\":null,\"ts\":null,\"tags\":null}");
  dir.write("_SUCCESS", "");
}

TEST(JsonLinesSourceJobTest, ReadsRowsAtParallelismOneAndTwo) {
  TempDir dir;
  writeEvents(dir);
  for (int parallelism : {1, 2}) {
    auto rows = readRows(dir.path(), parallelism);
    ASSERT_TRUE(rows.ok()) << rows.status().toString();
    EXPECT_EQ(*rows, (std::vector<std::string>{
                         "+I[u1, /home, 2024-01-02T10:00, [a]]",
                         "+I[u1, /pay, 2024-01-02T10:05, []]",
                         "+I[u2, /cart, 2024-01-02T10:00:01.500, null]",
                         "+I[u3, null, null, null]",
                     }))
        << "parallelism " << parallelism;
  }
}

TEST(JsonLinesSourceJobTest, MalformedLineFailsTheJobNamingFileAndLine) {
  TempDir dir;
  writeEvents(dir);
  dir.write("part-2.json", "{\"user_id\":\"u4\",\"page\":\"/a\"}\n{\"user_id\":\"u5\",\"page\":}\n");
  auto rows = readRows(dir.path(), 2);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kUserFunctionError);
  EXPECT_EQ(rows.status().message(),
            "Job 'read json lines' failed: operator 'Page Events' failed: Failed to read line 2 of file " +
                dir.path("part-2.json") +
                ": Failed to deserialize JSON '{\"user_id\":\"u5\",\"page\":}'. Caused by: The JSON document has an "
                "improper structure: missing or superfluous commas, braces, missing keys, etc.");
}

TEST(JsonLinesSourceJobTest, MalformedLineIsSkippedWithIgnoreParseErrors) {
  TempDir dir;
  writeEvents(dir);
  dir.write("part-2.json", "{\"user_id\":\"u4\",\"page\":\"/a\",\"ts\":\"yesterday\"}\n{\"user_id\":\"u5\",\"page\":}\n");
  JsonDeserializationOptions options;
  options.ignore_parse_errors = true;
  auto rows = readRows(dir.path(), 2, options);
  ASSERT_TRUE(rows.ok()) << rows.status().toString();
  EXPECT_EQ(*rows, (std::vector<std::string>{
                       "+I[u1, /home, 2024-01-02T10:00, [a]]",
                       "+I[u1, /pay, 2024-01-02T10:05, []]",
                       "+I[u2, /cart, 2024-01-02T10:00:01.500, null]",
                       "+I[u3, null, null, null]",
                       "+I[u4, /a, null, null]",
                   }));
}

}  // namespace
}  // namespace eddy
