#include "eddy/state/heap/state_table_versions.h"

namespace eddy::state {

uint64_t StateTableVersions::beginSnapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  const uint64_t version = ++current_;
  in_flight_.insert(version);
  highest_required_.store(version, std::memory_order_release);
  return version;
}

void StateTableVersions::releaseSnapshot(uint64_t version) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = in_flight_.find(version);
  if (it == in_flight_.end()) return;
  in_flight_.erase(it);
  highest_required_.store(in_flight_.empty() ? 0 : *in_flight_.rbegin(), std::memory_order_release);
}

size_t StateTableVersions::numSnapshots() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_.size();
}

}  // namespace eddy::state
