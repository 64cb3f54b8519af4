#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/connectors/nexmark/generator_tables.h"
#include "eddy/connectors/nexmark/java_splittable_random.h"
#include "eddy/connectors/nexmark/nexmark_configuration.h"
#include "eddy/connectors/nexmark/nexmark_event.h"

namespace eddy::connectors::nexmark {

// Generates the events of one GeneratorConfig in order, exactly as the reference's
// NexmarkGenerator with Person/Auction/BidGenerator: event kind, ids, event times and
// watermarks follow from the event number; the other fields come from one
// JavaSplittableRandom per generator, seeded with `seed + firstEventId`. Not thread-safe.
class NexmarkGenerator {
 public:
  NexmarkGenerator(GeneratorConfig config, std::shared_ptr<const GeneratorTables> tables,
                   int64_t events_count_so_far = 0);

  bool hasNext() const { return events_count_so_far_ < max_events_; }
  // Fills `event` with the next event. REQUIRES: hasNext().
  void nextEvent(NexmarkEvent& event);
  int64_t eventsCountSoFar() const { return events_count_so_far_; }
  // The event time of the event nextEvent() generates next.
  int64_t nextEventTimestamp() const {
    return config_.timestampForEvent(config_.nextAdjustedEventNumber(events_count_so_far_));
  }
  const GeneratorConfig& config() const { return config_; }

 private:
  void nextPerson(int64_t event_id, int64_t timestamp, Person& person);
  void nextAuction(int64_t event_id, int64_t timestamp, Auction& auction);
  void nextBid(int64_t event_id, int64_t timestamp, Bid& bid);

  int64_t lastBase0PersonId(int64_t event_id) const;
  int64_t nextBase0PersonId(int64_t event_id);
  int64_t lastBase0AuctionId(int64_t event_id) const;
  int64_t nextBase0AuctionId(int64_t event_id);
  int64_t nextAuctionLengthMs(int64_t timestamp);
  int64_t nextLong(int64_t n);
  int64_t nextPrice();
  void nextString(int max_length, char special, std::string& out);
  std::string_view nextExtra(int current_size, int desired_average_size);

  GeneratorConfig config_;
  std::shared_ptr<const GeneratorTables> tables_;
  JavaSplittableRandom random_;
  int64_t events_count_so_far_;
  int64_t max_events_;
};

}  // namespace eddy::connectors::nexmark
