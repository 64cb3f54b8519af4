#pragma once

#include <fmt/format.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <utility>
#include <vector>

#include "eddy/state/broadcast_state.h"
#include "eddy/state/operator_state_snapshot.h"
#include "eddy/state/state.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// The operator (non-keyed) list state of one operator instance (Flink's
// PartitionableListState): one list, whatever the key of the record being processed.
template <typename T>
class PartitionableListState final : public ListState<T> {
 public:
  const std::vector<T>& get() override { return values_; }
  void add(const T& value) override { values_.push_back(value); }
  void addAll(const std::vector<T>& values) override { values_.insert(values_.end(), values.begin(), values.end()); }
  void update(const std::vector<T>& values) override { values_ = values; }
  void clear() override { values_.clear(); }

 private:
  std::vector<T> values_;
};

// The managed operator state of one operator instance (Flink's OperatorStateStore, kept on
// the heap as its DefaultOperatorStateBackend): named list states, union list states and
// broadcast states, each asked for by a descriptor. A state restored from a checkpoint is
// deserialized when it is first asked for; one nobody asks for is kept as it was and goes
// into the next checkpoint unchanged. Not thread-safe: used only from its task's thread
// (and by the deploying thread before the task starts).
class OperatorStateStore {
 public:
  OperatorStateStore() = default;
  // A store with the states restored for this instance.
  explicit OperatorStateStore(std::vector<OperatorStateSnapshot> restored);
  OperatorStateStore(const OperatorStateStore&) = delete;
  OperatorStateStore& operator=(const OperatorStateStore&) = delete;

  // A list state whose elements are split evenly over the instances on restore.
  template <typename T>
  ListState<T>* getListState(const ListStateDescriptor<T>& descriptor) {
    return listState<T>(descriptor.getName(), OperatorStateDistributionMode::SPLIT_DISTRIBUTE);
  }
  // A list state of which every instance gets the elements of all instances on restore.
  template <typename T>
  ListState<T>* getUnionListState(const ListStateDescriptor<T>& descriptor) {
    return listState<T>(descriptor.getName(), OperatorStateDistributionMode::UNION);
  }
  // A map that every instance holds a copy of (broadcast state).
  template <typename K, typename V>
  BroadcastState<K, V>* getBroadcastState(const MapStateDescriptor<K, V>& descriptor) {
    return registered<BroadcastState<K, V>>(
        descriptor.getName(), OperatorStateDistributionMode::BROADCAST,
        [](BroadcastState<K, V>& state, const std::string& bytes) {
          auto entry = types::deserializeFromBytes<std::pair<K, V>>(bytes);
          if (!entry.ok()) return entry.status();
          state.put(entry->first, entry->second);
          return Status::OK();
        },
        [](BroadcastState<K, V>& state) {
          std::vector<std::string> elements;
          for (const auto& [key, value] : state.immutableEntries()) {
            elements.push_back(types::serializeToBytes(std::pair<K, V>(key, value)));
          }
          return elements;
        });
  }

  // The broadcast state `descriptor` names if it was registered before, else nullptr.
  template <typename K, typename V>
  BroadcastState<K, V>* findBroadcastState(const MapStateDescriptor<K, V>& descriptor) {
    if (!registered_.contains(descriptor.getName())) return nullptr;
    return getBroadcastState(descriptor);
  }

  // The names of the list and union list states, registered or restored.
  std::set<std::string> getRegisteredStateNames() const { return namesOf(false); }
  // The names of the broadcast states, registered or restored.
  std::set<std::string> getRegisteredBroadcastStateNames() const { return namesOf(true); }

  // Every state for a checkpoint, by name.
  std::vector<OperatorStateSnapshot> snapshot();

 private:
  // A registered state of any type, with how to serialize its elements.
  class RegisteredState {
   public:
    RegisteredState(OperatorStateDistributionMode mode, std::type_index type) : mode_(mode), type_(type) {}
    virtual ~RegisteredState() = default;
    virtual std::vector<std::string> elements() = 0;
    OperatorStateDistributionMode mode() const { return mode_; }
    std::type_index type() const { return type_; }

   private:
    OperatorStateDistributionMode mode_;
    std::type_index type_;
  };

  template <typename S>
  class TypedState final : public RegisteredState {
   public:
    using Serialize = std::vector<std::string> (*)(S&);
    TypedState(OperatorStateDistributionMode mode, Serialize serialize)
        : RegisteredState(mode, typeid(S)), serialize_(serialize) {}
    std::vector<std::string> elements() override { return serialize_(state_); }
    S& state() { return state_; }

   private:
    S state_;
    Serialize serialize_;
  };

  template <typename T>
  ListState<T>* listState(const std::string& name, OperatorStateDistributionMode mode) {
    return registered<PartitionableListState<T>>(
        name, mode,
        [](PartitionableListState<T>& state, const std::string& bytes) {
          auto value = types::deserializeFromBytes<T>(bytes);
          if (!value.ok()) return value.status();
          state.add(*value);
          return Status::OK();
        },
        [](PartitionableListState<T>& state) {
          std::vector<std::string> elements;
          for (const T& value : state.get()) elements.push_back(types::serializeToBytes(value));
          return elements;
        });
  }

  // The state `name` of type S: the one registered before, or a new one filled from the
  // restored elements. Throws std::logic_error when `name` is registered with another type
  // or mode (a programming error, as Flink's checks), std::runtime_error when the restored
  // elements cannot be read (inside the user function's initializeState, which fails the
  // job naming the operator).
  template <typename S>
  S* registered(const std::string& name, OperatorStateDistributionMode mode, Status (*deserialize)(S&, const std::string&),
                typename TypedState<S>::Serialize serialize) {
    auto it = registered_.find(name);
    if (it != registered_.end()) {
      checkCompatible(name, *it->second, mode, typeid(S));
      return &static_cast<TypedState<S>&>(*it->second).state();
    }
    auto state = std::make_unique<TypedState<S>>(mode, serialize);
    if (auto restored = restored_.find(name); restored != restored_.end()) {
      checkRestoredMode(name, restored->second.mode, mode);
      for (const std::string& element : restored->second.elements) {
        Status status = deserialize(state->state(), element);
        if (!status.ok()) {
          throw std::runtime_error(fmt::format("Could not restore operator state '{}': {}", name, status.message()));
        }
      }
      restored_.erase(restored);
    }
    S* out = &state->state();
    registered_.emplace(name, std::move(state));
    return out;
  }

  static void checkCompatible(const std::string& name, const RegisteredState& state, OperatorStateDistributionMode mode,
                              std::type_index type);
  static void checkRestoredMode(const std::string& name, OperatorStateDistributionMode restored,
                                OperatorStateDistributionMode requested);
  std::set<std::string> namesOf(bool broadcast) const;

  std::map<std::string, std::unique_ptr<RegisteredState>> registered_;
  std::map<std::string, OperatorStateSnapshot> restored_;
};

// Registers one broadcast state in a store. broadcast(descriptors...) hands one per
// descriptor to the operator of the connection, which registers them all when it opens, so
// that every state is in every checkpoint (as Flink's CoBroadcastWith*Operator).
using BroadcastStateRegistration = std::function<void(OperatorStateStore&)>;

}  // namespace eddy::state
