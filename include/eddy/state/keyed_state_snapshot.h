#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::state {

// One (key, namespace[, user key]) → value of a state, each part serialized with its type's
// TypeSerializer. Map state has one entry per user key, so that a backend that stores map
// entries separately (RocksDB) restores them without reshaping.
struct StateEntry {
  std::string key;
  std::string ns;
  std::string user_key;  // map state only
  std::string value;
  bool operator==(const StateEntry&) const = default;
};

// The entries of one named state, by key group. A state with TTL (`ttl`) has TtlValue bytes
// (the last-access timestamp, then the value) as each value, list element or map value.
struct StateSnapshot {
  std::string name;
  StateType type = StateType::kValue;
  std::map<int, std::vector<StateEntry>> key_groups;
  bool ttl = false;
  bool operator==(const StateSnapshot&) const = default;
};

// The keyed state of one operator instance in Eddy's canonical, backend-independent form
// (the savepoint layout of DESIGN.md: key group → state name → entries). A snapshot taken
// at one parallelism restores at another: each instance takes the key groups of its range.
struct KeyedStateSnapshot {
  int max_parallelism = 0;
  std::vector<StateSnapshot> states;

  // The part of this snapshot within `range`.
  KeyedStateSnapshot subset(const KeyGroupRange& range) const;
  // Adds the states of `other` (another instance's part of the same operator).
  void merge(const KeyedStateSnapshot& other);

  void writeTo(types::DataOutputSerializer& out) const;
  static Result<KeyedStateSnapshot> readFrom(types::DataInputDeserializer& in);
  bool operator==(const KeyedStateSnapshot&) const = default;
};

}  // namespace eddy::state
