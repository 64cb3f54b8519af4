// Unaligned checkpoints of SQL jobs: RowChunk edges persist their in-flight data
// (row_chunk_serializer.h), so a GROUP BY or a regular JOIN at parallelism 2 under
// backpressure takes its checkpoint unaligned, without the aligned fallback, and a job
// restored from it ends exactly as if it had never stopped.

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/common/logging.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "eddy/runtime/job_listener.h"
#include "eddy/table/stream_table_environment.h"
#include "eddy/types/data_types.h"

namespace eddy::sql {
namespace {

using std::chrono::milliseconds;
using table::Schema;
using table::StreamTableEnvironment;
using table::Table;
using types::DataTypes;
using types::Row;
using types::RowKind;

constexpr int64_t kRows = 300'000;
constexpr int64_t kKeys = 10;

// Keeps the checkpoint statistics of the jobs the thread starts.
class StatsListener final : public runtime::JobListener {
 public:
  void onJobSubmitted(const runtime::JobSubmission& submission) override { stats = submission.checkpoint_stats; }
  std::shared_ptr<const runtime::CheckpointStatsTracker> stats;
};

// The changelog a sink received, folded: the last row per key (its first field), and how
// many rows came.
struct FoldedChangelog {
  std::mutex mutex;
  std::map<std::string, std::string> last_by_key;
  int64_t received = 0;
};

// Folds the changelog it receives into a FoldedChangelog; sleeps `delay` per batch.
class SlowFoldingSink final : public Sink<Row> {
 public:
  SlowFoldingSink(std::shared_ptr<FoldedChangelog> folded, milliseconds delay)
      : folded_(std::move(folded)), delay_(delay) {}
  std::unique_ptr<SinkWriter<Row>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(folded_, delay_);
  }

 private:
  class Writer final : public SinkWriter<Row> {
   public:
    Writer(std::shared_ptr<FoldedChangelog> folded, milliseconds delay) : folded_(std::move(folded)), delay_(delay) {}
    void write(const Row& row, int64_t) override {
      std::lock_guard<std::mutex> lock(folded_->mutex);
      fold(row);
    }
    void writeBatch(const runtime::RecordBatch<Row>& batch) override {
      if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
      std::lock_guard<std::mutex> lock(folded_->mutex);
      for (size_t i = 0; i < batch.size(); ++i) fold(batch.values[i]);
    }

   private:
    void fold(const Row& row) {
      ++folded_->received;
      const std::string& key = row.getField(0).getString();
      if (row.getKind() == RowKind::INSERT || row.getKind() == RowKind::UPDATE_AFTER) {
        folded_->last_by_key[key] = row.toString();
      } else if (row.getKind() == RowKind::DELETE) {
        folded_->last_by_key.erase(key);
      }
    }

    std::shared_ptr<FoldedChangelog> folded_;
    milliseconds delay_;
  };

