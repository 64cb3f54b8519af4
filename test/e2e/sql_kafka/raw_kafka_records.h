#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/status.h"

namespace eddy::sql::kafka_test {

// A Kafka record as the SQL Kafka tests produce and check it byte for byte: key and value
// may be null (a tombstone has no value), headers keep their order and may have null values.
struct RawRecord {
  int32_t partition = 0;
  int64_t offset = 0;  // set when consumed
  std::optional<std::string> key;
  std::optional<std::string> value;
  int64_t timestamp = 0;  // producing: 0 for the producer's time
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;

  // "p0@3 key={"id":1} value=null headers={k=v}", the timestamp left out (see `timestamp`).
  std::string toString() const;
};

// Produces `records` to the test broker (non-transactionally, with their headers) and waits
// until all are acknowledged.
Status produceRaw(const std::string& topic, const std::vector<RawRecord>& records);

// The records of `topic` as a consumer with `isolation_level` sees them, in partition then
// offset order, polling until `expected` arrived or `wait_ms` passed.
std::vector<RawRecord> consumeRaw(const std::string& topic, const std::string& isolation_level, size_t expected,
                                  int64_t wait_ms);

// Commits `offset` of `topic` partition `partition` for consumer group `group_id`.
Status commitGroupOffset(const std::string& group_id, const std::string& topic, int32_t partition, int64_t offset);

}  // namespace eddy::sql::kafka_test
