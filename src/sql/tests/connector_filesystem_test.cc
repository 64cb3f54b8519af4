#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/runtime/output.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/filesystem/filesystem_table_factory.h"
#include "sql/connectors/filesystem/partition_path.h"
#include "sql/tests/filesystem_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;
using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::Value;

using ::eddy::testing::TempDir;

// The visible files (no '.' or '_' at the start of any part of the path).
std::map<std::string, std::string> visibleFiles(const std::string& dir) {
  std::map<std::string, std::string> visible;
  for (auto& [path, text] : listFiles(dir)) {
    bool hidden = false;
    for (const auto& part : fs::path(path)) hidden |= part.string().starts_with(".") || part.string().starts_with("_");
    if (!hidden) visible.emplace(path, text);
  }
  return visible;
}

DynamicTableContext contextOf(LogicalType row_type, std::map<std::string, std::string> options,
                              std::vector<std::string> partition_keys = {}) {
  return filesystemTableContext(std::move(row_type), std::move(options), std::move(partition_keys));
}

const DynamicTableSourceFactory& sourceFactory() { return filesystemSourceFactory(); }

const DynamicTableSinkFactory& sinkFactory() { return filesystemSinkFactory(); }

// The rows a filesystem table reads (Row::toString), all readers of `parallelism`.
std::vector<std::string> readTable(const DynamicTableContext& context, int parallelism = 1) {
  auto source = sourceFactory().createDynamicTableSource(context);
  EXPECT_TRUE(source.ok()) << source.status().toString();
  if (!source.ok()) return {};
  auto* table = dynamic_cast<FileSystemTableSource*>(source->get());
  std::vector<std::string> rows;
  for (int subtask = 0; subtask < parallelism; ++subtask) {
    auto reader = table->createSource()->createReader(SourceReaderContext{subtask, parallelism});
    while (true) {
      runtime::RecordBatch<RowChunk> out;
      InputStatus status = reader->pollNext(out);
      for (const RowChunk& chunk : out.values) {
        for (size_t i = 0; i < chunk.size(); ++i) rows.push_back(chunk.batch->getRow(i).toString());
      }
      if (status == InputStatus::kEndOfInput) break;
    }
  }
  return rows;
}

// Processing time under the test's control.
class ManualProcessingTime final : public runtime::ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now; }
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override {
    timers.emplace_back(time, std::move(callback));
  }
  // Advances to `time`, firing due timers.
  void advance(int64_t time) {
    now = time;
    std::vector<std::pair<int64_t, std::function<void(int64_t)>>> due;
    for (auto it = timers.begin(); it != timers.end();) {
      if (it->first <= now) {
        due.push_back(std::move(*it));
        it = timers.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [at, callback] : due) callback(now);
  }

  int64_t now = 1000;
  std::vector<std::pair<int64_t, std::function<void(int64_t)>>> timers;
};

// A sink operator of a table, set up as subtask 0 of 1 and opened.
struct SinkHarness {
  SinkHarness(const DynamicTableContext& context, const std::vector<std::string>& restored = {}) {
    auto sink = sinkFactory().createDynamicTableSink(context);
    EXPECT_TRUE(sink.ok()) << sink.status().toString();
    table = std::unique_ptr<FileSystemTableSink>(dynamic_cast<FileSystemTableSink*>(sink->release()));
    op = table->createOperator();
    runtime::OperatorSetup setup;
    setup.info.name = "Filesystem";
    setup.output = &output;
    setup.processing_time = &time;
    op->setup(std::move(setup));
    EXPECT_TRUE(op->initializeState(restored).ok());
    op->open();
  }
  void write(const LogicalType& type, const std::vector<Row>& rows) { writeRows(*op, type, rows); }

  std::unique_ptr<FileSystemTableSink> table;
  std::unique_ptr<FileSystemSinkOperator> op;
  runtime::DiscardingOutput<RowChunk> output;
  ManualProcessingTime time;
};

LogicalType peopleType() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT()), DataTypes::FIELD("name", DataTypes::STRING()),
                         DataTypes::FIELD("score", DataTypes::DOUBLE())});
}