  std::shared_ptr<FoldedChangelog> folded_;
  milliseconds delay_;
};

// A view `name` of kRows generated rows (columns `columns`, row i from `row`), bounded.
void generatedView(StreamExecutionEnvironment& env, StreamTableEnvironment& tenv, const std::string& name,
                   const Schema& columns, std::function<Row(int64_t)> row) {
  auto source = connectors::makeDataGeneratorSource(std::move(row), kRows);
  DataStream<Row> rows = env.fromSource(source, WatermarkStrategy<Row>::noWatermarks(), name).uid(name);
  ASSERT_TRUE(tenv.createTemporaryView(name, rows, columns).ok());
}

// The SQL job of a test: its views and the query whose changelog the sink folds.
using JobBuilder = std::function<void(StreamExecutionEnvironment&, StreamTableEnvironment&)>;

// Builds the job at parallelism 2 with `conf`: the query's changelog goes to a sink taking
// `delay` per batch, chained to the query's last operator.
std::shared_ptr<FoldedChangelog> buildJob(StreamExecutionEnvironment& env, StreamTableEnvironment& tenv,
                                          const JobBuilder& views, const std::string& query, milliseconds delay) {
  env.setParallelism(2);
  views(env, tenv);
  auto folded = std::make_shared<FoldedChangelog>();
  Result<Table> table = tenv.sqlQuery(query);
  EXPECT_TRUE(table.ok()) << table.status().toString();
  if (!table.ok()) return folded;
  Result<DataStream<Row>> changelog = tenv.toChangelogStream(*table);
  EXPECT_TRUE(changelog.ok()) << changelog.status().toString();
  if (changelog.ok()) changelog->sinkTo(std::make_shared<SlowFoldingSink>(folded, delay), "Fold");
  return folded;
}

// Captures the "eddy" logger's lines while it lives.
class CapturedLog {
 public:
  CapturedLog() : saved_sinks_(log::logger().sinks()), saved_level_(log::level()) {
    log::setSinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)});
    log::setLevel(log::Level::kInfo);
  }
  ~CapturedLog() {
    log::setSinks(saved_sinks_);
    log::setLevel(saved_level_);
  }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> saved_sinks_;
  log::Level saved_level_;
};

// Runs the job under backpressure with unaligned checkpoints, takes a checkpoint once the
// sink got `rows_before_checkpoint` rows, cancels, restores from the retained checkpoint and
// runs to the end without delay: the restored run's folded changelog.
std::map<std::string, std::string> restoredAfterAnUnalignedCheckpoint(const JobBuilder& views, const std::string& query,
                                                                      int64_t rows_before_checkpoint) {
  testing::TempDir dir("eddy_sql_unaligned");
  Configuration conf;
  conf.setString("execution.checkpointing.unaligned.enabled", "true");
  conf.setString("state.checkpoints.dir", dir.path());
  conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
  std::string logged;
  std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint;
  {
    CapturedLog log;
    auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
    auto tenv = StreamTableEnvironment::create(*env);
    auto folded = buildJob(*env, *tenv, views, query, milliseconds(10));
    StatsListener listener;
    eddySetThreadJobListener(&listener);
    auto client = env->executeAsync("sql under backpressure");
    eddySetThreadJobListener(nullptr);
    EXPECT_TRUE(client.ok()) << client.status().toString();
    if (!client.ok()) return {};
    for (int i = 0; i < 2000; ++i) {
      {
        std::lock_guard<std::mutex> lock(folded->mutex);
        if (folded->received >= rows_before_checkpoint) break;
      }
      std::this_thread::sleep_for(milliseconds(5));
    }
    auto taken = (*client)->triggerCheckpoint();
    (*client)->cancel();
    (void)(*client)->waitForCompletion();
    EXPECT_TRUE(taken.ok()) << taken.status().toString();
    if (!taken.ok()) return {};
    checkpoint = *taken;
    logged = log.text();

    // The queued chunks overtaken by the barriers are in the checkpoint.
    int64_t channel_state_bytes = 0;
    for (const auto& [uid, op] : checkpoint->operators) {
      for (const auto& [subtask, part] : op.subtasks) {
        for (const runtime::InputChannelState& channel : part.input_channel_state) {
          channel_state_bytes += static_cast<int64_t>(channel.data.size());
        }
      }
    }
    EXPECT_GT(channel_state_bytes, 0);
    runtime::CheckpointStats stats;
    for (const runtime::CheckpointStats& s : listener.stats->snapshot().history) {
      if (s.checkpoint_id == checkpoint->checkpoint_id) stats = s;
    }
    EXPECT_TRUE(stats.unaligned);
    EXPECT_EQ(stats.persisted_data, channel_state_bytes);
  }
  EXPECT_EQ(logged.find("takes aligned checkpoints"), std::string::npos) << logged;

  // Restored from its _metadata, as `eddy run -s <path>` does.
  EXPECT_FALSE(checkpoint->external_pointer.empty());
  Configuration restore;
  restore.setString("execution.savepoint.path", checkpoint->external_pointer);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(restore);
  auto tenv = StreamTableEnvironment::create(*env);
  auto folded = buildJob(*env, *tenv, views, query, milliseconds(0));
  auto result = env->execute("sql restored");
  EXPECT_TRUE(result.ok()) << result.status().toString();
  std::lock_guard<std::mutex> lock(folded->mutex);
  return folded->last_by_key;
}

