#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/state/rocksdb/rocksdb_state_base.h"

namespace eddy::state {

// MapState in RocksDB (Flink's RocksDBMapState): one RocksDB entry per user key, under
// (key, namespace, user key); the map of a key is the range of keys with the prefix
// (key group, key, namespace), read by iteration in user-key byte order.
template <typename K, typename N, typename UK, typename UV>
class RocksDBMapState final : public RocksDBKvStateBase<K, N> {
 public:
  RocksDBMapState(RocksDBStateContext<K>* context, int column_family)
      : RocksDBKvStateBase<K, N>(context, column_family, StateType::kMap) {}

  void setCurrentNamespace(const N& ns) { ns_ = ns; }
  std::optional<UV> get(const UK& user_key) {
    UV value{};
    return this->read(userKeyOf(user_key), value) ? std::optional<UV>(std::move(value)) : std::nullopt;
  }
  void put(const UK& user_key, const UV& value) {
    std::string_view key = userKeyOf(user_key);
    this->store_->put(this->column_family_, key, this->valueOf(value));
  }
  void putAll(const std::vector<std::pair<UK, UV>>& entries) {
    for (const auto& [k, v] : entries) put(k, v);
  }
  void remove(const UK& user_key) { this->store_->remove(this->column_family_, userKeyOf(user_key)); }
  bool contains(const UK& user_key) {
    return this->store_->get(this->column_family_, userKeyOf(user_key), this->context_->read_value);
  }
  bool isEmpty() {
    bool empty = true;
    forEachEntry([&](std::string_view, std::string_view) {
      empty = false;
      return false;
    });
    return empty;
  }
  std::vector<std::pair<UK, UV>> entries() {
    std::vector<std::pair<UK, UV>> out;
    forEachEntry([&](std::string_view user_key, std::string_view value) {
      out.emplace_back(decode<UK>(user_key), decode<UV>(value));
      return true;
    });
    return out;
  }
  std::vector<UK> keys() {
    std::vector<UK> out;
    forEachEntry([&](std::string_view user_key, std::string_view) {
      out.push_back(decode<UK>(user_key));
      return true;
    });
    return out;
  }
  std::vector<UV> values() {
    std::vector<UV> out;
    forEachEntry([&](std::string_view, std::string_view value) {
      out.push_back(decode<UV>(value));
      return true;
    });
    return out;
  }
  // Deletes every entry of the current key and namespace, as Flink's clear() does.
  void clear() {
    std::vector<std::string> doomed;
    forEachKey([&](std::string_view key) { doomed.emplace_back(key); });
    for (const std::string& key : doomed) this->store_->remove(this->column_family_, key);
  }

 private:
  std::string_view userKeyOf(const UK& user_key) {
    this->startKey(ns_);
    serializeForRocksDB(user_key, this->context_->key_bytes);
    return this->finishKey();
  }

  template <typename T>
  static T decode(std::string_view bytes) {
    types::DataInputDeserializer in(bytes);
    T value{};
    deserializeFromRocksDB(in, value);
    return value;
  }

  // Calls fn(full RocksDB key) for every entry of the current key and namespace.
  template <typename F>
  void forEachKey(F&& fn) {
    forEachRaw([&](std::string_view key, std::string_view) {
      fn(key);
      return true;
    });
  }
  // Calls fn(user key bytes, value bytes) until it returns false.
  template <typename F>
  void forEachEntry(F&& fn) {
    forEachRaw([&](std::string_view key, std::string_view value) {
      RocksDBKeyLayout::Parts parts;
      if (!RocksDBKeyLayout::split(key, this->prefix_bytes_, parts)) {
        throw std::runtime_error("Error while iterating map state in RocksDB: malformed key");
      }
      return fn(parts.user_key, value);
    });
  }
  template <typename F>
  void forEachRaw(F&& fn) {
    this->startKey(ns_);
    prefix_.assign(this->context_->key_bytes.data());
    RocksDBStateStore::Cursor cursor = this->store_->cursor(this->column_family_);
    for (cursor.seek(prefix_); cursor.valid() && cursor.key().starts_with(prefix_); cursor.next()) {
      if (!fn(cursor.key(), cursor.value())) return;
    }
  }

  N ns_{};
  std::string prefix_;
};

}  // namespace eddy::state
