#include "eddy/runtime/partitioners.h"

namespace eddy::runtime {

std::string partitionerName(PartitionerKind kind) {
  switch (kind) {
    case PartitionerKind::kForward: return "FORWARD";
    case PartitionerKind::kRebalance: return "REBALANCE";
    case PartitionerKind::kRescale: return "RESCALE";
    case PartitionerKind::kShuffle: return "SHUFFLE";
    case PartitionerKind::kBroadcast: return "BROADCAST";
    case PartitionerKind::kGlobal: return "GLOBAL";
    case PartitionerKind::kKeyGroup: return "HASH";
  }
  return "UNKNOWN";
}

}  // namespace eddy::runtime
