#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "eddy/common/file_system.h"
#include "eddy/common/status.h"
#include "eddy/state/rocksdb/incremental_keyed_state_handle.h"

namespace eddy::state {

// Reference counts of the shared files of retained incremental checkpoints (Flink's
// SharedStateRegistry): each completed checkpoint registers the SST files its handles
// refer to; when a checkpoint is no longer retained its references are dropped, and a
// file that no retained checkpoint refers to any more is deleted, with the checkpoint's own
// private files. Thread-safe.
class SharedStateRegistry {
 public:
  explicit SharedStateRegistry(std::shared_ptr<FileSystem> fs) : fs_(std::move(fs)) {}

  // A completed checkpoint's handle: every shared file gains a reference.
  void registerReferences(const IncrementalRemoteKeyedStateHandle& handle);
  // The checkpoint of `handle` was subsumed or discarded: its shared files lose a
  // reference, those left without one are deleted, and so are its private files.
  Status unregisterReferences(const IncrementalRemoteKeyedStateHandle& handle);
  // Number of retained checkpoints that refer to the file at `path`.
  int referenceCount(const Path& path) const;

 private:
  std::shared_ptr<FileSystem> fs_;
  mutable std::mutex mutex_;
  std::map<std::string, int> references_;
};

}  // namespace eddy::state
