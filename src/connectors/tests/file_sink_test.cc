#include "eddy/connectors/file_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "eddy/operators/committing_sink_operator.h"

namespace eddy::connectors {
namespace {

namespace fs = std::filesystem;

class ManualProcessingTimeService final : public runtime::ProcessingTimeService {
 public:
  int64_t getCurrentProcessingTime() override { return now_; }
  void registerTimer(int64_t time, std::function<void(int64_t)> callback) override {
    timers_.emplace(time, std::move(callback));
  }
  void advance(int64_t ms) {
    now_ += ms;
    while (!timers_.empty() && timers_.begin()->first <= now_) {
      auto node = timers_.extract(timers_.begin());
      node.mapped()(node.key());
    }
  }

 private:
  int64_t now_ = 1'000'000;
  std::multimap<int64_t, std::function<void(int64_t)>> timers_;
};

using Sink = FileSink<std::string>;
using Operator = operators::CommittingSinkOperator<std::string, FileSinkCommittable, FileWriterState>;

// One attempt of a FileSink instance, run by its operator with manual time.
struct Attempt {
  Attempt(std::shared_ptr<Sink> sink, const std::vector<std::string>& restored = {}) : op(std::move(sink)) {
    runtime::OperatorSetup setup;
    setup.info.name = "File Sink";
    setup.processing_time = &time;
    op.setup(std::move(setup));
    Status status = op.initializeState(restored);
    EXPECT_TRUE(status.ok()) << status.toString();
    op.open();
  }
  void write(std::vector<std::string> values) {
    runtime::RecordBatch<std::string> batch;
    for (std::string& v : values) batch.add(std::move(v), runtime::kNoTimestamp);
    op.processBatch(batch, 0);
  }
  std::vector<std::string> checkpoint(int64_t id) {
    auto state = op.snapshotOperatorState(id);
    EXPECT_TRUE(state.ok()) << state.status().toString();
    return state.ok() ? *state : std::vector<std::string>{};
  }

  ManualProcessingTimeService time;
  Operator op;
};

class FileSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("eddy_file_sink_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Visible (committed) files under `dir_`, relative path → content, in name order.
  std::map<std::string, std::string> visible() const {
    std::map<std::string, std::string> files;
    if (!fs::exists(dir_)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      if (!entry.is_regular_file() || entry.path().filename().string()[0] == '.') continue;
      std::ifstream in(entry.path());
      std::stringstream content;
      content << in.rdbuf();
      files[fs::relative(entry.path(), dir_).string()] = content.str();
    }
    return files;
  }
  // Contents of the visible files, sorted: a bucket that went idle over a checkpoint is
  // dropped, and the next one names its parts with a new uuid.
  std::vector<std::string> contents() const {
    std::vector<std::string> out;
    for (const auto& [name, content] : visible()) out.push_back(content);
    std::sort(out.begin(), out.end());
    return out;
  }
  size_t hiddenFiles() const {
    size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      n += entry.is_regular_file() && entry.path().filename().string()[0] == '.';
    }
    return n;
  }

  Sink::RowFormatBuilder builder() const {
    return Sink::forRowFormat(dir_.string()).withBucketAssigner(std::make_shared<BasePathBucketAssigner>());
  }

