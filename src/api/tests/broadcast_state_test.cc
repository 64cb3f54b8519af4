#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/datastream.h"
#include "runtime/checkpoint_persistence.h"

namespace eddy {
namespace {

using Item = std::pair<std::string, std::string>;       // color, shape
using Rule = std::pair<std::string, std::string>;       // a shape, then another
using NamedRule = std::pair<std::string, Rule>;         // rule name, rule
const state::MapStateDescriptor<std::string, Rule> kRules("RulesBroadcastState");
const state::ValueStateDescriptor<std::string> kPreviousShape("previousShape");

// Emits its elements (timestamps 0, 10, 20, …) in one batch once `gate` reached `open_at`,
// then ends, or idles until cancelled when `unbounded`. Checkpoints the elements it has not
// emitted yet. Meant for parallelism 1.
template <typename T>
class GatedListSource final : public Source<T> {
 public:
  GatedListSource(std::vector<T> elements, std::shared_ptr<std::atomic<int>> gate, int open_at, bool unbounded)
      : elements_(std::move(elements)), gate_(std::move(gate)), open_at_(open_at), unbounded_(unbounded) {}

  Boundedness getBoundedness() const override {
    return unbounded_ ? Boundedness::kContinuousUnbounded : Boundedness::kBounded;
  }
  std::unique_ptr<SourceReader<T>> createReader(const SourceReaderContext&) override {
    return std::make_unique<Reader>(elements_, this);
  }
  Result<std::unique_ptr<SourceReader<T>>> restoreReader(const SourceReaderContext&,
                                                         const std::vector<std::string>& splits) override {
    std::vector<T> pending;
    for (const std::string& split : splits) {
      EDDY_ASSIGN_OR_RETURN(T element, types::deserializeFromBytes<T>(split));
      pending.push_back(std::move(element));
    }
    return std::unique_ptr<SourceReader<T>>(std::make_unique<Reader>(std::move(pending), this));
  }

 private:
  class Reader final : public SourceReader<T> {
   public:
    Reader(std::vector<T> pending, const GatedListSource* source) : pending_(std::move(pending)), source_(source) {}
    InputStatus pollNext(runtime::RecordBatch<T>& out) override {
      if (source_->gate_->load() < source_->open_at_) return InputStatus::kNothingAvailable;
      for (size_t i = 0; i < pending_.size(); ++i) out.add(pending_[i], static_cast<int64_t>(i) * 10);
      pending_.clear();
      return source_->unbounded_ ? InputStatus::kNothingAvailable : InputStatus::kEndOfInput;
    }
    Result<std::vector<std::string>> snapshotState(int64_t) override {
      std::vector<std::string> splits;
      for (const T& element : pending_) splits.push_back(types::serializeToBytes(element));
      return splits;
    }

   private:
    std::vector<T> pending_;
    const GatedListSource* source_;
  };

  std::vector<T> elements_;
  std::shared_ptr<std::atomic<int>> gate_;
  int open_at_;
  bool unbounded_;
};

// Flink's broadcast state example: shape rules broadcast to a stream of items keyed by
// color; a rule matches when an item of a color follows one of the same color with the
// rule's first shape. Every item registers an event-time timer at 100 for its color, which
// reports the color's last shape. "report" applies to every color's keyed state.
class PatternMatcher final : public KeyedBroadcastProcessFunction<std::string, Item, NamedRule, std::string> {
 public:
  PatternMatcher(std::shared_ptr<std::atomic<int>> rules_seen, std::shared_ptr<std::atomic<int>> items_seen)
      : rules_seen_(std::move(rules_seen)), items_seen_(std::move(items_seen)) {}

  void open() override { previous_ = getRuntimeContext().getState(kPreviousShape); }

