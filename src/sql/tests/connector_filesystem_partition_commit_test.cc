#include <gtest/gtest.h>

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
#include "sql/connectors/filesystem/partition_time_extractor.h"
#include "sql/tests/filesystem_test_util.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;
using types::DataTypes;
using types::LogicalType;
using types::Row;

using ::eddy::testing::TempDir;

// The committed files below `dir` (no in-progress ".part" files), relative path → content.
std::map<std::string, std::string> committedFiles(const std::string& dir) {
  std::map<std::string, std::string> files = listFiles(dir);
  std::erase_if(files, [](const auto& file) { return fs::path(file.first).filename().string().starts_with("."); });
  return files;
}

DynamicTableContext contextOf(LogicalType row_type, std::map<std::string, std::string> options,
                              std::vector<std::string> partition_keys) {
  return filesystemTableContext(std::move(row_type), std::move(options), std::move(partition_keys));
}

const DynamicTableSinkFactory& sinkFactory() { return filesystemSinkFactory(); }

// Processing time under the test's control; timers never fire (the rolling intervals are
// left at their 30 min defaults).
class ManualProcessingTime final : public runtime::ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now; }
  void registerTimer(int64_t, std::function<void(int64_t)>) override {}

  int64_t now = 1000;
};

// The writer's output: hands its messages and watermarks straight to the committer, as a
// chain of the two would.
class CommitterInput final : public runtime::Output<PartitionCommitInfo> {
 public:
  explicit CommitterInput(PartitionCommitter* committer) : committer_(committer) {}
  void emitBatch(runtime::RecordBatch<PartitionCommitInfo>& batch) override {
    for (const PartitionCommitInfo& message : batch.values) messages.push_back(message);
    committer_->processBatch(batch, 0);
  }
  void emitWatermark(int64_t watermark) override { committer_->processWatermark(watermark, 0); }
  void emitWatermarkStatus(bool) override {}

  std::vector<PartitionCommitInfo> messages;

 private:
  PartitionCommitter* committer_;
};

// One writer subtask and the committer of a table, set up and opened, each from its
// restored state.
struct CommitHarness {
  explicit CommitHarness(const DynamicTableContext& context, const std::vector<std::string>& writer_state = {},
                         const std::vector<std::string>& committer_state = {}) {
    auto sink = sinkFactory().createDynamicTableSink(context);
    EXPECT_TRUE(sink.ok()) << sink.status().toString();
    table = std::unique_ptr<FileSystemTableSink>(dynamic_cast<FileSystemTableSink*>(sink->release()));
    committer = table->createCommitter();
    writer = table->createOperator();
    input = std::make_unique<CommitterInput>(committer.get());
    runtime::OperatorSetup committer_setup;
    committer_setup.info.name = "PartitionCommitter";
    committer_setup.output = &committer_output;
    committer_setup.processing_time = &time;
    committer->setup(std::move(committer_setup));
    runtime::OperatorSetup writer_setup;
    writer_setup.info.name = "Filesystem";
    writer_setup.output = input.get();
    writer_setup.processing_time = &time;
    writer->setup(std::move(writer_setup));
    EXPECT_TRUE(committer->initializeState(committer_state).ok());
    EXPECT_TRUE(writer->initializeState(writer_state).ok());
    committer->open();
    writer->open();
  }
  void write(const LogicalType& type, const std::vector<Row>& rows) { writeRows(*writer, type, rows); }
  // Takes checkpoint `id` as the runtime does (the writer's barrier first, then the
  // committer's) and returns the states of both.
  std::pair<std::vector<std::string>, std::vector<std::string>> snapshot(int64_t id) {
    auto writer_state = writer->snapshotOperatorState(id);
    auto committer_state = committer->snapshotOperatorState(id);
    EXPECT_TRUE(writer_state.ok() && committer_state.ok());
    return {*writer_state, *committer_state};
  }
  void checkpoint(int64_t id) {
    snapshot(id);
    writer->notifyCheckpointComplete(id);
    committer->notifyCheckpointComplete(id);
  }

  std::unique_ptr<FileSystemTableSink> table;
  std::unique_ptr<PartitionCommitter> committer;
  std::unique_ptr<FileSystemSinkOperator> writer;
  std::unique_ptr<CommitterInput> input;
  runtime::DiscardingOutput<PartitionCommitter::Output> committer_output;
  ManualProcessingTime time;
};

LogicalType logType() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("dt", DataTypes::STRING()),
                         DataTypes::FIELD("hm", DataTypes::STRING())});
}

