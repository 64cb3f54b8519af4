#include "eddy/connectors/nexmark/nexmark_source.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <utility>

#include "eddy/connectors/nexmark/nexmark_generator.h"

namespace eddy::connectors::nexmark {

namespace {

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A split's checkpointed form: what rebuilds its generator at the same position.
struct SplitState {
  int64_t base_time = 0;
  int64_t first_event_id = 0;
  int64_t max_events = 0;
  int64_t stop_at_event = -1;
  int64_t num_event_generators = 1;
  int64_t events_count_so_far = 0;

  std::string serialize() const {
    return fmt::format("{},{},{},{},{},{}", base_time, first_event_id, max_events, stop_at_event, num_event_generators,
                       events_count_so_far);
  }
  static Result<SplitState> parse(std::string_view text) {
    int64_t fields[6];
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (int i = 0; i < 6; ++i) {
      auto [next, ec] = std::from_chars(p, end, fields[i]);
      if (ec != std::errc() || (i < 5 && (next == end || *next != ','))) {
        return InvalidArgument(fmt::format("Malformed Nexmark split state '{}'", text));
      }
      p = next + 1;
    }
    return SplitState{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]};
  }
};

// Reads its generators round-robin, a batch of each in turn.
class NexmarkReader final : public SourceReader<NexmarkEvent> {
 public:
  NexmarkReader(std::vector<NexmarkGenerator> generators, std::vector<SplitState> states, bool max_emit_speed)
      : generators_(std::move(generators)), states_(std::move(states)), max_emit_speed_(max_emit_speed) {}

  InputStatus pollNext(runtime::RecordBatch<NexmarkEvent>& out) override {
    if (wallclock_base_ < 0) wallclock_base_ = nowMillis();
    const int64_t now = max_emit_speed_ ? 0 : nowMillis();
    bool any_left = false;
    for (size_t tried = 0; tried < generators_.size() && out.empty(); ++tried) {
      NexmarkGenerator& generator = generators_[next_++ % generators_.size()];
      any_left = any_left || generator.hasNext();
      while (generator.hasNext() && out.size() < runtime::kDefaultBatchSize) {
        // Without max-emit-speed an event waits for its wall-clock time, as the reference's.
        if (!max_emit_speed_ &&
            wallclock_base_ + (generator.nextEventTimestamp() - generator.config().baseTime()) > now) {
          break;
        }
        generator.nextEvent(event_);
        out.add(event_, event_.event_timestamp);
      }
    }
    if (!out.empty()) return InputStatus::kMoreAvailable;
    return any_left ? InputStatus::kNothingAvailable : InputStatus::kEndOfInput;
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override {
    std::vector<std::string> splits;
    for (size_t i = 0; i < generators_.size(); ++i) {
      if (!generators_[i].hasNext()) continue;
      SplitState state = states_[i];
      state.events_count_so_far = generators_[i].eventsCountSoFar();
      splits.push_back(state.serialize());
    }
    return splits;
  }

 private:
  std::vector<NexmarkGenerator> generators_;
  std::vector<SplitState> states_;
  bool max_emit_speed_;
  size_t next_ = 0;
  int64_t wallclock_base_ = -1;
  NexmarkEvent event_;
};

std::unique_ptr<SourceReader<NexmarkEvent>> makeReader(const NexmarkConfiguration& configuration,
                                                       std::vector<SplitState> states) {
  auto tables = GeneratorTables::create(configuration.seed);
  std::vector<NexmarkGenerator> generators;
  for (const SplitState& state : states) {
    NexmarkConfiguration conf = configuration;
    conf.num_event_generators = static_cast<int>(state.num_event_generators);
    GeneratorConfig config(conf, state.base_time, state.first_event_id, state.max_events, state.stop_at_event, 1);
    generators.emplace_back(config, tables, state.events_count_so_far);
  }
  return std::make_unique<NexmarkReader>(std::move(generators), std::move(states), configuration.max_emit_speed);
}

}  // namespace

NexmarkSource::NexmarkSource(NexmarkConfiguration configuration)
    : configuration_(configuration), base_time_(configuration.base_time >= 0 ? configuration.base_time : nowMillis()) {}

Boundedness NexmarkSource::getBoundedness() const {
  const bool ends = configuration_.num_events > 0 || configuration_.stop_at_event >= 0;
  return ends && !configuration_.keep_alive ? Boundedness::kBounded : Boundedness::kContinuousUnbounded;
}

std::unique_ptr<SourceReader<NexmarkEvent>> NexmarkSource::createReader(const SourceReaderContext& context) {
  // The reference's factory: one generator per parallel instance, first event id 1, first
  // event number 1; the rate is shared, so each generator's events are further apart.
  NexmarkConfiguration conf = configuration_;
  conf.num_event_generators = context.parallelism;
  GeneratorConfig whole(conf, base_time_, 1, conf.num_events, conf.stop_at_event, 1);
  const GeneratorConfig& mine = whole.split(context.parallelism)[static_cast<size_t>(context.subtask_index)];
  // The reference's reader reconfigures its split: without a stop-at, none applies (the
  // split's own would be -1 / n = 0).
  const int64_t stop_at = conf.stop_at_event < 0 ? -1 : mine.stopAtEvent();
  SplitState state{base_time_, mine.firstEventId(), mine.maxEvents(), stop_at, context.parallelism, 0};
  return makeReader(configuration_, {state});
}

Result<std::unique_ptr<SourceReader<NexmarkEvent>>> NexmarkSource::restoreReader(
    const SourceReaderContext&, const std::vector<std::string>& splits) {
  std::vector<SplitState> states;
  for (const std::string& split : splits) {
    EDDY_ASSIGN_OR_RETURN(SplitState state, SplitState::parse(split));
    states.push_back(state);
  }
  return makeReader(configuration_, std::move(states));
}

}  // namespace eddy::connectors::nexmark
