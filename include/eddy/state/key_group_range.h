#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace eddy::state {

// A contiguous, inclusive range of key groups [start, end], as Flink's KeyGroupRange.
// An empty range has end < start. Key groups are the unit in which keyed state is
// partitioned, snapshotted and redistributed when parallelism changes.
struct KeyGroupRange {
  int start = 0;
  int end = -1;

  static KeyGroupRange empty() { return {0, -1}; }

  int numberOfKeyGroups() const { return end >= start ? end - start + 1 : 0; }
  bool contains(int key_group) const { return key_group >= start && key_group <= end; }
  bool operator==(const KeyGroupRange&) const = default;
  std::string toString() const { return fmt::format("KeyGroupRange{{start={}, end={}}}", start, end); }
};

}  // namespace eddy::state
