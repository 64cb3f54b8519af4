#pragma once

#include <charconv>
#include <cstdint>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "e2e/common/running_sums.h"
#include "eddy/common/status.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::e2e {

// The input of the broker restart job, shared by the job and its test: record i is the text
// of i in partition (i % kRunningSumKeys) % kRestartInputPartitions, so that each key's
// records stay in one partition in order and the job's running sums are running_sums.h's.
constexpr int kRestartInputPartitions = 2;

inline int32_t restartInputPartition(int64_t i) {
  return static_cast<int32_t>((i % kRunningSumKeys) % kRestartInputPartitions);
}

// How many of the records 0 … records-1 are in `partition`: its end offset.
inline int64_t restartInputEndOffset(int32_t partition, int64_t records) {
  int64_t count = 0;
  for (int64_t i = 0; i < records; ++i) count += restartInputPartition(i) == partition ? 1 : 0;
  return count;
}

// Reads record i as (i % kRunningSumKeys, i), a value-only deserialization schema for the
// KafkaSource. Stateless.
class RestartInputSchema {
 public:
  using ProducedType = std::pair<int64_t, int64_t>;

  Status deserialize(std::string_view message, int64_t timestamp, runtime::RecordBatch<ProducedType>& out) const {
    int64_t i = 0;
    auto [end, ec] = std::from_chars(message.data(), message.data() + message.size(), i);
    if (ec != std::errc() || end != message.data() + message.size()) {
      return InvalidArgument(fmt::format("not a record number: '{}'", message));
    }
    out.add(ProducedType(i % kRunningSumKeys, i), timestamp);
    return Status::OK();
  }
};

}  // namespace eddy::e2e
