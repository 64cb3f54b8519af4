#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "sql/runtime/aggregate_accumulators.h"

namespace eddy::sql {

// What an OVER aggregation keeps per partition key in ValueState "over": the accumulators,
// the rows (encoded, with their times) of a bounded frame, oldest first, and on rowtime the
// last rowtime fired (rows not after it are late).
struct OverState {
  int64_t last_triggering_ts = 0;
  GroupAccumulators accumulators;
  std::deque<std::pair<int64_t, std::string>> frame;

  std::string serialize() const;
  // `calls`: the number of aggregate calls.
  static OverState deserialize(std::string_view in, size_t calls);
};

}  // namespace eddy::sql
