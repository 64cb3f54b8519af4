#pragma once

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "eddy/state/heap/heap_aggregating_state.h"
#include "eddy/state/heap/heap_list_state.h"
#include "eddy/state/heap/heap_map_state.h"
#include "eddy/state/heap/heap_reducing_state.h"
#include "eddy/state/heap/heap_snapshot_resources.h"
#include "eddy/state/heap/heap_value_state.h"
#include "eddy/state/java_hash.h"
#include "eddy/state/key_context.h"
#include "eddy/state/key_group_range_assignment.h"
#include "eddy/state/keyed_state_backend.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/rocksdb/rocksdb_instance.h"
#include "eddy/state/rocksdb/state_backend_config.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/state/ttl/state_migration.h"
#include "eddy/state/ttl/ttl_state_descriptors.h"
#include "eddy/state/ttl/ttl_time_provider.h"

namespace eddy::state {

// The keyed state backend of an operator whose key type is K: it sets the current key
// (and with it the key group, computed exactly as the keyBy partitioner computes it) and
// hands out the states named by descriptors, one instance per name. States are kept on the
// heap (Flink's HashMapStateBackend) or, when created for StateBackendConfig::kRocksDB, in
// an embedded RocksDB instance (Flink's EmbeddedRocksDBStateBackend); the state classes are
// the same on both, so operators are unaware of the kind.
template <typename K>
class KeyedStateBackendT final : public KeyedStateBackend {
 public:
  KeyedStateBackendT(KeyGroupRange range, int max_parallelism) : KeyedStateBackend(range, max_parallelism) {
    context_.key_group = range.start;
  }

  // A backend of the configured kind; IOError if the RocksDB instance cannot be created.
  static Result<std::shared_ptr<KeyedStateBackendT>> create(KeyGroupRange range, int max_parallelism,
                                                            const StateBackendConfig& config) {
    auto backend = std::make_shared<KeyedStateBackendT>(range, max_parallelism);
    if (config.kind == StateBackendConfig::Kind::kRocksDB) {
      EDDY_ASSIGN_OR_RETURN(backend->rocksdb_, RocksDBInstance::create(config.local_dir, range, max_parallelism));
      backend->rocksdb_context_.key_context = &backend->context_;
      backend->rocksdb_context_.prefix_bytes = backend->rocksdb_->keyGroupPrefixBytes();
      backend->rocksdb_context_.range = range;
      backend->incremental_ = config.incremental;
    }
    return backend;
  }
  // The RocksDB instance, or nullptr on the heap backend.
  RocksDBInstance* rocksDBInstance() const { return rocksdb_.get(); }

  bool isIncremental() const override { return incremental_; }
  // The synchronous part of an incremental checkpoint of the RocksDB backend: the states'
  // pending writes flushed and a RocksDB checkpoint taken (see RocksDBInstance). Also
  // callable on a RocksDB backend created for full checkpoints.
  // REQUIRES: rocksDBInstance() != nullptr.
  Result<std::unique_ptr<IncrementalSnapshotResources>> syncPrepareIncrementalResources(
      int64_t checkpoint_id, FileSystem& fs, const Path& shared_dir, const Path& exclusive_dir) override {
    for (RocksDBStateBase* state : rocksdb_states_) state->flushPending();
    return rocksdb_->syncPrepareIncrementalResources(checkpoint_id, fs, shared_dir, exclusive_dir);
  }
  // REQUIRES: no state created yet.
  Status restoreIncremental(const std::vector<IncrementalRemoteKeyedStateHandle>& handles, FileSystem& fs,
                            bool reuse_files) override {
    if (!rocksdb_) {
      return NotSupported(
          "Restoring an incremental RocksDB checkpoint into the hashmap state backend; take a savepoint (canonical "
          "format) to change the state backend");
    }
    if (!states_.empty()) return Internal("Incremental RocksDB state must be restored before states are used");
    return rocksdb_->restoreIncremental(handles, fs, reuse_files);
  }
  void notifyCheckpointComplete(int64_t checkpoint_id) override {
    if (rocksdb_) rocksdb_->notifyCheckpointComplete(checkpoint_id);
  }

  // Where states with TTL read the time (Flink's TtlTimeProvider); the system clock unless
  // set. REQUIRES: no state with TTL created yet.
  void setTtlTimeProvider(TtlTimeProvider time) { ttl_time_ = std::move(time); }