// Row i: (k<i % kKeys>, i).
void numbers(StreamExecutionEnvironment& env, StreamTableEnvironment& tenv) {
  generatedView(env, tenv, "numbers",
                Schema::newBuilder().column("k", DataTypes::STRING()).column("v", DataTypes::BIGINT()).build(),
                [](int64_t i) { return Row::of("k" + std::to_string(i % kKeys), i); });
}

// Every key's final "+U[k<j>, count, sum]" when each of the kRows values i (i % kKeys == j)
// counts once, and `value(i)` is summed.
std::map<std::string, std::string> expectedSums(const std::function<int64_t(int64_t)>& value) {
  std::map<std::string, int64_t> counts;
  std::map<std::string, int64_t> sums;
  for (int64_t i = 0; i < kRows; ++i) {
    const std::string key = "k" + std::to_string(i % kKeys);
    ++counts[key];
    sums[key] += value(i);
  }
  std::map<std::string, std::string> expected;
  for (const auto& [key, count] : counts) {
    expected[key] = "+U[" + key + ", " + std::to_string(count) + ", " + std::to_string(sums[key]) + "]";
  }
  return expected;
}

TEST(SqlUnalignedCheckpointTest, AGroupByRestoredFromAnUnalignedCheckpointCountsEveryRowOnce) {
  const auto restored =
      restoredAfterAnUnalignedCheckpoint(numbers, "SELECT k, COUNT(*) AS cnt, SUM(v) AS total FROM numbers GROUP BY k",
                                         2 * static_cast<int64_t>(runtime::kDefaultBatchSize));
  const auto expected = expectedSums([](int64_t i) { return i; });
  EXPECT_EQ(restored, expected);
  EXPECT_EQ(expected.at("k3"), "+U[k3, 30000, 4499940000]");
}

// Left row i: (i, k<i % kKeys>); right row i: (id, 3 * id), the ids of each block of 1000
// rows in reverse order, so that rows wait in the join's state for their partner.
void leftAndRight(StreamExecutionEnvironment& env, StreamTableEnvironment& tenv) {
  static_assert(kRows % 1000 == 0);
  generatedView(env, tenv, "lefts",
                Schema::newBuilder().column("id", DataTypes::BIGINT()).column("k", DataTypes::STRING()).build(),
                [](int64_t i) { return Row::of(i, "k" + std::to_string(i % kKeys)); });
  generatedView(env, tenv, "rights",
                Schema::newBuilder().column("id", DataTypes::BIGINT()).column("w", DataTypes::BIGINT()).build(),
                [](int64_t i) {
                  const int64_t id = i / 1000 * 1000 + 999 - i % 1000;
                  return Row::of(id, 3 * id);
                });
}

TEST(SqlUnalignedCheckpointTest, AJoinRestoredFromAnUnalignedCheckpointJoinsEveryRowOnce) {
  const auto restored = restoredAfterAnUnalignedCheckpoint(
      leftAndRight,
      "SELECT l.k, COUNT(*) AS cnt, SUM(l.id + r.w) AS total FROM lefts AS l JOIN rights AS r ON l.id = r.id "
      "GROUP BY l.k",
      static_cast<int64_t>(runtime::kDefaultBatchSize));
  EXPECT_EQ(restored, expectedSums([](int64_t i) { return 4 * i; }));
}

}  // namespace
}  // namespace eddy::sql
