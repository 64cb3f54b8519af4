#include "eddy/state/rocksdb/rocksdb_instance.h"

#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <string_view>
#include <system_error>

#include "eddy/state/rocksdb/rocksdb_key_layout.h"
#include "eddy/state/rocksdb/rocksdb_state_base.h"
#include "eddy/state/ttl/state_migration.h"

namespace eddy::state {
namespace {

constexpr std::string_view kDirectoryPrefix = "eddy-rocksdb-";

std::string randomHex() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}", random(), random());
}

// The process id in a directory name eddy-rocksdb-<pid>-<random>, or 0 for another name.
pid_t ownerOf(std::string_view name) {
  if (!name.starts_with(kDirectoryPrefix)) return 0;
  name.remove_prefix(kDirectoryPrefix.size());
  const size_t dash = name.find('-');
  if (dash == std::string_view::npos) return 0;
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + dash, pid);
  return error == std::errc() && end == name.data() + dash ? pid : 0;
}

// Removes, once per process and directory, the working directories that instances of
// processes no longer running left in `local_dir`: a process killed with SIGKILL cannot
// remove its own (a TaskManager cleans its local directories when it starts again). A
// directory whose process is alive, or whose id another process has taken since, is kept.
void removeDirectoriesOfDeadProcesses(const std::string& local_dir) {
  static std::mutex mutex;
  static std::set<std::string> cleaned;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!cleaned.insert(local_dir).second) return;
  }
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(local_dir, error)) {
    const pid_t owner = ownerOf(entry.path().filename().string());
    if (owner <= 0 || owner == ::getpid()) continue;
    if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;  // another process may be removing it too
    std::filesystem::remove_all(entry.path(), ignored);
  }
}

Status checkMaxParallelism(int snapshot, int mine) {
  if (snapshot == mine) return Status::OK();
  return InvalidArgument(fmt::format(
      "Cannot restore keyed state taken with max parallelism {} into an operator with max parallelism {}", snapshot,
      mine));
}

}  // namespace

RocksDBInstance::RocksDBInstance(std::string dir, std::unique_ptr<RocksDBStateStore> store, KeyGroupRange range,
                                 int max_parallelism)
    : dir_(std::move(dir)),
      store_(std::move(store)),
      range_(range),
      max_parallelism_(max_parallelism),
      prefix_bytes_(RocksDBKeyLayout::keyGroupPrefixBytes(max_parallelism)),
      strategy_(dir_.substr(dir_.rfind('-') + 1)) {}

Result<std::unique_ptr<RocksDBInstance>> RocksDBInstance::create(const std::string& local_dir, KeyGroupRange range,
                                                                 int max_parallelism) {
  removeDirectoriesOfDeadProcesses(local_dir);
  std::string dir = fmt::format("{}/{}{}-{}", local_dir, kDirectoryPrefix, ::getpid(), randomHex());
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IOError(fmt::format("Could not create the RocksDB directory {}: {}", dir, error.message()));
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir + "/db");
  return std::unique_ptr<RocksDBInstance>(
      new RocksDBInstance(std::move(dir), std::move(store), range, max_parallelism));
}

RocksDBInstance::~RocksDBInstance() {
  store_.reset();
  std::error_code ignored;  // a leftover temporary directory is not worth failing for
  std::filesystem::remove_all(dir_, ignored);
}

Result<int> RocksDBInstance::registerState(const std::string& name, StateType type, bool ttl) {
  auto [it, inserted] = states_.try_emplace(name, RegisteredState{type, ttl});
  if (!inserted && it->second.ttl != ttl) return stateMigrationError(name, it->second.ttl, ttl);
  it->second.type = type;
  return store_->columnFamily(name);
}

Result<KeyedStateSnapshot> RocksDBInstance::snapshot() {
  KeyedStateSnapshot out;
  out.max_parallelism = max_parallelism_;
  for (const auto& [name, state] : states_) {
    StateSnapshot part{name, state.type, {}, state.ttl};
    EDDY_ASSIGN_OR_RETURN(int cf, store_->columnFamily(name));
    EDDY_RETURN_IF_ERROR(snapshotColumnFamily(*store_, cf, prefix_bytes_, range_, part));
    out.states.push_back(std::move(part));
  }
  return out;
}

