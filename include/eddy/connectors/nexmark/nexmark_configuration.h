#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::connectors::nexmark {

// The knobs of the Nexmark generator, with the reference's defaults (nexmark/nexmark,
// NexmarkConfiguration) and its SQL option names (NexmarkSourceOptions). Two additions make
// runs reproducible, which the reference's unseeded SplittableRandom is not: `seed` and
// `base-time` (the event time of event 0; the reference takes the wall clock).
struct NexmarkConfiguration {
  int64_t num_events = 0;             // events.num; 0 = unbounded
  int num_event_generators = 1;       // the source's parallelism
  int first_event_rate = 10000;       // first-event.rate, events per second
  int next_event_rate = 10000;        // next-event.rate
  bool max_emit_speed = true;         // max-emit-speed: don't wait for the event's wall-clock time
  int person_proportion = 1;          // person.proportion
  int auction_proportion = 3;         // auction.proportion
  int bid_proportion = 46;            // bid.proportion
  int avg_person_byte_size = 200;     // person.avg-size
  int avg_auction_byte_size = 500;    // auction.avg-size
  int avg_bid_byte_size = 100;        // bid.avg-size
  int hot_auction_ratio = 2;          // bid.hot-ratio.auctions
  int hot_sellers_ratio = 4;          // auction.hot-ratio.sellers
  int hot_bidders_ratio = 4;          // bid.hot-ratio.bidders
  int num_in_flight_auctions = 100;
  int num_active_people = 1000;
  int64_t out_of_order_group_size = 1;
  int64_t stop_at_event = -1;         // stop-at
  bool keep_alive = false;            // keep-alive
  int64_t seed = 0;                   // seed (Eddy's)
  int64_t base_time = -1;             // base-time in epoch millis (Eddy's); -1 = now

  // Reads the SQL options of 'connector' = 'nexmark' (every key above; sizes as Flink's
  // MemorySize, e.g. '200b'). Unknown keys are not checked here.
  static Result<NexmarkConfiguration> fromOptions(const std::map<std::string, std::string>& options);
  // The option keys fromOptions understands.
  static const std::vector<std::string>& optionKeys();
};

// One generator's share of the event space (the reference's GeneratorConfig): which event ids
// it produces and the event time of each. A source of parallelism n splits the whole
// configuration into n parallel timelines.
class GeneratorConfig {
 public:
  static constexpr int64_t kFirstAuctionId = 1000;
  static constexpr int64_t kFirstPersonId = 1000;
  static constexpr int64_t kFirstCategoryId = 10;

  GeneratorConfig(NexmarkConfiguration configuration, int64_t base_time, int64_t first_event_id,
                  int64_t max_events_or_zero, int64_t stop_at_event, int64_t first_event_number);

  // n sub-configurations with roughly equal numbers of events and distinct event ids.
  std::vector<GeneratorConfig> split(int n) const;

  const NexmarkConfiguration& configuration() const { return configuration_; }
  int64_t baseTime() const { return base_time_; }
  int64_t firstEventId() const { return first_event_id_; }
  int64_t maxEvents() const { return max_events_; }
  int64_t stopAtEvent() const { return stop_at_event_; }
  int totalProportion() const { return total_proportion_; }

  int64_t nextEventNumber(int64_t num_events) const { return first_event_number_ + num_events; }
  int64_t nextAdjustedEventNumber(int64_t num_events) const;
  int64_t nextEventNumberForWatermark(int64_t num_events) const;
  int64_t timestampForEvent(int64_t event_number) const;

 private:
  NexmarkConfiguration configuration_;
  int total_proportion_;
  double inter_event_delay_us_;
  int64_t base_time_;
  int64_t first_event_id_;
  int64_t max_events_;
  int64_t stop_at_event_;
  int64_t first_event_number_;
};

}  // namespace eddy::connectors::nexmark