// q10's options: partition-time, 1 min delay, success files, "$dt $hm:00".
std::map<std::string, std::string> q10Options(const std::string& path) {
  return {{"path", path},
          {"format", "csv"},
          {"sink.partition-commit.trigger", "partition-time"},
          {"sink.partition-commit.delay", "1 min"},
          {"sink.partition-commit.policy.kind", "success-file"},
          {"partition.time-extractor.timestamp-pattern", "$dt $hm:00"}};
}

// Milliseconds of a UTC date-time on 2024-01-02.
int64_t at(int hour, int minute, int second, int millis = 0) {
  return 1704153600000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

TEST(PartitionCommitTest, EndOfInputCommitsEveryPartitionWithData) {
  TempDir dir("end_of_input");
  CommitHarness sink(contextOf(logType(), q10Options(dir.path()), {"dt", "hm"}));
  const std::string part = "part-" + sink.table->sinkUuid() + "-0-";
  sink.write(logType(), {Row::of(1, "2024-01-02", "10:00"), Row::of(2, "2024-01-02", "10:01"),
                         Row::of(3, "2024-01-02", "10:00"), Row::of(4, "2024-01-03", "00:00")});
  sink.writer->finish();
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{
                                            {"dt=2024-01-02/hm=10%3A00/" + part + "0", "1\n3\n"},
                                            {"dt=2024-01-02/hm=10%3A00/_SUCCESS", ""},
                                            {"dt=2024-01-02/hm=10%3A01/" + part + "1", "2\n"},
                                            {"dt=2024-01-02/hm=10%3A01/_SUCCESS", ""},
                                            {"dt=2024-01-03/hm=00%3A00/" + part + "2", "4\n"},
                                            {"dt=2024-01-03/hm=00%3A00/_SUCCESS", ""}}));
  ASSERT_EQ(sink.input->messages.size(), 1u);
  EXPECT_EQ(sink.input->messages[0],
            (PartitionCommitInfo{kEndOfInputCheckpointId, 0, 1,
                                 {"dt=2024-01-02/hm=10%3A00", "dt=2024-01-02/hm=10%3A01", "dt=2024-01-03/hm=00%3A00"}}));
}

TEST(PartitionCommitTest, PartitionTimeCommitsOnlyPartitionsWhoseTimePlusDelayThePassedWatermark) {
  TempDir dir("partition_time");
  auto options = q10Options(dir.path());
  options["sink.partition-commit.success-file.name"] = "_DONE";
  CommitHarness sink(contextOf(logType(), options, {"dt", "hm"}));
  const std::string part = "part-" + sink.table->sinkUuid() + "-0-";
  sink.write(logType(), {Row::of(1, "2024-01-02", "10:00"), Row::of(2, "2024-01-02", "10:01"),
                         Row::of(3, "2024-01-02", "10:02")});
  // 10:00 + 1 min < watermark; 10:01 + 1 min == watermark is not past it.
  sink.writer->processWatermark(at(10, 2, 0), 0);
  sink.checkpoint(1);
  // The committable partition's part file was closed at the checkpoint and is visible with
  // its success file; the others stay in progress.
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{
                                            {"dt=2024-01-02/hm=10%3A00/" + part + "0", "1\n"},
                                            {"dt=2024-01-02/hm=10%3A00/_DONE", ""}}));
  sink.writer->processWatermark(at(10, 2, 0, 1), 0);
  sink.checkpoint(2);
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{
                                            {"dt=2024-01-02/hm=10%3A00/" + part + "0", "1\n"},
                                            {"dt=2024-01-02/hm=10%3A00/_DONE", ""},
                                            {"dt=2024-01-02/hm=10%3A01/" + part + "1", "2\n"},
                                            {"dt=2024-01-02/hm=10%3A01/_DONE", ""}}));
  EXPECT_EQ(sink.input->messages,
            (std::vector<PartitionCommitInfo>{
                {1, 0, 1, {"dt=2024-01-02/hm=10%3A00", "dt=2024-01-02/hm=10%3A01", "dt=2024-01-02/hm=10%3A02"}},
                {2, 0, 1, {}}}));
}

