#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "connectors/tests/kafka_test_broker.h"
#include "e2e/common/running_sums.h"

namespace eddy::e2e {

// How the "(key,sum)" lines an exactly-once Kafka job committed to `topic` differ from the
// running sums of `records` records: reads with isolation.level=read_committed until every
// expected line is there (30 s at most), then once more for 2 s to see any duplicate beyond
// them. For the Kafka chaos tests, once their job finished.
inline LineDiscrepancies compareCommittedRunningSums(const std::string& topic, int64_t records) {
  using connectors::kafka::testing::consumeValues;
  const size_t count = static_cast<size_t>(records);
  std::vector<std::string> values = consumeValues(topic, "read_committed", count, 30000);
  if (values.size() == count) values = consumeValues(topic, "read_committed", count + 1, 2000);
  std::map<std::string, int> actual;
  for (const std::string& value : values) ++actual[value];
  return compareLines(expectedRunningSums(records), actual);
}

}  // namespace eddy::e2e
