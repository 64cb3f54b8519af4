#include "eddy/connectors/nexmark/nexmark_split.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <utility>

namespace eddy::connectors::nexmark {

namespace {

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int64_t nexmarkBaseTime(const NexmarkConfiguration& configuration) {
  return configuration.base_time >= 0 ? configuration.base_time : nowMillis();
}

Boundedness nexmarkBoundedness(const NexmarkConfiguration& configuration) {
  const bool ends = configuration.num_events > 0 || configuration.stop_at_event >= 0;
  return ends && !configuration.keep_alive ? Boundedness::kBounded : Boundedness::kContinuousUnbounded;
}

NexmarkSplit NexmarkSplit::forReader(const NexmarkConfiguration& configuration, int64_t base_time,
                                     const SourceReaderContext& context) {
  NexmarkConfiguration conf = configuration;
  conf.num_event_generators = context.parallelism;
  GeneratorConfig whole(conf, base_time, 1, conf.num_events, conf.stop_at_event, 1);
  const GeneratorConfig& mine = whole.split(context.parallelism)[static_cast<size_t>(context.subtask_index)];
  // The reference's reader reconfigures its split: without a stop-at, none applies (the
  // split's own would be -1 / n = 0).
  const int64_t stop_at = conf.stop_at_event < 0 ? -1 : mine.stopAtEvent();
  return NexmarkSplit{base_time, mine.firstEventId(), mine.maxEvents(), stop_at, context.parallelism, 0};
}

std::string NexmarkSplit::serialize() const {
  return fmt::format("{},{},{},{},{},{}", base_time, first_event_id, max_events, stop_at_event, num_event_generators,
                     events_count_so_far);
}

Result<NexmarkSplit> NexmarkSplit::parse(std::string_view text) {
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
  return NexmarkSplit{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]};
}

Result<std::vector<NexmarkSplit>> NexmarkSplit::parseAll(const std::vector<std::string>& texts) {
  std::vector<NexmarkSplit> splits;
  splits.reserve(texts.size());
  for (const std::string& text : texts) {
    EDDY_ASSIGN_OR_RETURN(NexmarkSplit split, parse(text));
    splits.push_back(split);
  }
  return splits;
}

NexmarkSplitGenerators::NexmarkSplitGenerators(const NexmarkConfiguration& configuration,
                                               std::vector<NexmarkSplit> splits)
    : splits_(std::move(splits)), max_emit_speed_(configuration.max_emit_speed) {
  auto tables = GeneratorTables::create(configuration.seed);
  generators_.reserve(splits_.size());
  for (const NexmarkSplit& split : splits_) {
    NexmarkConfiguration conf = configuration;
    conf.num_event_generators = static_cast<int>(split.num_event_generators);
    GeneratorConfig config(conf, split.base_time, split.first_event_id, split.max_events, split.stop_at_event, 1);
    generators_.emplace_back(config, tables, split.events_count_so_far);
  }
}

std::vector<std::string> NexmarkSplitGenerators::snapshotState() const {
  std::vector<std::string> texts;
  for (size_t i = 0; i < generators_.size(); ++i) {
    if (!generators_[i].hasNext()) continue;
    NexmarkSplit split = splits_[i];
    split.events_count_so_far = generators_[i].eventsCountSoFar();
    texts.push_back(split.serialize());
  }
  return texts;
}

void NexmarkSplitGenerators::startPoll() {
  if (wallclock_base_ < 0) wallclock_base_ = nowMillis();
  now_ = max_emit_speed_ ? 0 : nowMillis();
}

}  // namespace eddy::connectors::nexmark
