#include "eddy/state/rocksdb/state_backend_config.h"

#include <fmt/format.h>

#include <optional>

namespace eddy::state {
namespace {

constexpr const char* kDefaultTmpDir = "/tmp";

// The first of Flink's io.tmp.dirs (separated by ',', '|' or ':').
std::string firstTmpDir(const std::optional<std::string>& dirs) {
  if (!dirs || dirs->empty()) return kDefaultTmpDir;
  std::string first = dirs->substr(0, dirs->find_first_of(",|:"));
  return first.empty() ? kDefaultTmpDir : first;
}

}  // namespace

StateBackendConfig::StateBackendConfig(const EmbeddedRocksDBStateBackend& rocksdb)
    : kind(Kind::kRocksDB),
      incremental(rocksdb.incremental),
      local_dir(rocksdb.local_dir.empty() ? kDefaultTmpDir : rocksdb.local_dir) {}

Result<StateBackendConfig> StateBackendConfig::fromConfiguration(const Configuration& configuration) {
  StateBackendConfig config;
  EDDY_ASSIGN_OR_RETURN(std::string type, configuration.get(StateBackendOptions::kStateBackend));
  if (type == "rocksdb") {
    config.kind = Kind::kRocksDB;
  } else if (type != "hashmap") {
    return InvalidArgument(fmt::format(
        "Could not parse value '{}' for key 'state.backend.type': expected hashmap or rocksdb", type));
  }
  EDDY_ASSIGN_OR_RETURN(config.incremental, configuration.get(RocksDBStateBackendOptions::kIncrementalCheckpoints));
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> local_dir,
                        configuration.getOptional(RocksDBStateBackendOptions::kLocalDirectories));
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> tmp_dirs,
                        configuration.getOptional(RocksDBStateBackendOptions::kTmpDirs));
  config.local_dir = local_dir ? *local_dir : firstTmpDir(tmp_dirs);
  return config;
}

}  // namespace eddy::state
