#include "eddy/connectors/nexmark/nexmark_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "connectors/nexmark/strings.h"

namespace eddy::connectors::nexmark {

namespace {

constexpr int kPersonIdLead = 10;
constexpr int kAuctionIdLead = 10;
constexpr int kHotSellerRatio = 100;
constexpr int kHotAuctionRatio = 100;
constexpr int kHotBidderRatio = 100;
constexpr int kHotChannelsRatio = 2;
constexpr int kNumCategories = 5;

constexpr std::string_view kUsStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
constexpr std::string_view kUsCities[] = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
                                          "Bend",    "Redmond",     "Seattle",       "Kent",  "Cheyenne"};
constexpr std::string_view kFirstNames[] = {"Peter", "Paul",  "Luke",  "John",   "Saul",  "Vicky",
                                            "Kate",  "Julie", "Sarah", "Deiter", "Walter"};
constexpr std::string_view kLastNames[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                           "Walton", "Smith",  "Jones",   "Noris"};
constexpr std::string_view kHotChannels[] = {"Google", "Facebook", "Baidu", "Apple"};

template <typename T, size_t N>
constexpr int32_t sizeOf(const T (&)[N]) {
  return static_cast<int32_t>(N);
}

// Java's Math.round(double) for the non-negative values the generator rounds.
int64_t javaRound(double x) { return static_cast<int64_t>(std::floor(x + 0.5)); }

}  // namespace

NexmarkGenerator::NexmarkGenerator(GeneratorConfig config, std::shared_ptr<const GeneratorTables> tables,
                                   int64_t events_count_so_far)
    : config_(std::move(config)),
      tables_(std::move(tables)),
      random_(config_.configuration().seed + config_.firstEventId()),
      events_count_so_far_(events_count_so_far),
      max_events_(config_.stopAtEvent() < 0 ? config_.maxEvents()
                                             : std::min(config_.stopAtEvent(), config_.maxEvents())) {}

void NexmarkGenerator::nextEvent(NexmarkEvent& event) {
  const int64_t adjusted_number = config_.nextAdjustedEventNumber(events_count_so_far_);
  const int64_t timestamp = config_.timestampForEvent(adjusted_number);
  event.watermark = config_.timestampForEvent(config_.nextEventNumberForWatermark(events_count_so_far_));
  event.event_timestamp = timestamp;

  const int64_t event_id = config_.firstEventId() + adjusted_number;
  const int64_t rem = event_id % config_.totalProportion();
  const auto& conf = config_.configuration();
  if (rem < conf.person_proportion) {
    event.type = NexmarkEvent::kPerson;
    nextPerson(event_id, timestamp, event.person);
  } else if (rem < conf.person_proportion + conf.auction_proportion) {
    event.type = NexmarkEvent::kAuction;
    nextAuction(event_id, timestamp, event.auction);
  } else {
    event.type = NexmarkEvent::kBid;
    nextBid(event_id, timestamp, event.bid);
  }
  ++events_count_so_far_;
}

void NexmarkGenerator::nextPerson(int64_t event_id, int64_t timestamp, Person& person) {
  person.id = lastBase0PersonId(event_id) + GeneratorConfig::kFirstPersonId;
  person.name.assign(kFirstNames[random_.nextInt(sizeOf(kFirstNames))]);
  person.name += ' ';
  person.name += kLastNames[random_.nextInt(sizeOf(kLastNames))];

  std::string part;
  nextString(7, ' ', person.email_address);
  nextString(5, ' ', part);
  person.email_address += '@';
  person.email_address += part;
  person.email_address += ".com";

  person.credit_card.clear();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) person.credit_card += ' ';
    char digits[8];
    std::snprintf(digits, sizeof(digits), "%04d", random_.nextInt(10000));
    person.credit_card += digits;
  }
  person.city = kUsCities[random_.nextInt(sizeOf(kUsCities))];
  person.state = kUsStates[random_.nextInt(sizeOf(kUsStates))];
  const int current_size = static_cast<int>(8 + person.name.size() + person.email_address.size() +
                                            person.credit_card.size() + person.city.size() + person.state.size());
  person.extra = nextExtra(current_size, config_.configuration().avg_person_byte_size);
  person.date_time = timestamp;
}

void NexmarkGenerator::nextAuction(int64_t event_id, int64_t timestamp, Auction& auction) {
  const auto& conf = config_.configuration();
  auction.id = lastBase0AuctionId(event_id) + GeneratorConfig::kFirstAuctionId;
  int64_t seller;
  // P(auction will be for a hot seller) = 1 - 1/hotSellersRatio.
  if (random_.nextInt(conf.hot_sellers_ratio) > 0) {
    seller = (lastBase0PersonId(event_id) / kHotSellerRatio) * kHotSellerRatio;
  } else {
    seller = nextBase0PersonId(event_id);
  }
  auction.seller = seller + GeneratorConfig::kFirstPersonId;
  auction.category = GeneratorConfig::kFirstCategoryId + random_.nextInt(kNumCategories);
  auction.initial_bid = nextPrice();
  auction.expires = timestamp + nextAuctionLengthMs(timestamp);
  nextString(20, ' ', auction.item_name);
  nextString(100, ' ', auction.description);
  auction.reserve = auction.initial_bid + nextPrice();
  const int current_size = static_cast<int>(8 + auction.item_name.size() + auction.description.size() + 40);
  auction.extra = nextExtra(current_size, conf.avg_auction_byte_size);
  auction.date_time = timestamp;
}