  fs::path dir_;
};

TEST_F(FileSinkTest, FilesBecomeVisibleOnlyWhenTheirCheckpointCompletes) {
  Attempt attempt(builder().withRollingPolicy(OnCheckpointRollingPolicy::build()).build());
  attempt.write({"a", "b"});
  attempt.checkpoint(1);
  EXPECT_TRUE(visible().empty());
  EXPECT_EQ(hiddenFiles(), 1u);
  attempt.write({"c"});
  attempt.op.notifyCheckpointComplete(1);
  auto files = visible();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(std::regex_match(files.begin()->first, std::regex("part-[0-9a-f-]{36}-0"))) << files.begin()->first;
  EXPECT_EQ(files.begin()->second, "a\nb\n");
  attempt.op.finish();
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\nb\n", "c\n"}));
}

TEST_F(FileSinkTest, DefaultPolicyKeepsThePartOpenAcrossCheckpointsAndRollsBySize) {
  Attempt attempt(builder()
                      .withRollingPolicy(DefaultRollingPolicy::builder().withMaxPartSize(10).build())
                      .withOutputFileConfig(OutputFileConfig::builder().withPartPrefix("out").withPartSuffix(".txt").build())
                      .build());
  attempt.write({"aaaa", "bbbb"});
  attempt.checkpoint(1);
  attempt.op.notifyCheckpointComplete(1);
  EXPECT_TRUE(visible().empty());  // 10 bytes are not more than the maximum
  attempt.write({"cccc", "dddd"});
  attempt.checkpoint(2);
  attempt.op.notifyCheckpointComplete(2);
  auto files = visible();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(std::regex_match(files.begin()->first, std::regex("out-[0-9a-f-]{36}-0\\.txt"))) << files.begin()->first;
  EXPECT_EQ(files.begin()->second, "aaaa\nbbbb\ncccc\n");
  attempt.op.finish();
  EXPECT_EQ(contents(), (std::vector<std::string>{"aaaa\nbbbb\ncccc\n", "dddd\n"}));
}

TEST_F(FileSinkTest, RollsOnRolloverAndInactivityIntervals) {
  Attempt attempt(builder()
                      .withRollingPolicy(
                          DefaultRollingPolicy::builder().withRolloverInterval(300).withInactivityInterval(100).build())
                      .withBucketCheckInterval(50)
                      .build());
  attempt.write({"a"});
  attempt.time.advance(50);
  attempt.write({"b"});
  attempt.time.advance(50);  // 100 since creation, 50 since the last record
  attempt.write({"c"});
  attempt.time.advance(100);  // inactive for 100: rolls
  attempt.write({"d"});
  attempt.checkpoint(1);
  attempt.op.notifyCheckpointComplete(1);
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\nb\nc\n"}));
  for (int i = 0; i < 6; ++i) {
    attempt.time.advance(50);
    attempt.write({"e" + std::to_string(i)});
  }  // 300 since "d" opened the part: rolls on the check at that time
  attempt.checkpoint(2);
  attempt.op.notifyCheckpointComplete(2);
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\nb\nc\n", "d\ne0\ne1\ne2\ne3\ne4\n"}));
}

TEST_F(FileSinkTest, RestoreTruncatesTheInProgressFileToItsCheckpointedLength) {
  auto sink = builder().build();
  std::vector<std::string> state;
  {
    Attempt first(sink);
    first.write({"a", "b"});
    state = first.checkpoint(1);
    first.op.notifyCheckpointComplete(1);
    first.write({"lost-1", "lost-2"});
    first.checkpoint(2);  // persisted to disk, but checkpoint 2 never completes
  }
  EXPECT_TRUE(visible().empty());
  Attempt second(sink, state);
  second.write({"c"});
  second.op.finish();
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\nb\nc\n"}));
}

TEST_F(FileSinkTest, RestoreCommitsPendingFilesOfTheCheckpointOnce) {
  auto sink = builder().withRollingPolicy(OnCheckpointRollingPolicy::build()).build();
  std::vector<std::string> state;
  {
    Attempt first(sink);
    first.write({"a"});
    state = first.checkpoint(1);
    // Killed before the notification.
  }
  EXPECT_TRUE(visible().empty());
  {
    Attempt second(sink, state);
    EXPECT_EQ(contents(), (std::vector<std::string>{"a\n"}));
  }
  Attempt third(sink, state);  // the same checkpoint again: already committed is fine
  third.write({"b"});
  third.op.finish();
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\n", "b\n"}));
}

TEST_F(FileSinkTest, AfterTheEndOfInputWasCommittedARestoreDiscardsTheReplay) {
  auto sink = builder().withRollingPolicy(OnCheckpointRollingPolicy::build()).build();
  std::vector<std::string> state;
  {
    Attempt first(sink);
    first.write({"a"});
    state = first.checkpoint(1);
    first.op.notifyCheckpointComplete(1);
    first.write({"b"});
    first.op.finish();  // killed right after this
  }
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\n", "b\n"}));
  Attempt second(sink, state);
  second.write({"b"});
  second.op.finish();
  EXPECT_EQ(contents(), (std::vector<std::string>{"a\n", "b\n"}));
}

TEST_F(FileSinkTest, DateTimeBucketAssignerWritesABucketPerHour) {
  EXPECT_EQ(DateTimeBucketAssigner("yyyy-MM-dd--HH", true).getBucketId(3'600'000 * 25 + 61'000), "1970-01-02--01");
  EXPECT_EQ(DateTimeBucketAssigner("yyyy/MM/dd/HH-mm-ss", true).getBucketId(61'000), "1970/01/01/00-01-01");
  Attempt attempt(Sink::forRowFormat(dir_.string())
                      .withBucketAssigner(std::make_shared<DateTimeBucketAssigner>("yyyy-MM-dd--HH", true))
                      .build());
  attempt.write({"x"});
  attempt.op.finish();
  auto files = visible();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files.begin()->first.substr(0, 15), "1970-01-01--00/");
}

TEST(FileSinkSerializersTest, RoundTrip) {
  FileSinkCommittableSerializer committables;
  FileSinkCommittable committable{{{"/d/.p.inprogress.u", "/d/p", 12}}, "/d/.r"};
  EXPECT_EQ(*committables.deserialize(1, committables.serialize(committable)), committable);
  EXPECT_EQ(committables.deserialize(2, committables.serialize(committable)).status().code(), StatusCode::kNotSupported);
  FileWriterStateSerializer states;
  FileWriterState state{"w", {{"b", "/d/b", 7, InProgressFileRecoverable{"/d/b/.t", "/d/b/t", 3}}, {"c", "/d/c", 0, {}}}};
  EXPECT_EQ(*states.deserialize(1, states.serialize(state)), state);
  EXPECT_EQ(states.deserialize(1, "xyz").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace eddy::connectors