  // A key outside this instance's key groups is a programming error (Flink's message).
  // Runs the incremental TTL cleanup of states configured to run it for every record.
  void setCurrentKey(const K& key) { setCurrentKeyAndKeyGroup(key, keyGroupOf(key)); }
  // setCurrentKey with the key's group already computed by keyGroupOf (Flink's
  // InternalKeyContext#setCurrentKeyAndKeyGroup), for operators that compute the key groups
  // of a batch's keys ahead, e.g. to prefetch their state.
  void setCurrentKeyAndKeyGroup(const K& key, int key_group) {
    if (!getKeyGroupRange().contains(key_group)) [[unlikely]] {
      throw std::logic_error(fmt::format(
          "Key group {} is not in {}. Unless you're directly using low level state access APIs, this is most "
          "likely caused by non-deterministic shuffle key (hashCode and equals implementation).",
          key_group, getKeyGroupRange().toString()));
    }
    context_.key = key;
    context_.key_group = key_group;
    current_key_group_ = key_group;
    for (HeapStateBase* state : cleanup_every_record_) state->cleanupIncrementally();
  }
  int keyGroupOf(const K& key) const {
    return KeyGroupRangeAssignment::computeKeyGroupForKeyHash(javaHashCode(key), getNumberOfKeyGroups());
  }
  const K& getCurrentKey() const { return context_.key; }

  // The state named by `descriptor` in namespace type N, created on first use. Asking again
  // with the same name and a different kind or type is a programming error. Restored state
  // taken with TTL cannot be read by a descriptor without it, nor the reverse
  // (std::runtime_error, as the other restore failures).
  template <typename N, typename D>
  auto* getPartitionedState(const D& descriptor) {
    using S = typename HeapStateFor<N, D>::type;
    const bool ttl = descriptor.getTtlConfig().isEnabled();
    return registeredState<S>(descriptor.getName(), ttl, [&]() -> std::unique_ptr<HeapStateBase> {
      return ttl ? createWithTtl<N>(descriptor) : create<N>(descriptor, false);
    });
  }

  // A heap state of the operator's own class S (a HeapStateBase without TTL, made by
  // make(key_group_range) on first use), named and snapshotted like the descriptors'
  // states and restored from a snapshot of the same name: for a layout the descriptors'
  // states do not offer (see InlineKeyValueState). REQUIRES: the heap backend.
  template <typename S, typename Make>
  S* getOrCreateHeapState(const std::string& name, Make&& make) {
    EDDY_CHECK(!rocksdb_);
    return registeredState<S>(name, false, [&]() -> std::unique_ptr<HeapStateBase> { return make(getKeyGroupRange()); });
  }

  // The synchronous part of a full snapshot. On the heap (Flink's HeapSnapshotStrategy):
  // O(key groups) per state, copy-on-write; states restored but not used since are carried
  // over unchanged; timers are read now. On RocksDB the whole snapshot is read now.
  Result<std::unique_ptr<KeyedSnapshotResources>> syncPrepareResources() const override {
    if (rocksdb_) [[unlikely]] {
      for (RocksDBStateBase* state : rocksdb_states_) state->flushPending();
      EDDY_ASSIGN_OR_RETURN(KeyedStateSnapshot out, rocksdb_->snapshot());
      for (StateSnapshot& part : out.states) {
        auto it = states_.find(part.name);
        if (it != states_.end()) EDDY_RETURN_IF_ERROR(it->second->filterExpired(part));
      }
      EDDY_RETURN_IF_ERROR(appendParticipantStates(out.states));
      std::sort(out.states.begin(), out.states.end(),
                [](const StateSnapshot& a, const StateSnapshot& b) { return a.name < b.name; });
      return std::unique_ptr<KeyedSnapshotResources>(std::make_unique<TakenSnapshotResources>(std::move(out)));
    }
    std::vector<HeapSnapshotResources::FrozenState> states;
    for (const auto& [name, state] : states_) {
      states.push_back({StateSnapshot{name, state->type(), {}, state->hasTtl()}, state->stateSnapshot(), state.get()});
    }
    std::vector<std::shared_ptr<const StateSnapshot>> carried;
    for (const auto& [name, part] : restored_) carried.push_back(part);
    std::vector<StateSnapshot> participants;
    EDDY_RETURN_IF_ERROR(appendParticipantStates(participants));
    return std::unique_ptr<KeyedSnapshotResources>(std::make_unique<HeapSnapshotResources>(
        getNumberOfKeyGroups(), std::move(states), std::move(carried), std::move(participants)));
  }

