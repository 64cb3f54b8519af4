#include "eddy/operators/committing_sink_operator.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eddy/operators/committing_sink_state.h"

namespace eddy::operators {
namespace {

// Processing time that moves only when the test says so; due timers fire in advance().
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
  int64_t now_ = 1000;
  std::multimap<int64_t, std::function<void(int64_t)>> timers_;
};

class StringSerializer final : public SimpleVersionedSerializer<std::string> {
 public:
  int getVersion() const override { return 3; }
  std::string serialize(const std::string& value) const override { return value; }
  Result<std::string> deserialize(int version, std::string_view bytes) const override {
    if (version != 3) return NotSupported("version");
    return std::string(bytes);
  }
};

// What the fake external system shows, shared by all attempts of a test.
struct ExternalSystem {
  std::vector<std::string> visible;  // committed committables, in commit order
  int commit_calls = 0;
  int refuse_next = 0;  // how many commit() calls answer retryLater for everything
};

// A sink whose committable is the records since the last prepareCommit joined by ',', and
// whose writer state is the number of records written so far.
class RecordingSink final : public TwoPhaseCommittingSink<std::string, std::string, std::string> {
 public:
  explicit RecordingSink(std::shared_ptr<ExternalSystem> system) : system_(std::move(system)) {}

  class RecordingWriter final : public Writer {
   public:
    explicit RecordingWriter(int64_t written) : written_(written) {}
    void write(const std::string& element, int64_t) override {
      open_ += (open_.empty() ? "" : ",") + element;
      ++written_;
    }
    Result<std::vector<std::string>> prepareCommit() override {
      if (open_.empty()) return std::vector<std::string>{};
      std::vector<std::string> out{std::move(open_)};
      open_.clear();
      return out;
    }
    Result<std::vector<std::string>> snapshotState(int64_t) override {
      return std::vector<std::string>{std::to_string(written_)};
    }

   private:
    std::string open_;
    int64_t written_;
  };

  class RecordingCommitter final : public Committer<std::string> {
   public:
    explicit RecordingCommitter(std::shared_ptr<ExternalSystem> system) : system_(std::move(system)) {}
    Status commit(std::vector<CommitRequest<std::string>>& requests) override {
      ++system_->commit_calls;
      bool refuse = system_->refuse_next > 0;
      if (refuse) --system_->refuse_next;
      for (auto& request : requests) {
        if (refuse) {
          request.retryLater();
          continue;
        }
        bool seen = false;
        for (const std::string& v : system_->visible) seen |= v == request.getCommittable();
        if (seen) request.signalAlreadyCommitted();
        else system_->visible.push_back(request.getCommittable());
      }
      return Status::OK();
    }

   private:
    std::shared_ptr<ExternalSystem> system_;
  };

  Result<std::unique_ptr<Writer>> createWriter(const PrecommittingSinkWriterContext&) override {
    restored_states.clear();
    return std::unique_ptr<Writer>(std::make_unique<RecordingWriter>(0));
  }
  Result<std::unique_ptr<Writer>> restoreWriter(const PrecommittingSinkWriterContext&,
                                                const std::vector<std::string>& states) override {
    restored_states = states;
    return std::unique_ptr<Writer>(std::make_unique<RecordingWriter>(states.empty() ? 0 : std::stoll(states[0])));
  }
  Result<std::unique_ptr<Committer<std::string>>> createCommitter() override {
    return std::unique_ptr<Committer<std::string>>(std::make_unique<RecordingCommitter>(system_));
  }
  const SimpleVersionedSerializer<std::string>& getCommittableSerializer() const override { return serializer_; }
  const SimpleVersionedSerializer<std::string>& getWriterStateSerializer() const override { return serializer_; }

  std::vector<std::string> restored_states;

 private:
  std::shared_ptr<ExternalSystem> system_;
  StringSerializer serializer_;
};

using Operator = CommittingSinkOperator<std::string, std::string, std::string>;

// One attempt of the sink: an operator set up with manual time.
struct Attempt {
  explicit Attempt(std::shared_ptr<RecordingSink> sink, const std::vector<std::string>& restored = {})
      : op(std::move(sink)) {
    runtime::OperatorSetup setup;
    setup.info.name = "Sink";
    setup.processing_time = &time;
    op.setup(std::move(setup));
    EXPECT_TRUE(op.initializeState(restored).ok());
    op.open();
  }
  void write(std::vector<std::string> values) {
    runtime::RecordBatch<std::string> batch;
    for (std::string& v : values) batch.add(std::move(v), runtime::kNoTimestamp);
    op.processBatch(batch, 0);
  }
  std::vector<std::string> snapshot(int64_t id) {
    auto state = op.snapshotOperatorState(id);
    EXPECT_TRUE(state.ok()) << state.status().toString();
    return *state;
  }

