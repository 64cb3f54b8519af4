#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "eddy/common/status.h"
#include "eddy/state/key_context.h"
#include "eddy/state/key_group_range.h"
#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/rocksdb/rocksdb_key_layout.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"
#include "eddy/state/state_descriptor.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "eddy/types/has_type_serializer.h"
#include "eddy/types/type_serializer.h"

namespace eddy::state {

// What the RocksDB states of one backend share: the store, the current key, and scratch
// buffers reused by every access so that reads and writes do not allocate once warm.
// Owned by the backend; used from its task's thread only.
template <typename K>
struct RocksDBStateContext {
  const KeyContext<K>* key_context = nullptr;
  RocksDBStateStore* store = nullptr;
  int prefix_bytes = 1;
  KeyGroupRange range;
  types::DataOutputSerializer key_bytes;
  types::DataOutputSerializer value_bytes;
  std::string read_value;
};

// The bytes of `value` for RocksDB. The backend refuses to create RocksDB state for types
// without a TypeSerializer, so the other branch is never taken.
template <typename T>
void serializeForRocksDB(const T& value, types::DataOutputSerializer& out) {
  if constexpr (types::kHasTypeSerializer<T>) {
    types::TypeSerializer<T>::serialize(value, out);
  } else {
    throw std::logic_error("RocksDB state of a type without TypeSerializer");
  }
}

// Reads a T from `in`; a value RocksDB gave back that does not parse is corrupted state.
template <typename T>
void deserializeFromRocksDB(types::DataInputDeserializer& in, T& value) {
  if constexpr (types::kHasTypeSerializer<T>) {
    Status status = types::TypeSerializer<T>::deserialize(in, value);
    if (!status.ok()) throw std::runtime_error("Error while deserializing state from RocksDB: " + status.message());
  } else {
    throw std::logic_error("RocksDB state of a type without TypeSerializer");
  }
}

// The part of a RocksDB state that does not depend on its types: its column family, and
// its snapshot and restore in canonical form (values in RocksDB are the canonical value
// bytes, keys split by RocksDBKeyLayout). Not thread-safe.
class RocksDBStateBase {
 public:
  RocksDBStateBase(RocksDBStateStore* store, int column_family, int prefix_bytes, KeyGroupRange range, StateType type)
      : store_(store), column_family_(column_family), prefix_bytes_(prefix_bytes), range_(range), type_(type) {}
  virtual ~RocksDBStateBase() = default;

  // Writes what an access left pending (value state's getOrCreate); before snapshots.
  virtual void flushPending() {}

  // Number of (key, namespace) entries.
  size_t numEntries();
  // Adds this state's entries, key group by key group, to `out`.
  Status snapshot(StateSnapshot& out);
  // Writes the entries of `in` that fall into this backend's key groups.
  Status restore(const StateSnapshot& in);

 protected:
  RocksDBStateStore* store_;
  int column_family_;
  int prefix_bytes_;
  KeyGroupRange range_;
  StateType type_;
};

// Canonical snapshots of a whole column family, for states not registered yet and for
// rescaling from RocksDB files. Entries outside `range` are skipped.
Status snapshotColumnFamily(RocksDBStateStore& store, int column_family, int prefix_bytes, const KeyGroupRange& range,
                            StateSnapshot& out);
Status restoreColumnFamily(RocksDBStateStore& store, int column_family, int prefix_bytes, const KeyGroupRange& range,
                           const StateSnapshot& in);

// Typed key building shared by the state kinds: the current key in a namespace, as
// RocksDBKeyLayout lays it out, in the context's reused buffer.
template <typename K, typename N>
class RocksDBKvStateBase : public RocksDBStateBase {
 public:
  RocksDBKvStateBase(RocksDBStateContext<K>* context, int column_family, StateType type)
      : RocksDBStateBase(context->store, column_family, context->prefix_bytes, context->range, type),
        context_(context) {}

 protected:
  // Writes prefix | key | namespace; finishKey() appends the lengths. Between the two, a
  // map state appends its user key.
  void startKey(const N& ns) {
    types::DataOutputSerializer& out = context_->key_bytes;
    out.clear();
    RocksDBKeyLayout::writeKeyGroupPrefix(context_->key_context->key_group, prefix_bytes_, out);
    size_t start = out.length();
    serializeForRocksDB(context_->key_context->key, out);
    key_length_ = static_cast<int32_t>(out.length() - start);
    serializeForRocksDB(ns, out);
    ns_length_ = static_cast<int32_t>(out.length() - start - key_length_);
  }
  std::string_view finishKey() {
    context_->key_bytes.writeInt(key_length_);
    context_->key_bytes.writeInt(ns_length_);
    return context_->key_bytes.data();
  }
  std::string_view keyOf(const N& ns) {
    startKey(ns);
    return finishKey();
  }
  // The value bytes of `value` in the context's reused buffer.
  template <typename T>
  std::string_view valueOf(const T& value) {
    context_->value_bytes.clear();
    serializeForRocksDB(value, context_->value_bytes);
    return context_->value_bytes.data();
  }
  // Reads the value of `key` into `value`; false if there is none.
  template <typename T>
  bool read(std::string_view key, T& value) {
    if (!store_->get(column_family_, key, context_->read_value)) return false;
    types::DataInputDeserializer in(context_->read_value);
    deserializeFromRocksDB(in, value);
    return true;
  }

  RocksDBStateContext<K>* context_;

 private:
  int32_t key_length_ = 0;
  int32_t ns_length_ = 0;
};

}  // namespace eddy::state