TEST(PartitionCommitTest, WatermarkTimeZoneShiftsThePartitionTime) {
  TempDir dir("time_zone");
  auto options = q10Options(dir.path());
  options["sink.partition-commit.watermark-time-zone"] = "Asia/Shanghai";
  CommitHarness sink(contextOf(logType(), options, {"dt", "hm"}));
  // 18:00 in Shanghai (UTC+8) is 10:00 UTC: committable once the watermark is past 10:01 UTC.
  sink.write(logType(), {Row::of(1, "2024-01-02", "18:00")});
  sink.writer->processWatermark(at(10, 1, 0), 0);
  sink.checkpoint(1);
  EXPECT_TRUE(committedFiles(dir.path()).empty());
  sink.writer->processWatermark(at(10, 1, 0, 1), 0);
  sink.checkpoint(2);
  EXPECT_EQ(committedFiles(dir.path()).count("dt=2024-01-02/hm=18%3A00/_SUCCESS"), 1u);
}

TEST(PartitionCommitTest, ProcessTimeCountsFromWhenTheCommitterFirstHeardOfThePartition) {
  TempDir dir("process_time");
  CommitHarness sink(contextOf(logType(),
                               {{"path", dir.path()},
                                {"format", "csv"},
                                {"sink.partition-commit.delay", "10 s"},
                                {"sink.partition-commit.policy.kind", "success-file"}},
                               {"dt", "hm"}));
  const std::string part = "part-" + sink.table->sinkUuid() + "-0-";
  sink.write(logType(), {Row::of(1, "a", "b")});  // at 1 s
  sink.time.now = 5000;
  sink.checkpoint(1);  // the committer hears of dt=a/hm=b at 5 s
  EXPECT_TRUE(committedFiles(dir.path()).empty());
  sink.time.now = 12000;
  // The writer closes the part (12 s > 1 s + 10 s); the committer waits for 5 s + 10 s.
  sink.checkpoint(2);
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{{"dt=a/hm=b/" + part + "0", "1\n"}}));
  sink.time.now = 15001;
  sink.checkpoint(3);
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{{"dt=a/hm=b/" + part + "0", "1\n"},
                                                                            {"dt=a/hm=b/_SUCCESS", ""}}));
}

TEST(PartitionCommitTest, ARestoreNeitherLosesPendingPartitionsNorCommitsAgain) {
  TempDir dir("restore");
  const auto context = contextOf(logType(), q10Options(dir.path()), {"dt", "hm"});
  std::pair<std::vector<std::string>, std::vector<std::string>> state;
  std::string part;
  {
    CommitHarness sink(context);
    part = "part-" + sink.table->sinkUuid() + "-0-";
    sink.write(logType(), {Row::of(1, "2024-01-02", "10:00"), Row::of(2, "2024-01-02", "10:05")});
    sink.writer->processWatermark(at(10, 2, 0), 0);
    sink.checkpoint(1);  // commits 10:00; 10:05 waits in the committer
    sink.write(logType(), {Row::of(3, "2024-01-02", "10:10"), Row::of(4, "2024-01-02", "10:05")});
    // Checkpoint 2 completes, then the job fails before its notifications arrive.
    state = sink.snapshot(2);
    sink.writer->close();
    sink.committer->close();
  }
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{
                                            {"dt=2024-01-02/hm=10%3A00/" + part + "0", "1\n"},
                                            {"dt=2024-01-02/hm=10%3A00/_SUCCESS", ""}}));
  // Removed so that a second commit of 10:00 would show.
  fs::remove(fs::path(dir.path()) / "dt=2024-01-02/hm=10%3A00/_SUCCESS");
  CommitHarness restored(context, state.first, state.second);
  // The restored writer committed checkpoint 2's files; 10:10 (reported by no message yet)
  // and 10:05 (pending in the committer) are committed at the end of input.
  restored.writer->finish();
  EXPECT_EQ(committedFiles(dir.path()), (std::map<std::string, std::string>{
                                            {"dt=2024-01-02/hm=10%3A00/" + part + "0", "1\n"},
                                            {"dt=2024-01-02/hm=10%3A05/" + part + "1", "2\n4\n"},
                                            {"dt=2024-01-02/hm=10%3A05/_SUCCESS", ""},
                                            {"dt=2024-01-02/hm=10%3A10/" + part + "2", "3\n"},
                                            {"dt=2024-01-02/hm=10%3A10/_SUCCESS", ""}}));
  EXPECT_EQ(restored.input->messages,
            (std::vector<PartitionCommitInfo>{{kEndOfInputCheckpointId, 0, 1, {"dt=2024-01-02/hm=10%3A10"}}}));
}

