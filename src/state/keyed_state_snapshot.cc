#include "eddy/state/keyed_state_snapshot.h"

#include <fmt/format.h>

namespace eddy::state {

namespace {

// Version 2 added a flags byte after each state's type (bit 0: TTL); version 1 is still read.
constexpr int32_t kFormatVersion = 2;
constexpr int8_t kTtlFlag = 1;

void writeBytes(const std::string& bytes, types::DataOutputSerializer& out) {
  out.writeInt(static_cast<int32_t>(bytes.size()));
  out.write(bytes);
}

Status readBytes(types::DataInputDeserializer& in, std::string& bytes) {
  int32_t size = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(size));
  if (size < 0) return Corruption(fmt::format("negative length {} in a keyed state snapshot", size));
  return in.readFully(static_cast<size_t>(size), bytes);
}

}  // namespace

KeyedStateSnapshot KeyedStateSnapshot::subset(const KeyGroupRange& range) const {
  KeyedStateSnapshot out;
  out.max_parallelism = max_parallelism;
  for (const StateSnapshot& state : states) {
    StateSnapshot part{state.name, state.type, {}, state.ttl};
    for (const auto& [key_group, entries] : state.key_groups) {
      if (range.contains(key_group)) part.key_groups.emplace(key_group, entries);
    }
    out.states.push_back(std::move(part));
  }
  return out;
}

void KeyedStateSnapshot::merge(const KeyedStateSnapshot& other) {
  if (max_parallelism == 0) max_parallelism = other.max_parallelism;
  for (const StateSnapshot& state : other.states) {
    auto it = std::find_if(states.begin(), states.end(), [&](const StateSnapshot& s) { return s.name == state.name; });
    if (it == states.end()) {
      states.push_back(state);
      continue;
    }
    for (const auto& [key_group, entries] : state.key_groups) {
      auto& target = it->key_groups[key_group];
      target.insert(target.end(), entries.begin(), entries.end());
    }
  }
}

void KeyedStateSnapshot::writeTo(types::DataOutputSerializer& out) const {
  out.writeInt(kFormatVersion);
  out.writeInt(max_parallelism);
  out.writeInt(static_cast<int32_t>(states.size()));
  for (const StateSnapshot& state : states) {
    writeBytes(state.name, out);
    out.writeByte(static_cast<int8_t>(state.type));
    out.writeByte(state.ttl ? kTtlFlag : 0);
    out.writeInt(static_cast<int32_t>(state.key_groups.size()));
    for (const auto& [key_group, entries] : state.key_groups) {
      out.writeInt(key_group);
      out.writeInt(static_cast<int32_t>(entries.size()));
      for (const StateEntry& e : entries) {
        writeBytes(e.key, out);
        writeBytes(e.ns, out);
        writeBytes(e.user_key, out);
        writeBytes(e.value, out);
      }
    }
  }
}

Result<KeyedStateSnapshot> KeyedStateSnapshot::readFrom(types::DataInputDeserializer& in) {
  int32_t version = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(version));
  if (version != 1 && version != kFormatVersion) {
    return Corruption(fmt::format("unknown keyed state snapshot version {} (expected {})", version, kFormatVersion));
  }
  KeyedStateSnapshot snapshot;
  int32_t num_states = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(snapshot.max_parallelism));
  EDDY_RETURN_IF_ERROR(in.readInt(num_states));
  for (int32_t s = 0; s < num_states; ++s) {
    StateSnapshot state;
    EDDY_RETURN_IF_ERROR(readBytes(in, state.name));
    int8_t type = 0;
    EDDY_RETURN_IF_ERROR(in.readByte(type));
    if (type < 0 || type > static_cast<int8_t>(StateType::kAggregating)) {
      return Corruption(fmt::format("unknown state type {} for state '{}'", type, state.name));
    }
    state.type = static_cast<StateType>(type);
    if (version >= 2) {
      int8_t flags = 0;
      EDDY_RETURN_IF_ERROR(in.readByte(flags));
      state.ttl = (flags & kTtlFlag) != 0;
    }
    int32_t num_groups = 0;
    EDDY_RETURN_IF_ERROR(in.readInt(num_groups));
    for (int32_t g = 0; g < num_groups; ++g) {
      int32_t key_group = 0, num_entries = 0;
      EDDY_RETURN_IF_ERROR(in.readInt(key_group));
      EDDY_RETURN_IF_ERROR(in.readInt(num_entries));
      auto& entries = state.key_groups[key_group];
      for (int32_t e = 0; e < num_entries; ++e) {
        StateEntry entry;
        EDDY_RETURN_IF_ERROR(readBytes(in, entry.key));
        EDDY_RETURN_IF_ERROR(readBytes(in, entry.ns));
        EDDY_RETURN_IF_ERROR(readBytes(in, entry.user_key));
        EDDY_RETURN_IF_ERROR(readBytes(in, entry.value));
        entries.push_back(std::move(entry));
      }
    }
    snapshot.states.push_back(std::move(state));
  }
  return snapshot;
}

}  // namespace eddy::state