  void processBroadcastElement(const NamedRule& rule, Context& ctx, Collector<std::string>& out) override {
    if (rule.first == "report") {
      ctx.applyToKeyedState(kPreviousShape, [&out](const std::string& color, state::ValueState<std::string>& shape) {
        out.collect("report: " + color + " " + shape.value().value_or("?"));
      });
      return;
    }
    ctx.getBroadcastState(kRules).put(rule.first, rule.second);
    ++*rules_seen_;
  }

  void processElement(const Item& item, ReadOnlyContext& ctx, Collector<std::string>& out) override {
    if (std::optional<std::string> previous = previous_->value()) {
      for (const auto& [name, rule] : ctx.getBroadcastState(kRules).immutableEntries()) {
        if (rule.first == *previous && rule.second == item.second) {
          out.collect(name + ": " + ctx.getCurrentKey() + " " + *previous + " -> " + item.second);
        }
      }
    }
    previous_->update(item.second);
    ctx.timerService().registerEventTimeTimer(100);
    ++*items_seen_;
  }

  void onTimer(int64_t timestamp, OnTimerContext& ctx, Collector<std::string>& out) override {
    out.collect("timer " + std::to_string(timestamp) + ": " + ctx.getCurrentKey() + " ended with " +
                previous_->value().value_or("?"));
  }

 private:
  std::shared_ptr<std::atomic<int>> rules_seen_;
  std::shared_ptr<std::atomic<int>> items_seen_;
  state::ValueState<std::string>* previous_ = nullptr;
};

const std::vector<NamedRule> kRuleElements = {{"square-then-square", {"square", "square"}},
                                              {"triangle-then-square", {"triangle", "square"}}};
const std::vector<Item> kItems = {{"blue", "triangle"}, {"red", "square"},     {"blue", "square"},  {"red", "square"},
                                  {"blue", "square"},   {"green", "triangle"}, {"green", "circle"}};
const std::vector<std::string> kExpectedMatches = {
    "square-then-square: blue square -> square", "square-then-square: red square -> square",
    "timer 100: blue ended with square",         "timer 100: green ended with circle",
    "timer 100: red ended with square",          "triangle-then-square: blue triangle -> square"};

// The pattern job: rules (uid "rules") broadcast to the items (uid `items_uid`) keyed by
// color, matched by PatternMatcher (uid "matcher") at `parallelism`.
struct PatternJob {
  std::shared_ptr<Source<NamedRule>> rules;
  std::shared_ptr<Source<Item>> items;
  std::string items_uid = "items";
  int parallelism = 2;
  std::shared_ptr<std::atomic<int>> rules_seen = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> items_seen = std::make_shared<std::atomic<int>>(0);

