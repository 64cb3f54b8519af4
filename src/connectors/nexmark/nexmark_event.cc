#include "eddy/connectors/nexmark/nexmark_event.h"

#include <fmt/format.h>

namespace eddy::connectors::nexmark {

std::string NexmarkEvent::toString() const {
  switch (type) {
    case kPerson:
      return fmt::format("P|{}|{}|{}|{}|{}|{}|{}|{}", person.id, person.name, person.email_address,
                         person.credit_card, person.city, person.state, person.date_time, person.extra);
    case kAuction:
      return fmt::format("A|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", auction.id, auction.item_name, auction.description,
                         auction.initial_bid, auction.reserve, auction.date_time, auction.expires, auction.seller,
                         auction.category, auction.extra);
    case kBid:
      return fmt::format("B|{}|{}|{}|{}|{}|{}|{}", bid.auction, bid.bidder, bid.price, bid.channel, bid.url,
                         bid.date_time, bid.extra);
  }
  return {};
}

}  // namespace eddy::connectors::nexmark
