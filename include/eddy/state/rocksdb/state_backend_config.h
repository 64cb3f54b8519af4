#pragma once

#include <string>

#include "eddy/common/config_options.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"

namespace eddy::state {

// Flink's keys that choose and tune the keyed state backend beyond `state.backend.type`
// (StateBackendOptions in common): CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
// RocksDBOptions.LOCAL_DIRECTORIES and CoreOptions.TMP_DIRS.
struct RocksDBStateBackendOptions {
  static inline const ConfigOption<bool> kIncrementalCheckpoints =
      ConfigOptions::key("state.backend.incremental").booleanType().defaultValue(false).withDescription(
          "Option whether the state backend should create incremental checkpoints, if possible. For an "
          "incremental checkpoint, only a diff from the previous checkpoint is stored, rather than the complete "
          "checkpoint state.");
  static inline const ConfigOption<std::string> kLocalDirectories =
      ConfigOptions::key("state.backend.rocksdb.localdir").stringType().noDefaultValue().withDescription(
          "The local directory (on the TaskManager) where RocksDB puts its files. Per default, it will be "
          "<WORKING_DIR>/tmp.");
  static inline const ConfigOption<std::string> kTmpDirs =
      ConfigOptions::key("io.tmp.dirs").stringType().noDefaultValue().withDescription(
          "Directories for temporary files, separated by\",\", \"|\", or the system's java.io.File.pathSeparator.");
};

// The state backend an environment was given (Flink's HashMapStateBackend).
struct HashMapStateBackend {};

// Keyed state in an embedded RocksDB per operator instance (Flink's
// EmbeddedRocksDBStateBackend): state larger than memory, incremental checkpoints.
struct EmbeddedRocksDBStateBackend {
  explicit EmbeddedRocksDBStateBackend(bool incremental = false) : incremental(incremental) {}
  bool incremental;
  // Where instances put their files. Default: io.tmp.dirs' first entry, or /tmp.
  std::string local_dir;
};

// The keyed state backend a job runs with, as the runtime receives it. A value type.
struct StateBackendConfig {
  enum class Kind { kHashMap, kRocksDB };

  // Default: hashmap (Flink's default of state.backend.type).
  Kind kind = Kind::kHashMap;
  // Default: false (full checkpoints).
  bool incremental = false;
  // Parent of the instances' directories. Default: io.tmp.dirs' first entry, or /tmp.
  std::string local_dir;

  StateBackendConfig() = default;
  StateBackendConfig(HashMapStateBackend) {}
  StateBackendConfig(const EmbeddedRocksDBStateBackend& rocksdb);

  // From state.backend.type ('hashmap' | 'rocksdb'), state.backend.incremental,
  // state.backend.rocksdb.localdir and io.tmp.dirs; InvalidArgument naming the key for an
  // unknown backend.
  static Result<StateBackendConfig> fromConfiguration(const Configuration& configuration);
};

}  // namespace eddy::state
