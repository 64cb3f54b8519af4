#include <algorithm>
#include <limits>

#include "eddy/connectors/nexmark/nexmark_configuration.h"

namespace eddy::connectors::nexmark {

GeneratorConfig::GeneratorConfig(NexmarkConfiguration configuration, int64_t base_time, int64_t first_event_id,
                                 int64_t max_events_or_zero, int64_t stop_at_event, int64_t first_event_number)
    : configuration_(configuration),
      total_proportion_(configuration.person_proportion + configuration.auction_proportion +
                        configuration.bid_proportion),
      inter_event_delay_us_(1000000.0 / configuration.first_event_rate * configuration.num_event_generators),
      base_time_(base_time),
      first_event_id_(first_event_id),
      stop_at_event_(stop_at_event),
      first_event_number_(first_event_number) {
  if (max_events_or_zero == 0) {
    // The reference scales the maximum down to avoid overflow in its size estimate.
    const int64_t largest = std::max({configuration.avg_person_byte_size, configuration.avg_auction_byte_size,
                                      configuration.avg_bid_byte_size});
    max_events_ = std::numeric_limits<int64_t>::max() / (total_proportion_ * largest);
  } else {
    max_events_ = max_events_or_zero;
  }
}

std::vector<GeneratorConfig> GeneratorConfig::split(int n) const {
  std::vector<GeneratorConfig> results;
  if (n == 1) {
    results.push_back(*this);
    return results;
  }
  int64_t sub_max_events = max_events_ / n;
  int64_t sub_first_event_id = first_event_id_;
  int64_t sub_valid_events = stop_at_event_ / n;
  for (int i = 0; i < n; ++i) {
    if (i == n - 1) {
      // Don't lose any events to round-down.
      sub_max_events = max_events_ - sub_max_events * (n - 1);
      sub_valid_events = stop_at_event_ - sub_valid_events * (n - 1);
    }
    results.emplace_back(configuration_, base_time_, sub_first_event_id, sub_max_events, sub_valid_events,
                         first_event_number_);
    sub_first_event_id += sub_max_events;
  }
  return results;
}

int64_t GeneratorConfig::nextAdjustedEventNumber(int64_t num_events) const {
  const int64_t n = configuration_.out_of_order_group_size;
  const int64_t event_number = nextEventNumber(num_events);
  const int64_t base = (event_number / n) * n;
  const int64_t offset = (event_number * 953) % n;
  return base + offset;
}

int64_t GeneratorConfig::nextEventNumberForWatermark(int64_t num_events) const {
  const int64_t n = configuration_.out_of_order_group_size;
  return (nextEventNumber(num_events) / n) * n;
}

int64_t GeneratorConfig::timestampForEvent(int64_t event_number) const {
  return base_time_ + static_cast<int64_t>(static_cast<double>(event_number) * inter_event_delay_us_) / 1000;
}

}  // namespace eddy::connectors::nexmark