  ManualProcessingTimeService time;
  Operator op;
};

TEST(CommittingSinkOperatorTest, CommitsOnlyWhenTheCheckpointCompletes) {
  auto system = std::make_shared<ExternalSystem>();
  Attempt attempt(std::make_shared<RecordingSink>(system));
  attempt.write({"a", "b"});
  attempt.snapshot(1);
  attempt.write({"c"});
  EXPECT_TRUE(system->visible.empty());
  attempt.op.notifyCheckpointComplete(1);
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a,b"}));
  attempt.snapshot(2);
  attempt.write({"d"});
  attempt.snapshot(3);
  // Checkpoint 2 was never confirmed: its committables go with checkpoint 3, in order.
  attempt.op.notifyCheckpointComplete(3);
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a,b", "c", "d"}));
  attempt.write({"e"});
  attempt.op.finish();
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a,b", "c", "d", "e"}));
}

TEST(CommittingSinkOperatorTest, RestoreCommitsTheCheckpointsCommittablesAgainBeforeNewData) {
  auto system = std::make_shared<ExternalSystem>();
  auto sink = std::make_shared<RecordingSink>(system);
  std::vector<std::string> state;
  {
    Attempt first(sink);
    first.write({"a"});
    first.snapshot(1);
    first.op.notifyCheckpointComplete(1);
    first.write({"b", "c"});
    state = first.snapshot(2);
    first.write({"lost"});
    // Killed before checkpoint 2's notification.
  }
  ASSERT_EQ(state.size(), 1u);
  auto decoded = CommittingSinkState::decode(state[0]);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->committables, (std::vector<CommittingSinkState::Committable>{{2, "b,c"}}));
  EXPECT_EQ(decoded->writer_states, (std::vector<std::string>{"3"}));
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a"}));

  Attempt second(sink, state);
  EXPECT_EQ(sink->restored_states, (std::vector<std::string>{"3"}));
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a", "b,c"}));
  // A second restore from the same checkpoint commits idempotently.
  Attempt third(sink, state);
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a", "b,c"}));
  third.write({"d"});
  third.op.finish();
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a", "b,c", "d"}));
}

TEST(CommittingSinkOperatorTest, RetryLaterRetriesAfterTheDelayAndKeepsCheckpointOrder) {
  auto system = std::make_shared<ExternalSystem>();
  Attempt attempt(std::make_shared<RecordingSink>(system));
  attempt.write({"a"});
  attempt.snapshot(1);
  system->refuse_next = 2;
  attempt.op.notifyCheckpointComplete(1);
  EXPECT_TRUE(system->visible.empty());
  attempt.write({"b"});
  auto state = attempt.snapshot(2);
  // The refused committable stays in the state with its own checkpoint.
  auto decoded = CommittingSinkState::decode(state[0]);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->committables, (std::vector<CommittingSinkState::Committable>{{1, "a"}, {2, "b"}}));
  attempt.time.advance(Operator::kRetryDelayMs - 1);
  EXPECT_EQ(system->commit_calls, 1);
  attempt.time.advance(1);
  EXPECT_EQ(system->commit_calls, 2);  // refused again; checkpoint 2 is not complete anyway
  EXPECT_TRUE(system->visible.empty());
  attempt.op.notifyCheckpointComplete(2);
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(system->commit_calls, 4);
}

TEST(CommittingSinkOperatorTest, EndOfInputWaitsForRetriedCommits) {
  auto system = std::make_shared<ExternalSystem>();
  Attempt attempt(std::make_shared<RecordingSink>(system));
  attempt.write({"a"});
  system->refuse_next = 1;
  attempt.op.finish();
  EXPECT_EQ(system->visible, (std::vector<std::string>{"a"}));
  EXPECT_EQ(system->commit_calls, 2);
}

TEST(CommittingSinkStateTest, RoundTripsAndRejectsGarbage) {
  CommittingSinkState state;
  state.committable_version = 2;
  state.writer_state_version = 5;
  state.committables = {{7, "x"}, {9, std::string("\0y", 2)}};
  state.writer_states = {"s1", ""};
  auto decoded = CommittingSinkState::decode(state.encode());
  ASSERT_TRUE(decoded.ok()) << decoded.status().toString();
  EXPECT_EQ(*decoded, state);
  std::string bytes = state.encode();
  EXPECT_EQ(CommittingSinkState::decode(bytes.substr(0, bytes.size() - 1)).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(CommittingSinkState::decode(bytes + "z").status().code(), StatusCode::kCorruption);
  bytes[3] = 9;
  EXPECT_EQ(CommittingSinkState::decode(bytes).status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace eddy::operators
