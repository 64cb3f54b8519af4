#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/nexmark/nexmark_configuration.h"
#include "eddy/connectors/nexmark/nexmark_event.h"
#include "eddy/connectors/nexmark/nexmark_generator.h"
#include "eddy/functions/source.h"

namespace eddy::connectors::nexmark {

// The base time of a source of `configuration`: its base-time, or the wall clock now.
int64_t nexmarkBaseTime(const NexmarkConfiguration& configuration);

// Whether a source of `configuration` ends: with a number of events or a stop-at, unless
// kept alive.
Boundedness nexmarkBoundedness(const NexmarkConfiguration& configuration);

// One generator's split of a Nexmark source in its checkpointed form: its share of the event
// space and its position (events emitted so far), what rebuilds the generator where it
// stopped. A value; the DataStream source and the SQL table source share it.
struct NexmarkSplit {
  int64_t base_time = 0;
  int64_t first_event_id = 0;
  int64_t max_events = 0;
  int64_t stop_at_event = -1;
  int64_t num_event_generators = 1;
  int64_t events_count_so_far = 0;

  // The split of a new reader (the reference's factory): one generator per parallel
  // instance, first event id 1, first event number 1; the rate is shared, so each
  // generator's events are further apart.
  static NexmarkSplit forReader(const NexmarkConfiguration& configuration, int64_t base_time,
                                const SourceReaderContext& context);
  // "base_time,first_event_id,max_events,stop_at_event,num_event_generators,events_count_so_far".
  std::string serialize() const;
  static Result<NexmarkSplit> parse(std::string_view text);
  // Every split of a reader restored from a checkpoint.
  static Result<std::vector<NexmarkSplit>> parseAll(const std::vector<std::string>& texts);
};

// The generators of one Nexmark reader, one per split, read round-robin with the reference's
// pacing: without max-emit-speed an event waits for its wall-clock time. The DataStream
// source and the SQL table source differ only in what they make of an event; both poll
// through this. Used by the reader's task thread.
class NexmarkSplitGenerators {
 public:
  NexmarkSplitGenerators(const NexmarkConfiguration& configuration, std::vector<NexmarkSplit> splits);

  // One poll of the reader: hands the generators with events left, in turn, to
  // `read(NexmarkGenerator&)`, which emits what is due (emitDue) and returns whether it
  // emitted anything, until one does. kMoreAvailable if one did, kNothingAvailable if
  // events are left but none is due yet, kEndOfInput once every generator is done.
  template <typename Read>
  InputStatus poll(Read&& read);

  // Emits the generator's next events, up to `limit`, while they are due, to
  // `emit(const NexmarkEvent&)`. REQUIRES: called from `read` within poll.
  template <typename Emit>
  void emitDue(NexmarkGenerator& generator, size_t limit, Emit&& emit);

  // The splits not finished, at their positions (SourceReader::snapshotState).
  std::vector<std::string> snapshotState() const;

 private:
  // Reads the wall clock once per poll.
  void startPoll();
  bool isDue(const NexmarkGenerator& generator) const {
    return max_emit_speed_ ||
           wallclock_base_ + (generator.nextEventTimestamp() - generator.config().baseTime()) <= now_;
  }

  std::vector<NexmarkGenerator> generators_;
  std::vector<NexmarkSplit> splits_;
  bool max_emit_speed_;
  size_t next_ = 0;
  int64_t wallclock_base_ = -1;
  int64_t now_ = 0;
  // Reused per event.
  NexmarkEvent event_;
};

template <typename Read>
InputStatus NexmarkSplitGenerators::poll(Read&& read) {
  startPoll();
  bool any_left = false;
  for (size_t tried = 0; tried < generators_.size(); ++tried) {
    NexmarkGenerator& generator = generators_[next_++ % generators_.size()];
    if (!generator.hasNext()) continue;
    any_left = true;
    if (read(generator)) return InputStatus::kMoreAvailable;
  }
  return any_left ? InputStatus::kNothingAvailable : InputStatus::kEndOfInput;
}

template <typename Emit>
void NexmarkSplitGenerators::emitDue(NexmarkGenerator& generator, size_t limit, Emit&& emit) {
  for (size_t emitted = 0; emitted < limit && generator.hasNext() && isDue(generator); ++emitted) {
    generator.nextEvent(event_);
    emit(event_);
  }
}

}  // namespace eddy::connectors::nexmark