void NexmarkGenerator::nextBid(int64_t event_id, int64_t timestamp, Bid& bid) {
  const auto& conf = config_.configuration();
  int64_t auction;
  // P(bid will be for a hot auction) = 1 - 1/hotAuctionRatio.
  if (random_.nextInt(conf.hot_auction_ratio) > 0) {
    auction = (lastBase0AuctionId(event_id) / kHotAuctionRatio) * kHotAuctionRatio;
  } else {
    auction = nextBase0AuctionId(event_id);
  }
  bid.auction = auction + GeneratorConfig::kFirstAuctionId;
  int64_t bidder;
  // P(bid will be by a hot bidder) = 1 - 1/hotBiddersRatio; the second person of the batch,
  // so that hot bidders and hot sellers don't collide.
  if (random_.nextInt(conf.hot_bidders_ratio) > 0) {
    bidder = (lastBase0PersonId(event_id) / kHotBidderRatio) * kHotBidderRatio + 1;
  } else {
    bidder = nextBase0PersonId(event_id);
  }
  bid.price = nextPrice();
  if (random_.nextInt(kHotChannelsRatio) > 0) {
    const int i = random_.nextInt(sizeOf(kHotChannels));
    bid.channel = kHotChannels[i];
    bid.url = tables_->hotUrl(i);
  } else {
    const int channel = random_.nextInt(GeneratorTables::kChannelsNumber);
    bid.channel = tables_->channel(channel);
    bid.url = tables_->channelUrl(channel);
  }
  // The reference adds FIRST_PERSON_ID twice; the ids must match it.
  bid.bidder = bidder + 2 * GeneratorConfig::kFirstPersonId;
  bid.extra = nextExtra(32, conf.avg_bid_byte_size);
  bid.date_time = timestamp;
}

int64_t NexmarkGenerator::lastBase0PersonId(int64_t event_id) const {
  const auto& conf = config_.configuration();
  const int64_t epoch = event_id / config_.totalProportion();
  int64_t offset = event_id % config_.totalProportion();
  // About to generate an auction or bid: go back to the last person of this epoch.
  if (offset >= conf.person_proportion) offset = conf.person_proportion - 1;
  return epoch * conf.person_proportion + offset;
}

int64_t NexmarkGenerator::nextBase0PersonId(int64_t event_id) {
  // A random person among the active ones, plus a few 'leads'.
  const int64_t num_people = lastBase0PersonId(event_id) + 1;
  const int64_t active_people = std::min<int64_t>(num_people, config_.configuration().num_active_people);
  const int64_t n = nextLong(active_people + kPersonIdLead);
  return num_people - active_people + n;
}

int64_t NexmarkGenerator::lastBase0AuctionId(int64_t event_id) const {
  const auto& conf = config_.configuration();
  int64_t epoch = event_id / config_.totalProportion();
  int64_t offset = event_id % config_.totalProportion();
  if (offset < conf.person_proportion) {
    // About to generate a person: the last auction of the previous epoch.
    epoch--;
    offset = conf.auction_proportion - 1;
  } else if (offset >= conf.person_proportion + conf.auction_proportion) {
    // About to generate a bid: the last auction of this epoch.
    offset = conf.auction_proportion - 1;
  } else {
    offset -= conf.person_proportion;
  }
  return epoch * conf.auction_proportion + offset;
}

int64_t NexmarkGenerator::nextBase0AuctionId(int64_t event_id) {
  // A random auction among those likely still in flight, plus a few 'leads'.
  const int64_t max_auction = lastBase0AuctionId(event_id);
  const int64_t min_auction = std::max<int64_t>(max_auction - config_.configuration().num_in_flight_auctions, 0);
  return min_auction + nextLong(max_auction - min_auction + 1 + kAuctionIdLead);
}

int64_t NexmarkGenerator::nextAuctionLengthMs(int64_t timestamp) {
  const auto& conf = config_.configuration();
  const int64_t current_event_number = config_.nextAdjustedEventNumber(events_count_so_far_);
  const int64_t num_events_for_auctions =
      (static_cast<int64_t>(conf.num_in_flight_auctions) * config_.totalProportion()) / conf.auction_proportion;
  const int64_t future_auction = config_.timestampForEvent(current_event_number + num_events_for_auctions);
  const int64_t horizon_ms = future_auction - timestamp;
  return 1 + nextLong(std::max<int64_t>(horizon_ms * 2, 1));
}

int64_t NexmarkGenerator::nextLong(int64_t n) {
  if (n < std::numeric_limits<int32_t>::max()) return random_.nextInt(static_cast<int32_t>(n));
  return std::llabs(random_.nextLong() % n);  // the reference's (skewed) fallback
}

int64_t NexmarkGenerator::nextPrice() { return javaRound(std::pow(10.0, random_.nextDouble() * 6.0) * 100.0); }

void NexmarkGenerator::nextString(int max_length, char special, std::string& out) {
  nexmark::nextString(random_, max_length, special, out);
}

std::string_view NexmarkGenerator::nextExtra(int current_size, int desired_average_size) {
  if (current_size > desired_average_size) return {};
  desired_average_size -= current_size;
  const int delta = static_cast<int>(javaRound(desired_average_size * 0.2));
  const int min_size = desired_average_size - delta;
  const int desired_size = min_size + (delta == 0 ? 0 : random_.nextInt(2 * delta));
  const std::string_view reusable = tables_->reusableExtra();
  // StringsGenerator.nextExactString with its reusable string (always long enough here).
  const int offset = random_.nextInt(static_cast<int32_t>(reusable.size()) - desired_size);
  return reusable.substr(static_cast<size_t>(offset), static_cast<size_t>(desired_size));
}

}  // namespace eddy::connectors::nexmark