TEST(ConnectorFileSystemTest, ReadsEveryVisibleCsvFileOfADirectory) {
  TempDir dir("read_csv");
  dir.write("a.csv", "1,alice,1.5\n2,\"bob, jr\",2.0\n");
  dir.write("sub/b.csv", "3,carol,\n");
  dir.write(".hidden.csv", "9,hidden,9.0\n");
  dir.write("_SUCCESS", "");
  auto context = contextOf(peopleType(), {{"path", dir.path()}, {"format", "csv"}, {"csv.ignore-parse-errors", "true"}});
  EXPECT_EQ(readTable(context), (std::vector<std::string>{"+I[1, alice, 1.5]", "+I[2, bob, jr, 2.0]", "+I[3, carol, null]"}));
  // Two readers take the files in turn.
  EXPECT_EQ(readTable(context, 2), (std::vector<std::string>{"+I[1, alice, 1.5]", "+I[2, bob, jr, 2.0]", "+I[3, carol, null]"}));
  // A single file is a path too.
  auto one = contextOf(peopleType(), {{"path", "file://" + dir.path() + "/sub/b.csv"}, {"format", "csv"},
                                      {"csv.null-literal", ""}});
  EXPECT_EQ(readTable(one), (std::vector<std::string>{"+I[3, carol, null]"}));
}

TEST(ConnectorFileSystemTest, ReadsJsonLines) {
  TempDir dir("read_json");
  dir.write("part-0", "{\"id\":1,\"name\":\"a\",\"score\":0.5}\n\n{\"id\":2,\"name\":null}\n");
  EXPECT_EQ(readTable(contextOf(peopleType(), {{"path", dir.path()}, {"format", "json"}})),
            (std::vector<std::string>{"+I[1, a, 0.5]", "+I[2, null, null]"}));
}

TEST(ConnectorFileSystemTest, ABadLineFailsNamingTheFileAndLine) {
  TempDir dir("read_bad");
  dir.write("a.csv", "1,a,1.0\nx,b,2.0\n");
  auto source = sourceFactory().createDynamicTableSource(contextOf(peopleType(), {{"path", dir.path()}, {"format", "csv"}}));
  ASSERT_TRUE(source.ok());
  auto reader = dynamic_cast<FileSystemTableSource*>(source->get())->createSource()->createReader(SourceReaderContext{});
  runtime::RecordBatch<RowChunk> out;
  try {
    reader->pollNext(out);
    FAIL() << "expected a failure";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "Failed to read line 2 of file " + dir.path() +
                                         "/a.csv: Failed to deserialize CSV row 'x,b,2.0'. Caused by: Fail to "
                                         "deserialize at field: id. Caused by: For input string: \"x\"");
  }
}

TEST(ConnectorFileSystemTest, PartitionDirectoriesGivePartitionValues) {
  TempDir dir("read_partitioned");
  dir.write("dt=2024-01-02/h=7/f", "1,a\n");
  dir.write("dt=__DEFAULT_PARTITION__/h=8/f", "2,b\n");
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("dt", DataTypes::DATE()),
                                     DataTypes::FIELD("name", DataTypes::STRING()), DataTypes::FIELD("h", DataTypes::INT())});
  EXPECT_EQ(readTable(contextOf(type, {{"path", dir.path()}, {"format", "csv"}}, {"dt", "h"})),
            (std::vector<std::string>{"+I[1, 2024-01-02, a, 7]", "+I[2, null, b, 8]"}));
}