  std::shared_ptr<connectors::CollectedRecords<std::string>> build(StreamExecutionEnvironment& env) const {
    BroadcastStream<NamedRule> rule_stream =
        env.fromSource(rules, WatermarkStrategy<NamedRule>::noWatermarks(), "Rules").uid("rules").setParallelism(1)
            .broadcast(kRules);
    auto collected = std::make_shared<connectors::CollectedRecords<std::string>>();
    env.fromSource(items, WatermarkStrategy<Item>::forMonotonousTimestamps(), "Items")
        .uid(items_uid)
        .setParallelism(1)
        .keyBy([](const Item& item) { return item.first; })
        .connect(rule_stream)
        .process(PatternMatcher(rules_seen, items_seen))
        .uid("matcher")
        .setParallelism(parallelism)
        .sinkTo(std::make_shared<connectors::CollectSink<std::string>>(collected), "Collect");
    return collected;
  }
};

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

TEST(BroadcastStateTest, PatternRulesAreAppliedToAKeyedStream) {
  PatternJob job;
  job.rules = std::make_shared<GatedListSource<NamedRule>>(kRuleElements, job.rules_seen, 0, false);
  // The items wait until both matcher instances have both rules.
  job.items = std::make_shared<GatedListSource<Item>>(kItems, job.rules_seen, 4, false);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  auto collected = job.build(*env);
  auto result = env->execute("pattern rules");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(collected->values()), kExpectedMatches);
}

TEST(BroadcastStateTest, ApplyToKeyedStateVisitsEveryKeyOfEveryInstance) {
  PatternJob job;
  // The report follows once the matcher processed every item.
  job.rules = std::make_shared<GatedListSource<NamedRule>>(std::vector<NamedRule>{{"report", {}}}, job.items_seen,
                                                           static_cast<int>(kItems.size()), false);
  job.items = std::make_shared<GatedListSource<Item>>(kItems, job.items_seen, 0, false);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  auto collected = job.build(*env);
  auto result = env->execute("report");
  ASSERT_TRUE(result.ok()) << result.status().toString();
  std::vector<std::string> reports;
  for (const std::string& line : collected->values()) {
    if (line.starts_with("report")) reports.push_back(line);
  }
  EXPECT_EQ(sorted(reports), (std::vector<std::string>{"report: blue square", "report: green circle",
                                                       "report: red square"}));
}

TEST(BroadcastStateTest, BroadcastStateIsRestoredFromASavepointAtAnotherParallelism) {
  testing::TempDir dir("eddy_broadcast_savepoint");
  PatternJob first;
  first.rules = std::make_shared<GatedListSource<NamedRule>>(kRuleElements, first.rules_seen, 0, true);
  first.items = std::make_shared<GatedListSource<Item>>(std::vector<Item>{}, first.rules_seen, 0, true);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  first.build(*env);
  auto client = env->executeAsync("rules");
  ASSERT_TRUE(client.ok()) << client.status().toString();
  while (first.rules_seen->load() < 4) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto savepoint = (*client)->triggerSavepoint();
  (*client)->cancel();
  (void)(*client)->waitForCompletion();
  ASSERT_TRUE(savepoint.ok()) << savepoint.status().toString();
  auto path = runtime::writeSavepoint(**savepoint, (*client)->getJobID(), dir.path(), "");
  ASSERT_TRUE(path.ok()) << path.status().toString();

  for (int parallelism : {1, 3}) {
    PatternJob second;
    // The restored rules source has nothing left to emit: the rules come from the state.
    second.rules = std::make_shared<GatedListSource<NamedRule>>(kRuleElements, second.rules_seen, 0, false);
    second.items = std::make_shared<GatedListSource<Item>>(kItems, second.rules_seen, 0, false);
    second.items_uid = "items-after-savepoint";
    second.parallelism = parallelism;
    Configuration restore;
    restore.setString("execution.savepoint.path", path->toString());
    auto restored = StreamExecutionEnvironment::getExecutionEnvironment(restore);
    auto collected = second.build(*restored);
    auto result = restored->execute("rules restored");
    ASSERT_TRUE(result.ok()) << result.status().toString();
    EXPECT_EQ(second.rules_seen->load(), 0);
    EXPECT_EQ(sorted(collected->values()), kExpectedMatches) << "parallelism " << parallelism;
  }
}

TEST(BroadcastStateTest, AStateNotGivenToBroadcastIsAnError) {
  struct Unregistered final : public BroadcastProcessFunction<int64_t, int64_t, int64_t> {
    void processElement(const int64_t&, ReadOnlyContext& ctx, Collector<int64_t>&) override {
      ctx.getBroadcastState(state::MapStateDescriptor<std::string, int64_t>("typo"));
    }
    void processBroadcastElement(const int64_t&, Context&, Collector<int64_t>&) override {}
  };
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  auto rules = env->fromElements(int64_t{1}).broadcast(state::MapStateDescriptor<std::string, int64_t>("rules"));
  env->fromElements(int64_t{2}).connect(rules).process(Unregistered()).name("Unregistered").print();
  auto result = env->execute("unregistered");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Job 'unregistered' failed: operator 'Unregistered' failed: The requested state does not exist. Check "
            "for typos in your state descriptor, or specify the state descriptor in the datastream.broadcast(...) "
            "call if you forgot to register it.");
}

}  // namespace
}  // namespace eddy