  // Takes the entries of `snapshot` in this instance's key groups. A state is loaded when
  // the operator first asks for it (its types are known only then); timer states wait for
  // their timer service. The snapshot's max parallelism must equal this backend's: it fixes
  // the key groups.
  Status restore(const KeyedStateSnapshot& snapshot) override {
    if (snapshot.max_parallelism != getNumberOfKeyGroups()) {
      return InvalidArgument(fmt::format(
          "Cannot restore keyed state taken with max parallelism {} into an operator with max parallelism {}",
          snapshot.max_parallelism, getNumberOfKeyGroups()));
    }
    KeyedStateSnapshot mine = snapshot.subset(getKeyGroupRange());
    KeyedStateSnapshot states;
    states.max_parallelism = mine.max_parallelism;
    for (StateSnapshot& state : mine.states) {
      if (isParticipantState(state.name)) {
        restoreParticipantState(state);
      } else if (rocksdb_) [[unlikely]] {
        states.states.push_back(std::move(state));
      } else {
        std::string name = state.name;
        restored_[name] = std::make_shared<const StateSnapshot>(std::move(state));
      }
    }
    if (rocksdb_) [[unlikely]] return rocksdb_->restore(states);
    return Status::OK();
  }

  // Number of (key, namespace) entries of the named state, 0 if there is no such state.
  size_t numEntries(const std::string& name) const {
    auto it = states_.find(name);
    return it == states_.end() ? 0 : it->second->numEntries();
  }

 private:
  template <typename N, typename D>
  struct HeapStateFor;
  template <typename N, typename V>
  struct HeapStateFor<N, ValueStateDescriptor<V>> { using type = HeapValueState<K, N, V>; };
  template <typename N, typename V>
  struct HeapStateFor<N, ListStateDescriptor<V>> { using type = HeapListState<K, N, V>; };
  template <typename N, typename UK, typename UV>
  struct HeapStateFor<N, MapStateDescriptor<UK, UV>> { using type = HeapMapState<K, N, UK, UV>; };
  template <typename N, typename V>
  struct HeapStateFor<N, ReducingStateDescriptor<V>> { using type = HeapReducingState<K, N, V>; };
  template <typename N, typename IN, typename ACC, typename OUT>
  struct HeapStateFor<N, AggregatingStateDescriptor<IN, ACC, OUT>> {
    using type = HeapAggregatingState<K, N, IN, ACC, OUT>;
  };

  // The state registered as `name`, of class S: on first use made by create() and restored
  // from the snapshot of that name, which must agree on `ttl`.
  template <typename S, typename Create>
  S* registeredState(const std::string& name, bool ttl, Create&& create) {
    auto it = states_.find(name);
    if (it == states_.end()) {
      auto restored = restored_.find(name);
      if (restored != restored_.end() && restored->second->ttl != ttl) {
        throw std::runtime_error(stateMigrationError(name, restored->second->ttl, ttl).message());
      }
      std::unique_ptr<HeapStateBase> created = create();
      if (restored != restored_.end()) {
        Status status = created->restore(*restored->second);
        if (!status.ok()) throw std::runtime_error(status.message());
        restored_.erase(restored);
      }
      if (created->cleansUpForEveryRecord()) cleanup_every_record_.push_back(created.get());
      it = states_.emplace(name, std::move(created)).first;
    }
    auto* state = dynamic_cast<S*>(it->second.get());
    if (!state) throw std::logic_error("State '" + name + "' was registered before with a different kind or type");
    return state;
  }

  // `ttl_values`: the state holds the TtlValues of a TTL state (createWithTtl).
  template <typename N, typename D>
  std::unique_ptr<HeapStateBase> create(const D& descriptor, bool ttl_values) {
    using S = typename HeapStateFor<N, D>::type;
    if (rocksdb_) [[unlikely]] return createInRocksDB<N>(descriptor, ttl_values);
    if constexpr (std::is_base_of_v<StateDescriptorBase, D> && requires { descriptor.getReduceFunction(); }) {
      return std::make_unique<S>(&context_, getKeyGroupRange(), descriptor.getReduceFunction());
    } else if constexpr (requires { descriptor.getAggregateFunction(); }) {
      return std::make_unique<S>(&context_, getKeyGroupRange(), descriptor.getAggregateFunction());
    } else {
      return std::make_unique<S>(&context_, getKeyGroupRange());
    }
  }

