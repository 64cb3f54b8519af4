#include "eddy/state/rocksdb/shared_state_registry.h"

#include <vector>

namespace eddy::state {

void SharedStateRegistry::registerReferences(const IncrementalRemoteKeyedStateHandle& handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const RocksDBFileHandle& file : handle.shared_state) ++references_[file.path.toString()];
}

Status SharedStateRegistry::unregisterReferences(const IncrementalRemoteKeyedStateHandle& handle) {
  std::vector<Path> doomed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const RocksDBFileHandle& file : handle.shared_state) {
      auto it = references_.find(file.path.toString());
      if (it == references_.end()) continue;
      if (--it->second == 0) {
        references_.erase(it);
        doomed.push_back(file.path);
      }
    }
  }
  for (const RocksDBFileHandle& file : handle.private_state) doomed.push_back(file.path);
  Status first_error = Status::OK();
  for (const Path& path : doomed) {
    Status status = fs_->remove(path, false);
    if (!status.ok() && first_error.ok()) first_error = status;
  }
  return first_error;
}

int SharedStateRegistry::referenceCount(const Path& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = references_.find(path.toString());
  return it == references_.end() ? 0 : it->second;
}

}  // namespace eddy::state