Status RocksDBInstance::restore(const KeyedStateSnapshot& snapshot) {
  EDDY_RETURN_IF_ERROR(checkMaxParallelism(snapshot.max_parallelism, max_parallelism_));
  for (const StateSnapshot& state : snapshot.states) {
    EDDY_ASSIGN_OR_RETURN(int cf, registerState(state.name, state.type, state.ttl));
    EDDY_RETURN_IF_ERROR(restoreColumnFamily(*store_, cf, prefix_bytes_, range_, state));
  }
  return Status::OK();
}

Result<std::unique_ptr<IncrementalSnapshotResources>> RocksDBInstance::syncPrepareIncrementalResources(
    int64_t checkpoint_id, FileSystem& fs, const Path& shared_dir, const Path& exclusive_dir) {
  RocksDBIncrementalSnapshotStrategy::BackendInfo info{range_, max_parallelism_, {}, {}};
  for (const auto& [name, state] : states_) {
    info.states.emplace_back(name, state.type);
    if (state.ttl) info.ttl_states.insert(name);
  }
  return strategy_.syncPrepareResources(checkpoint_id, *store_, fmt::format("{}/chk-{}", dir_, checkpoint_id),
                                       std::move(info), fs, shared_dir, exclusive_dir);
}

Status RocksDBInstance::restoreIncremental(const std::vector<IncrementalRemoteKeyedStateHandle>& handles,
                                           FileSystem& fs, bool reuse_files) {
  for (const IncrementalRemoteKeyedStateHandle& handle : handles) {
    EDDY_RETURN_IF_ERROR(checkMaxParallelism(handle.max_parallelism, max_parallelism_));
  }
  if (handles.size() == 1 && handles.front().key_group_range == range_) {
    const IncrementalRemoteKeyedStateHandle& handle = handles.front();
    std::string db_dir = fmt::format("{}/restored-{}", dir_, restores_++);
    EDDY_RETURN_IF_ERROR(downloadRocksDBFiles(fs, handle, db_dir));
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<RocksDBStateStore> restored, RocksDBStateStore::open(db_dir));
    std::string old_dir = store_->directory();
    store_ = std::move(restored);
    std::error_code ignored;
    std::filesystem::remove_all(old_dir, ignored);
    for (const auto& [name, type] : handle.states) {
      states_[name] = RegisteredState{type, handle.ttl_states.contains(name)};
    }
    if (reuse_files) strategy_.restoredFrom(handle);
    return Status::OK();
  }
  for (const IncrementalRemoteKeyedStateHandle& handle : handles) {
    if (handle.key_group_range.end < range_.start || handle.key_group_range.start > range_.end) continue;
    std::string db_dir = fmt::format("{}/rescale-{}", dir_, restores_++);
    Status status = [&]() -> Status {
      EDDY_RETURN_IF_ERROR(downloadRocksDBFiles(fs, handle, db_dir));
      EDDY_ASSIGN_OR_RETURN(std::unique_ptr<RocksDBStateStore> old, RocksDBStateStore::open(db_dir));
      KeyedStateSnapshot part;
      part.max_parallelism = max_parallelism_;
      for (const auto& [name, type] : handle.states) {
        StateSnapshot state{name, type, {}, handle.ttl_states.contains(name)};
        EDDY_ASSIGN_OR_RETURN(int cf, old->columnFamily(name));
        EDDY_RETURN_IF_ERROR(snapshotColumnFamily(*old, cf, prefix_bytes_, range_, state));
        part.states.push_back(std::move(state));
      }
      return restore(part);
    }();
    std::error_code ignored;
    std::filesystem::remove_all(db_dir, ignored);
    EDDY_RETURN_IF_ERROR(status);
  }
  return Status::OK();
}

}  // namespace eddy::state
