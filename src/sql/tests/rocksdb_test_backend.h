#pragma once

#include <gtest/gtest.h>

#include "eddy/state/rocksdb/state_backend_config.h"

namespace eddy::sql {

// The RocksDB backend (full snapshots) in the test's temporary directory, for operator
// tests that run on both backends.
inline state::StateBackendConfig rocksDBTestBackend() {
  state::EmbeddedRocksDBStateBackend rocksdb(false);
  rocksdb.local_dir = ::testing::TempDir();
  return state::StateBackendConfig(rocksdb);
}

}  // namespace eddy::sql
