#include <fmt/format.h>

#include "eddy/state/rocksdb/rocksdb_key_layout.h"
#include "eddy/state/rocksdb/rocksdb_state_base.h"

namespace eddy::state {
namespace {

int32_t readTrailingInt(std::string_view bytes) {
  uint32_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int32_t>(v);
}

}  // namespace

bool RocksDBKeyLayout::split(std::string_view bytes, int prefix_bytes, Parts& parts) {
  constexpr size_t kLengths = 2 * sizeof(int32_t);
  if (bytes.size() < static_cast<size_t>(prefix_bytes) + kLengths) return false;
  int32_t key_length = readTrailingInt(bytes.substr(bytes.size() - kLengths, 4));
  int32_t ns_length = readTrailingInt(bytes.substr(bytes.size() - 4, 4));
  size_t body = bytes.size() - kLengths - prefix_bytes;
  if (key_length < 0 || ns_length < 0 || static_cast<size_t>(key_length) + ns_length > body) return false;
  parts.key_group = readKeyGroupPrefix(bytes, prefix_bytes);
  parts.key = bytes.substr(prefix_bytes, key_length);
  parts.ns = bytes.substr(prefix_bytes + key_length, ns_length);
  parts.user_key = bytes.substr(prefix_bytes + key_length + ns_length, body - key_length - ns_length);
  return true;
}

Status snapshotColumnFamily(RocksDBStateStore& store, int column_family, int prefix_bytes, const KeyGroupRange& range,
                            StateSnapshot& out) {
  types::DataOutputSerializer scratch;
  RocksDBStateStore::Cursor cursor = store.cursor(column_family);
  for (cursor.seek(RocksDBKeyLayout::keyGroupStart(range.start, prefix_bytes, scratch)); cursor.valid(); cursor.next()) {
    RocksDBKeyLayout::Parts parts;
    if (!RocksDBKeyLayout::split(cursor.key(), prefix_bytes, parts)) {
      return Corruption(fmt::format("State '{}' in RocksDB has a malformed key", out.name));
    }
    if (parts.key_group > range.end) break;
    out.key_groups[parts.key_group].push_back(StateEntry{std::string(parts.key), std::string(parts.ns),
                                                         std::string(parts.user_key), std::string(cursor.value())});
  }
  return Status::OK();
}

Status restoreColumnFamily(RocksDBStateStore& store, int column_family, int prefix_bytes, const KeyGroupRange& range,
                           const StateSnapshot& in) {
  types::DataOutputSerializer key;
  for (const auto& [key_group, entries] : in.key_groups) {
    if (!range.contains(key_group)) continue;
    for (const StateEntry& entry : entries) {
      key.clear();
      RocksDBKeyLayout::writeKeyGroupPrefix(key_group, prefix_bytes, key);
      key.write(entry.key);
      key.write(entry.ns);
      key.write(entry.user_key);
      key.writeInt(static_cast<int32_t>(entry.key.size()));
      key.writeInt(static_cast<int32_t>(entry.ns.size()));
      store.put(column_family, key.data(), entry.value);
    }
  }
  return Status::OK();
}

size_t RocksDBStateBase::numEntries() {
  flushPending();
  size_t n = 0;
  std::string last;  // (key group, key, namespace) of the previous entry: map entries count once
  RocksDBStateStore::Cursor cursor = store_->cursor(column_family_);
  for (cursor.seekToFirst(); cursor.valid(); cursor.next()) {
    RocksDBKeyLayout::Parts parts;
    if (!RocksDBKeyLayout::split(cursor.key(), prefix_bytes_, parts)) continue;
    std::string_view head = cursor.key().substr(0, prefix_bytes_ + parts.key.size() + parts.ns.size());
    if (type_ == StateType::kMap && head == last) continue;
    last.assign(head);
    ++n;
  }
  return n;
}

Status RocksDBStateBase::snapshot(StateSnapshot& out) {
  flushPending();
  return snapshotColumnFamily(*store_, column_family_, prefix_bytes_, range_, out);
}

Status RocksDBStateBase::restore(const StateSnapshot& in) {
  return restoreColumnFamily(*store_, column_family_, prefix_bytes_, range_, in);
}

}  // namespace eddy::state
