#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::connectors::nexmark {

// A new user (the reference's Person). Times are epoch milliseconds.
struct Person {
  int64_t id = 0;
  std::string name;
  std::string email_address;
  std::string credit_card;
  std::string_view city;
  std::string_view state;
  int64_t date_time = 0;
  std::string_view extra;
};

// A new item for sale (the reference's Auction).
struct Auction {
  int64_t id = 0;
  std::string item_name;
  std::string description;
  int64_t initial_bid = 0;
  int64_t reserve = 0;
  int64_t date_time = 0;
  int64_t expires = 0;
  int64_t seller = 0;
  int64_t category = 0;
  std::string_view extra;
};

// A bid on an auction (the reference's Bid).
struct Bid {
  int64_t auction = 0;
  int64_t bidder = 0;
  int64_t price = 0;
  std::string_view channel;
  std::string_view url;
  int64_t date_time = 0;
  std::string_view extra;
};

// One generated event: its kind (the SQL table's event_type: 0 person, 1 auction, 2 bid)
// and the matching member. Reused from event to event, so its strings keep their capacity;
// the string_views point into tables owned by the generator and stay valid as long as it.
struct NexmarkEvent {
  enum Type : int32_t { kPerson = 0, kAuction = 1, kBid = 2 };

  Type type = kBid;
  Person person;
  Auction auction;
  Bid bid;
  int64_t event_timestamp = 0;  // the event's time (its date_time)
  int64_t watermark = 0;        // the minimum of this and every later event time

  // One line per event, the form the reference port prints for the test vectors:
  // "P|id|name|email|card|city|state|dateTime|extra" and likewise for A and B.
  std::string toString() const;
};

}  // namespace eddy::connectors::nexmark