TEST(PartitionCommitTest, WithoutPolicyKindOrPartitionsNothingIsCommitted) {
  TempDir dir("no_policy");
  auto options = q10Options(dir.path());
  options.erase("sink.partition-commit.policy.kind");
  auto sink = sinkFactory().createDynamicTableSink(contextOf(logType(), options, {"dt", "hm"}));
  ASSERT_TRUE(sink.ok());
  auto* table = dynamic_cast<FileSystemTableSink*>(sink->get());
  auto writer = table->createOperator();
  runtime::DiscardingOutput<PartitionCommitInfo> output;
  ManualProcessingTime time;
  runtime::OperatorSetup setup;
  setup.output = &output;
  setup.processing_time = &time;
  writer->setup(std::move(setup));
  writer->open();
  auto batch = std::make_shared<types::ColumnBatch>(logType());
  ASSERT_TRUE(batch->appendRow(Row::of(1, "2024-01-02", "10:00")).ok());
  runtime::RecordBatch<RowChunk> records;
  records.add(RowChunk{batch}, runtime::kNoTimestamp);
  writer->processBatch(records, 0);
  writer->finish();
  EXPECT_EQ(committedFiles(dir.path()),
            (std::map<std::string, std::string>{{"dt=2024-01-02/hm=10%3A00/part-" + table->sinkUuid() + "-0-0", "1\n"}}));
}

TEST(PartitionCommitTest, PartitionTimeExtraction) {
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("2024-01-02"), at(0, 0, 0));
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("2024-1-2 3:04:05"), at(3, 4, 5));
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("2024-01-02 10:00:00.25"), at(10, 0, 0, 250));
  // ResolverStyle.LENIENT: month 13 is January of the next year, minute 61 the next hour.
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("2023-13-02 09:61:00"), at(10, 1, 0));
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("2024-01-02 10:00"), std::nullopt);
  EXPECT_EQ(PartitionTimeExtractor::parseDefault("20240102"), std::nullopt);

  const std::vector<std::string> keys = {"dt", "hm"};
  EXPECT_EQ(*PartitionTimeExtractor("$dt $hm:00", std::nullopt).extract(keys, {"2024-01-02", "10:07"}), at(10, 7, 0));
  // Without a pattern the first value is the timestamp.
  EXPECT_EQ(*PartitionTimeExtractor(std::nullopt, std::nullopt).extract(keys, {"2024-01-02", "x"}), at(0, 0, 0));
  EXPECT_EQ(*PartitionTimeExtractor("$dt", "yyyyMMdd").extract({"dt"}, {"20240102"}), at(0, 0, 0));
  EXPECT_EQ(*PartitionTimeExtractor("$dt $h", "yyyyMMdd HH").extract({"dt", "h"}, {"20240102", "07"}), at(7, 0, 0));
  EXPECT_EQ(PartitionTimeExtractor("$dt $hm:00", std::nullopt).extract(keys, {"2024-01-02", "late"}).status().message(),
            "Text '2024-01-02 late:00' could not be parsed as a partition time");
}

TEST(PartitionCommitTest, BadOptionsAreRefusedWithFlinksMessages) {
  auto error = [](std::map<std::string, std::string> changes) {
    auto options = q10Options("/tmp/eddy_pc_options");
    for (auto& [key, value] : changes) options[key] = value;
    return sinkFactory().createDynamicTableSink(contextOf(logType(), options, {"dt", "hm"})).status().message();
  };
  EXPECT_EQ(error({{"sink.partition-commit.policy.kind", "metastore,success-file"}}),
            "Can not configure a 'metastore' partition commit policy for a file system table. You can only configure "
            "'metastore' partition commit policy for a hive table.");
  EXPECT_EQ(error({{"sink.partition-commit.policy.kind", "success-file,custom"}}),
            "the 'custom' partition commit policy: Eddy cannot load a 'sink.partition-commit.policy.class'");
  EXPECT_EQ(error({{"sink.partition-commit.policy.kind", "success-file,mail"}}), "Unsupported policy: mail");
  EXPECT_EQ(error({{"sink.partition-commit.policy.class", "com.example.Policy"}}),
            "'sink.partition-commit.policy.class': Eddy cannot load a custom partition commit policy class");
  EXPECT_EQ(error({{"sink.partition-commit.trigger", "event-time"}}),
            "Could not parse value 'event-time' for key 'sink.partition-commit.trigger'.");
  EXPECT_EQ(error({{"sink.partition-commit.delay", "soon"}}),
            "Could not parse value 'soon' for key 'sink.partition-commit.delay'.");
  EXPECT_EQ(error({{"sink.partition-commit.watermark-time-zone", "Mars"}}),
            "Invalid time zone for 'sink.partition-commit.watermark-time-zone'. The value should be a Time Zone "
            "Database (TZDB) ID such as 'America/Los_Angeles' to include daylight saving time. Fixed offsets are "
            "supported using 'GMT-03:00' or 'GMT+03:00'. Or use 'UTC' without time zone and daylight saving time.");
  EXPECT_EQ(error({{"partition.time-extractor.kind", "custom"}}),
            "the 'custom' partition time extractor: Eddy cannot load a 'partition.time-extractor.class'");
  EXPECT_EQ(error({{"partition.time-extractor.kind", "basic"}}), "Unsupported extractor kind: basic");
  EXPECT_TRUE(error({{"sink.partition-commit.when", "now"}})
                  .starts_with("Unsupported options found for 'filesystem'.\n\nUnsupported options:\n\n"
                               "sink.partition-commit.when\n\n"));
  EXPECT_EQ(error({{"sink.partition-commit.trigger", "Process-Time"}}), "");
}