TEST(ConnectorFileSystemTest, WrittenRowsReadBackEqual) {
  TempDir dir("write_read");
  for (const char* format : {"csv", "json"}) {
    const std::string path = dir.path() + "/" + format;
    auto context = contextOf(peopleType(), {{"path", path}, {"format", format}});
    std::vector<Row> rows = {Row::of(int64_t{1}, "alice", 1.5), Row::of(int64_t{2}, "bob, \"jr\"", -0.25),
                             Row(types::RowKind::INSERT, {Value(int64_t{3}), Value(), Value(2.0)})};
    {
      SinkHarness sink(context);
      sink.write(peopleType(), rows);
      sink.op->finish();
      sink.op->close();
      auto files = visibleFiles(path);
      ASSERT_EQ(files.size(), 1u) << format;
      EXPECT_EQ(files.begin()->first, "part-" + sink.table->sinkUuid() + "-0-0");
      if (std::string(format) == "csv") {
        EXPECT_EQ(files.begin()->second, "1,alice,1.5\n2,\"bob, \"\"jr\"\"\",-0.25\n3,,2.0\n");
      } else {
        EXPECT_EQ(files.begin()->second,
                  "{\"id\":1,\"name\":\"alice\",\"score\":1.5}\n{\"id\":2,\"name\":\"bob, \\\"jr\\\"\",\"score\":-0.25}\n"
                  "{\"id\":3,\"name\":null,\"score\":2.0}\n");
      }
    }
    auto read_context = contextOf(peopleType(), {{"path", path}, {"format", format}});
    if (std::string(format) == "csv") read_context.table.options["csv.null-literal"] = "";
    EXPECT_EQ(readTable(read_context),
              (std::vector<std::string>{"+I[1, alice, 1.5]", "+I[2, bob, \"jr\", -0.25]", "+I[3, null, 2.0]"}))
        << format;
  }
}

TEST(ConnectorFileSystemTest, PartitionedWriteMakesKeyValueDirectories) {
  TempDir dir("write_partitioned");
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("region", DataTypes::STRING()),
                                     DataTypes::FIELD("name", DataTypes::STRING())});
  auto context = contextOf(type, {{"path", dir.path()}, {"format", "csv"}}, {"region"});
  std::string uuid;
  {
    SinkHarness sink(context);
    uuid = sink.table->sinkUuid();
    sink.write(type, {Row::of(1, "eu/west", "a"), Row::of(2, "us", "b"), Row::of(3, "eu/west", "c"),
                      Row(types::RowKind::INSERT, {Value(4), Value(), Value("d")})});
    sink.op->finish();
  }
  EXPECT_EQ(visibleFiles(dir.path()), (std::map<std::string, std::string>{
                                          {"region=__DEFAULT_PARTITION__/part-" + uuid + "-0-2", "4,d\n"},
                                          {"region=eu%2Fwest/part-" + uuid + "-0-0", "1,a\n3,c\n"},
                                          {"region=us/part-" + uuid + "-0-1", "2,b\n"}}));
  EXPECT_EQ(readTable(context), (std::vector<std::string>{"+I[4, null, d]", "+I[1, eu/west, a]", "+I[3, eu/west, c]",
                                                          "+I[2, us, b]"}));
}

TEST(ConnectorFileSystemTest, FilesBecomeVisibleOnlyWhenTheirCheckpointCompletes) {
  TempDir dir("write_checkpoint");
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())});
  auto context = contextOf(type, {{"path", dir.path()}, {"format", "csv"}, {"sink.rolling-policy.file-size", "4b"}});
  SinkHarness sink(context);
  const std::string uuid = sink.table->sinkUuid();
  sink.write(type, {Row::of(10), Row::of(11), Row::of(12)});
  // Over 4 bytes: the next row rolled the first part; nothing visible yet.
  EXPECT_TRUE(visibleFiles(dir.path()).empty());
  auto state = sink.op->snapshotOperatorState(1);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(visibleFiles(dir.path()).empty());
  EXPECT_EQ(listFiles(dir.path()).size(), 2u);
  sink.op->notifyCheckpointComplete(1);
  // The part still in progress (3 bytes, not over the size) stays hidden: row formats do not
  // roll on checkpoints (Flink's TableRollingPolicy).
  EXPECT_EQ(visibleFiles(dir.path()), (std::map<std::string, std::string>{{"part-" + uuid + "-0-0", "10\n11\n"}}));
  // Rows after the checkpoint stay hidden when the job fails before the next one.
  sink.write(type, {Row::of(13)});
  sink.op->close();
  EXPECT_EQ(visibleFiles(dir.path()).size(), 1u);
}

