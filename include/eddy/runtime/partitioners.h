#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "eddy/state/java_hash.h"
#include "eddy/state/key_group_range_assignment.h"

namespace eddy::runtime {

// Flink's stream partitioners. Each picks the output channel of one record; they are
// template policies of RecordWriterOutput, so the per-record choice is an inlined call.
enum class PartitionerKind { kForward, kRebalance, kRescale, kShuffle, kBroadcast, kGlobal, kKeyGroup };

std::string partitionerName(PartitionerKind kind);

// Same subtask index downstream: one channel only.
struct ForwardPartitioner {
  template <typename T>
  int selectChannel(const T&, int) { return 0; }
};

// Round robin over all channels, starting at a random one (Flink's RebalancePartitioner).
struct RebalancePartitioner {
  int next = -1;
  template <typename T>
  int selectChannel(const T&, int num_channels) {
    if (next < 0) next = static_cast<int>(std::random_device{}() % num_channels);
    next = next + 1 == num_channels ? 0 : next + 1;
    return next;
  }
};

// Random channel (Flink's ShufflePartitioner).
struct ShufflePartitioner {
  std::minstd_rand random{std::random_device{}()};
  template <typename T>
  int selectChannel(const T&, int num_channels) { return static_cast<int>(random() % num_channels); }
};

// Everything to channel 0 (Flink's GlobalPartitioner).
struct GlobalPartitioner {
  template <typename T>
  int selectChannel(const T&, int) { return 0; }
};

// Hash of the key → key group → operator index, exactly as Flink's
// KeyGroupStreamPartitioner, so a key lands on the same subtask as in Flink.
template <typename KeySelector>
struct KeyGroupPartitioner {
  KeySelector key_selector;
  int max_parallelism;

  template <typename T>
  int selectChannel(const T& record, int num_channels) {
    return state::KeyGroupRangeAssignment::assignKeyHashToParallelOperator(
        state::javaHashCode(key_selector(record)), max_parallelism, num_channels);
  }
};

}  // namespace eddy::runtime
