#include <fmt/format.h>

#include <functional>
#include <utility>

#include "eddy/common/config_options.h"
#include "eddy/connectors/nexmark/nexmark_configuration.h"

namespace eddy::connectors::nexmark {

namespace {

// The largest average size the generator can cut from its 1 MiB reusable string.
constexpr int64_t kMaxAverageSize = 512 * 1024;

using Setter = std::function<Status(NexmarkConfiguration&, std::string_view)>;

template <typename T, typename F>
std::pair<std::string, Setter> option(std::string key, F assign) {
  return {key, [key, assign](NexmarkConfiguration& conf, std::string_view text) -> Status {
            Result<T> value = ConfigValue<T>::parse(text);
            if (!value.ok()) {
              return InvalidArgument(fmt::format("Invalid value for option '{}': {}", key, value.status().message()));
            }
            return assign(conf, *value);
          }};
}

Status positive(std::string_view key, int64_t value) {
  if (value > 0) return Status::OK();
  return InvalidArgument(fmt::format("Option '{}' must be positive, but is {}.", key, value));
}

template <int NexmarkConfiguration::*Field>
std::pair<std::string, Setter> positiveInt(std::string key) {
  return option<int32_t>(key, [key](NexmarkConfiguration& conf, int32_t v) {
    conf.*Field = v;
    return positive(key, v);
  });
}

template <int NexmarkConfiguration::*Field>
std::pair<std::string, Setter> averageSize(std::string key) {
  return option<MemorySize>(key, [key](NexmarkConfiguration& conf, MemorySize size) -> Status {
    if (size.getBytes() >= kMaxAverageSize) {
      return InvalidArgument(fmt::format("Option '{}' must be below 512 kb, but is {}.", key, size.getBytes()));
    }
    conf.*Field = static_cast<int>(size.getBytes());
    return Status::OK();
  });
}

const std::vector<std::pair<std::string, Setter>>& setters() {
  static const auto* table = new std::vector<std::pair<std::string, Setter>>{
      option<int64_t>("events.num", [](NexmarkConfiguration& c, int64_t v) {
        c.num_events = v;
        return v >= 0 ? Status::OK() : InvalidArgument("Option 'events.num' must not be negative.");
      }),
      positiveInt<&NexmarkConfiguration::first_event_rate>("first-event.rate"),
      positiveInt<&NexmarkConfiguration::next_event_rate>("next-event.rate"),
      option<bool>("max-emit-speed", [](NexmarkConfiguration& c, bool v) {
        c.max_emit_speed = v;
        return Status::OK();
      }),
      positiveInt<&NexmarkConfiguration::person_proportion>("person.proportion"),
      positiveInt<&NexmarkConfiguration::auction_proportion>("auction.proportion"),
      positiveInt<&NexmarkConfiguration::bid_proportion>("bid.proportion"),
      averageSize<&NexmarkConfiguration::avg_person_byte_size>("person.avg-size"),
      averageSize<&NexmarkConfiguration::avg_auction_byte_size>("auction.avg-size"),
      averageSize<&NexmarkConfiguration::avg_bid_byte_size>("bid.avg-size"),
      positiveInt<&NexmarkConfiguration::hot_auction_ratio>("bid.hot-ratio.auctions"),
      positiveInt<&NexmarkConfiguration::hot_bidders_ratio>("bid.hot-ratio.bidders"),
      positiveInt<&NexmarkConfiguration::hot_sellers_ratio>("auction.hot-ratio.sellers"),
      option<int64_t>("stop-at", [](NexmarkConfiguration& c, int64_t v) {
        c.stop_at_event = v;
        return Status::OK();
      }),
      option<bool>("keep-alive", [](NexmarkConfiguration& c, bool v) {
        c.keep_alive = v;
        return Status::OK();
      }),
      option<int64_t>("seed", [](NexmarkConfiguration& c, int64_t v) {
        c.seed = v;
        return Status::OK();
      }),
      option<int64_t>("base-time", [](NexmarkConfiguration& c, int64_t v) {
        c.base_time = v;
        return Status::OK();
      }),
  };
  return *table;
}

}  // namespace

Result<NexmarkConfiguration> NexmarkConfiguration::fromOptions(const std::map<std::string, std::string>& options) {
  NexmarkConfiguration conf;
  for (const auto& [key, setter] : setters()) {
    auto it = options.find(key);
    if (it != options.end()) EDDY_RETURN_IF_ERROR(setter(conf, it->second));
  }
  return conf;
}

const std::vector<std::string>& NexmarkConfiguration::optionKeys() {
  static const auto* keys = [] {
    auto* result = new std::vector<std::string>();
    for (const auto& entry : setters()) result->push_back(entry.first);
    return result;
  }();
  return *keys;
}

}  // namespace eddy::connectors::nexmark