TEST(ConnectorFileSystemTest, ARestoreCommitsTheCheckpointedPartOfInProgressFiles) {
  TempDir dir("write_restore");
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())});
  auto context = contextOf(type, {{"path", dir.path()}, {"format", "csv"}});
  std::vector<std::string> state;
  std::string uuid;
  {
    SinkHarness sink(context);
    uuid = sink.table->sinkUuid();
    sink.write(type, {Row::of(1), Row::of(2)});
    auto snapshot = sink.op->snapshotOperatorState(5);
    ASSERT_TRUE(snapshot.ok());
    state = *snapshot;
    sink.write(type, {Row::of(3)});
    sink.op->snapshotOperatorState(6).status();
    sink.op->close();  // fails before checkpoint 6 completes
  }
  EXPECT_TRUE(visibleFiles(dir.path()).empty());
  SinkHarness restored(context, state);
  // The restored sink is planned again with its own uuid; the committed file keeps its name.
  EXPECT_EQ(visibleFiles(dir.path()), (std::map<std::string, std::string>{{"part-" + uuid + "-0-0", "1\n2\n"}}));
  restored.write(type, {Row::of(3)});
  restored.op->finish();
  EXPECT_EQ(visibleFiles(dir.path()), (std::map<std::string, std::string>{
                                          {"part-" + uuid + "-0-0", "1\n2\n"},
                                          {"part-" + restored.table->sinkUuid() + "-0-1", "3\n"}}));
}

TEST(ConnectorFileSystemTest, RolloverIntervalClosesPartsAtTheCheck) {
  TempDir dir("write_rollover");
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())});
  auto context = contextOf(type, {{"path", dir.path()}, {"format", "csv"}, {"sink.rolling-policy.rollover-interval", "10 s"},
                                  {"sink.rolling-policy.check-interval", "1 s"}});
  SinkHarness sink(context);
  sink.write(type, {Row::of(1)});
  sink.time.advance(5000);
  sink.write(type, {Row::of(2)});
  sink.time.advance(12000);  // 11 s after the part was opened
  sink.write(type, {Row::of(3)});
  ASSERT_TRUE(sink.op->snapshotOperatorState(1).ok());
  sink.op->notifyCheckpointComplete(1);
  EXPECT_EQ(visibleFiles(dir.path()),
            (std::map<std::string, std::string>{{"part-" + sink.table->sinkUuid() + "-0-0", "1\n2\n"}}));
}

TEST(ConnectorFileSystemTest, OptionsAndModes) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())});
  EXPECT_EQ(sourceFactory().createDynamicTableSource(contextOf(type, {{"format", "csv"}})).status().message(),
            "One or more required options are missing.\n\nMissing required options are:\n\npath");
  EXPECT_EQ(sourceFactory().createDynamicTableSource(contextOf(type, {{"path", "/tmp/x"}, {"format", "avro"}})).status().message(),
            "Could not find any factory for identifier 'avro' that implements "
            "'org.apache.flink.table.factories.DeserializationFormatFactory' in the classpath.\n\n"
            "Available factory identifiers are:\n\ncsv\njson");
  auto unsupported = sourceFactory().createDynamicTableSource(
      contextOf(type, {{"path", "/tmp/x"}, {"format", "json"}, {"csv.field-delimiter", ";"}}));
  EXPECT_TRUE(unsupported.status().message().starts_with(
      "Unsupported options found for 'filesystem'.\n\nUnsupported options:\n\ncsv.field-delimiter\n\nSupported options:\n\n"))
      << unsupported.status().message();
  auto sink = sinkFactory().createDynamicTableSink(contextOf(type, {{"path", "/tmp/x"}, {"format", "csv"}}));
  ASSERT_TRUE(sink.ok());
  EXPECT_EQ((*sink)->getChangelogMode(ChangelogMode::all()).toString(), "I");
  EXPECT_EQ(escapePathName("a/b=c%d e"), "a%2Fb%3Dc%25d e");
  EXPECT_EQ(unescapePathName("a%2Fb%3Dc%25d e"), "a/b=c%d e");
}

}  // namespace
}  // namespace eddy::sql