TEST(PartitionCommitTest, ABadPartitionTimeFailsTheCheckpoint) {
  TempDir dir("bad_time");
  CommitHarness sink(contextOf(logType(), q10Options(dir.path()), {"dt", "hm"}));
  sink.write(logType(), {Row::of(1, "yesterday", "10:00")});
  sink.writer->processWatermark(at(10, 2, 0), 0);
  EXPECT_THROW(
      {
        try {
          (void)sink.writer->snapshotOperatorState(1);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "InvalidArgument: Text 'yesterday 10:00:00' could not be parsed as a partition time");
          throw;
        }
      },
      std::runtime_error);
}

TEST(PartitionCommitTest, SqlInsertCommitsThePartitionsAtTheEnd) {
  TempDir dir("sql");
  auto& registry = const_cast<FactoryRegistry&>(defaultFactoryRegistry());
  registerFileSystemFactories(registry);
  auto env = table::TableEnvironment::create();
  const std::string path = dir.path() + "/logs";
  ASSERT_EQ(runSql(*env, "CREATE TABLE logs (id INT, dt STRING, hm STRING) PARTITIONED BY (dt, hm) WITH ("
                         "'connector' = 'filesystem', 'path' = '" + path + "', 'format' = 'csv', "
                         "'sink.partition-commit.trigger' = 'partition-time', "
                         "'sink.partition-commit.delay' = '1 min', "
                         "'sink.partition-commit.policy.kind' = 'success-file', "
                         "'partition.time-extractor.timestamp-pattern' = '$dt $hm:00')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env, "INSERT INTO logs VALUES (1, '2024-01-02', '10:00'), (2, '2024-01-02', '10:01'), "
                         "(3, '2024-01-02', '10:00')"),
            "[-1]\n");
  std::map<std::string, std::string> contents;
  for (auto& [file, text] : committedFiles(path)) {
    const fs::path relative(file);
    const std::string name = relative.filename().string();
    contents[relative.parent_path().string() + (name.starts_with("part-") ? "/part" : "/" + name)] += text;
  }
  EXPECT_EQ(contents, (std::map<std::string, std::string>{{"dt=2024-01-02/hm=10%3A00/part", "1\n3\n"},
                                                          {"dt=2024-01-02/hm=10%3A00/_SUCCESS", ""},
                                                          {"dt=2024-01-02/hm=10%3A01/part", "2\n"},
                                                          {"dt=2024-01-02/hm=10%3A01/_SUCCESS", ""}}));
  ASSERT_EQ(runSql(*env, "CREATE TABLE meta (id INT, dt STRING) PARTITIONED BY (dt) WITH ("
                         "'connector' = 'filesystem', 'path' = '" + path + "2', 'format' = 'csv', "
                         "'sink.partition-commit.policy.kind' = 'metastore')"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env, "INSERT INTO meta VALUES (1, 'a')"),
            "ERROR: Unable to create a sink for writing table 'default_catalog.default_database.meta'.\n\n"
            "Table options are:\n\n'connector'='filesystem'\n'format'='csv'\n'path'='" + path + "2'\n"
            "'sink.partition-commit.policy.kind'='metastore'\n\n"
            "Can not configure a 'metastore' partition commit policy for a file system table. You can only "
            "configure 'metastore' partition commit policy for a hive table.");
}

}  // namespace
}  // namespace eddy::sql