  template <typename N, typename D>
  struct RocksDBStateFor;
  template <typename N, typename V>
  struct RocksDBStateFor<N, ValueStateDescriptor<V>> {
    using type = RocksDBValueState<K, N, V>;
    static constexpr bool kSerializable = types::kHasTypeSerializer<V>;
  };
  template <typename N, typename V>
  struct RocksDBStateFor<N, ListStateDescriptor<V>> {
    using type = RocksDBListState<K, N, V>;
    static constexpr bool kSerializable = types::kHasTypeSerializer<V>;
  };
  template <typename N, typename UK, typename UV>
  struct RocksDBStateFor<N, MapStateDescriptor<UK, UV>> {
    using type = RocksDBMapState<K, N, UK, UV>;
    static constexpr bool kSerializable = types::kHasTypeSerializer<UK> && types::kHasTypeSerializer<UV>;
  };
  template <typename N, typename V>
  struct RocksDBStateFor<N, ReducingStateDescriptor<V>> {
    using type = RocksDBReducingState<K, N, V>;
    static constexpr bool kSerializable = types::kHasTypeSerializer<V>;
  };
  template <typename N, typename IN, typename ACC, typename OUT>
  struct RocksDBStateFor<N, AggregatingStateDescriptor<IN, ACC, OUT>> {
    using type = RocksDBAggregatingState<K, N, IN, ACC, OUT>;
    static constexpr bool kSerializable = types::kHasTypeSerializer<ACC>;
  };

  // A state with TTL (Flink's TtlStateFactory): the decorator of its kind over a state of
  // TtlValues on this backend, in the state class operators know.
  template <typename N, typename D>
  std::unique_ptr<HeapStateBase> createWithTtl(const D& descriptor) {
    using S = typename HeapStateFor<N, D>::type;
    TtlDecorator ttl(descriptor.getTtlConfig(), ttl_time_);
    auto inner_descriptor = ttlInnerDescriptor(descriptor, ttl);
    using Inner = typename HeapStateFor<N, decltype(inner_descriptor)>::type;
    std::unique_ptr<Inner> inner(static_cast<Inner*>(create<N>(inner_descriptor, true).release()));
    if (rocksdb_ && descriptor.getTtlConfig().inRocksdbCompactFilter()) [[unlikely]] {
      Result<int> column_family = rocksdb_->store().columnFamily(descriptor.getName());
      if (!column_family.ok()) throw std::runtime_error(column_family.status().message());
      rocksdb_->store().setTtlCompactionFilter(*column_family, ttlCompactionFilter(descriptor, ttl));
    }
    if constexpr (requires { descriptor.getAggregateFunction(); }) {
      return std::make_unique<S>(
          std::make_unique<typename S::TtlState>(std::move(inner), descriptor.getAggregateFunction(), std::move(ttl)));
    } else {
      return std::make_unique<S>(std::make_unique<typename S::TtlState>(std::move(inner), std::move(ttl)));
    }
  }

  // The RocksDB state behind the descriptor, in a column family named after it, wrapped
  // in the state class operators know. RocksDB keeps bytes only: every type needs a
  // TypeSerializer (as in Flink, where every state has a serializer).
  template <typename N, typename D>
  std::unique_ptr<HeapStateBase> createInRocksDB(const D& descriptor, bool ttl_values) {
    using R = RocksDBStateFor<N, D>;
    using S = typename HeapStateFor<N, D>::type;
    if constexpr (!(R::kSerializable && kKeyAndNamespaceSerializable<K, N>)) {
      throw std::runtime_error(fmt::format(
          "State '{}' cannot be kept in RocksDB: its key, namespace or value type has no TypeSerializer",
          descriptor.getName()));
    } else {
      Result<int> column_family = rocksdb_->registerState(descriptor.getName(), descriptor.getType(), ttl_values);
      if (!column_family.ok()) throw std::runtime_error(column_family.status().message());
      rocksdb_context_.store = &rocksdb_->store();  // restoreIncremental may have replaced it
      std::unique_ptr<typename R::type> state;
      if constexpr (requires { descriptor.getReduceFunction(); }) {
        state = std::make_unique<typename R::type>(&rocksdb_context_, *column_family, descriptor.getReduceFunction());
      } else if constexpr (requires { descriptor.getAggregateFunction(); }) {
        state = std::make_unique<typename R::type>(&rocksdb_context_, *column_family, descriptor.getAggregateFunction());
      } else {
        state = std::make_unique<typename R::type>(&rocksdb_context_, *column_family);
      }
      rocksdb_states_.push_back(state.get());
      return std::make_unique<S>(std::move(state));
    }
  }

  KeyContext<K> context_;
  absl::flat_hash_map<std::string, std::unique_ptr<HeapStateBase>> states_;
  TtlTimeProvider ttl_time_;
  std::vector<HeapStateBase*> cleanup_every_record_;
  // Restored states not used yet, shared with the snapshots that carry them over.
  absl::flat_hash_map<std::string, std::shared_ptr<const StateSnapshot>> restored_;
  // RocksDB backend only: the instance, what its states share, and the states themselves
  // (flushed before snapshots).
  std::unique_ptr<RocksDBInstance> rocksdb_;
  RocksDBStateContext<K> rocksdb_context_;
  std::vector<RocksDBStateBase*> rocksdb_states_;
  bool incremental_ = false;
};

}  // namespace eddy::state
