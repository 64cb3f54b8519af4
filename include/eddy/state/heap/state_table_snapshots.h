#pragma once

#include <fmt/format.h>

#include <memory>
#include <string>
#include <utility>

#include "eddy/state/heap/heap_state_base.h"
#include "eddy/state/heap/state_table.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/types/has_type_serializer.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// Turns heap state tables into canonical snapshot entries and back. Values are written
// through `encode(value, out_bytes) -> bool` (false: nothing to write, e.g. an empty
// optional) and read through `decode(bytes, value) -> Status`, so that each state kind
// chooses its canonical value (a reducing state writes the value, not an optional of it).

template <typename K, typename N>
inline constexpr bool kKeyAndNamespaceSerializable = types::kHasTypeSerializer<K> && types::kHasTypeSerializer<N>;

inline Status notSerializable(const StateSnapshot& state) {
  return NotSupported(fmt::format(
      "State '{}' cannot be snapshotted: its key, namespace or value type has no TypeSerializer", state.name));
}

template <typename K, typename N, typename V, typename Encode>
Status snapshotTable(const StateTableSnapshot<K, N, V>& table, StateSnapshot& out, Encode&& encode) {
  table.forEach([&](int key_group, const K& key, const N& ns, const V& value) {
    StateEntry entry;
    if (!encode(value, entry.value)) return;
    entry.key = types::serializeToBytes(key);
    entry.ns = types::serializeToBytes(ns);
    out.key_groups[key_group].push_back(std::move(entry));
  });
  return Status::OK();
}

// The HeapStateSnapshot of a StateTable: `write(table_snapshot, out) -> Status` writes the
// entries in canonical form.
template <typename K, typename N, typename V, typename Write>
class HeapTableSnapshot final : public HeapStateSnapshot {
 public:
  HeapTableSnapshot(StateTableSnapshot<K, N, V> table, Write write)
      : table_(std::move(table)), write_(std::move(write)) {}
  Status writeTo(StateSnapshot& out) const override { return write_(table_, out); }

 private:
  StateTableSnapshot<K, N, V> table_;
  Write write_;
};

template <typename K, typename N, typename V, typename Write>
std::unique_ptr<HeapStateSnapshot> makeHeapTableSnapshot(const StateTable<K, N, V>& table, Write write) {
  return std::make_unique<HeapTableSnapshot<K, N, V, Write>>(table.stateSnapshot(), std::move(write));
}

// The snapshot of a table whose values are written by `encode` (see above).
template <typename K, typename N, typename V, typename Encode>
std::unique_ptr<HeapStateSnapshot> encodedTableSnapshot(const StateTable<K, N, V>& table, Encode encode) {
  return makeHeapTableSnapshot(
      table, [encode = std::move(encode)](const StateTableSnapshot<K, N, V>& snapshot, StateSnapshot& out) {
        return snapshotTable(snapshot, out, encode);
      });
}

// The snapshot of a state whose key, namespace or value type has no TypeSerializer: writing
// it fails.
class NotSerializableSnapshot final : public HeapStateSnapshot {
 public:
  Status writeTo(StateSnapshot& out) const override { return notSerializable(out); }
};

template <typename K, typename N, typename V, typename Decode>
Status restoreTable(StateTable<K, N, V>& table, const StateSnapshot& in, Decode&& decode) {
  for (const auto& [key_group, entries] : in.key_groups) {
    if (!table.range().contains(key_group)) continue;
    for (const StateEntry& entry : entries) {
      EDDY_ASSIGN_OR_RETURN(K key, types::deserializeFromBytes<K>(entry.key));
      EDDY_ASSIGN_OR_RETURN(N ns, types::deserializeFromBytes<N>(entry.ns));
      V value{};
      EDDY_RETURN_IF_ERROR(decode(entry.value, value));
      table.putEntry(key_group, std::move(key), std::move(ns), std::move(value));
    }
  }
  return Status::OK();
}

// The canonical value of a table holding V: V itself.
template <typename V>
auto plainEncode() {
  return [](const V& value, std::string& bytes) {
    bytes = types::serializeToBytes(value);
    return true;
  };
}
template <typename V>
auto plainDecode() {
  return [](const std::string& bytes, V& value) -> Status {
    EDDY_ASSIGN_OR_RETURN(value, types::deserializeFromBytes<V>(bytes));
    return Status::OK();
  };
}

// The canonical value of a table holding std::optional<V>: the V, if any.
template <typename V>
auto optionalEncode() {
  return [](const std::optional<V>& value, std::string& bytes) {
    if (!value) return false;
    bytes = types::serializeToBytes(*value);
    return true;
  };
}
template <typename V>
auto optionalDecode() {
  return [](const std::string& bytes, std::optional<V>& value) -> Status {
    EDDY_ASSIGN_OR_RETURN(V v, types::deserializeFromBytes<V>(bytes));
    value = std::move(v);
    return Status::OK();
  };
}

}  // namespace eddy::state
