#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/state/ttl/abstract_ttl_state.h"

namespace eddy::state {

// MapState with TTL (Flink's TtlMapState): every entry carries its own last-access timestamp
// in `Inner`, a map state of UK → TtlValue<UV> on either backend. Reads of an entry (get,
// contains, and the iterations) remove it when it expired and refresh it with OnReadAndWrite;
// an expired entry is visible only with ReturnExpiredIfNotCleanedUp. Used from the task thread.
template <typename UK, typename UV, typename Inner>
class TtlMapState final : public AbstractTtlState<TtlMapState<UK, UV, Inner>, Inner> {
  using Base = AbstractTtlState<TtlMapState<UK, UV, Inner>, Inner>;

 public:
  using Base::Base;

  std::optional<UV> get(const UK& key) {
    this->accessed();
    return checked(key, this->inner_->get(key));
  }
  void put(const UK& key, const UV& value) {
    this->accessed();
    this->inner_->put(key, this->ttl_.wrapWithTs(value));
  }
  void putAll(const std::vector<std::pair<UK, UV>>& entries) {
    this->accessed();
    const int64_t now = this->ttl_.now();
    for (const auto& [k, v] : entries) this->inner_->put(k, TtlValue<UV>{v, now});
  }
  void remove(const UK& key) {
    this->accessed();
    this->inner_->remove(key);
  }
  bool contains(const UK& key) {
    this->accessed();
    return checked(key, this->inner_->get(key)).has_value();
  }
  bool isEmpty() {
    this->accessed();
    bool empty = true;
    forEachVisible([&](const UK&, UV&&) { empty = false; });
    return empty;
  }
  std::vector<std::pair<UK, UV>> entries() {
    this->accessed();
    std::vector<std::pair<UK, UV>> out;
    forEachVisible([&](const UK& k, UV&& v) { out.emplace_back(k, std::move(v)); });
    return out;
  }
  std::vector<UK> keys() {
    this->accessed();
    std::vector<UK> out;
    forEachVisible([&](const UK& k, UV&&) { out.push_back(k); });
    return out;
  }
  std::vector<UV> values() {
    this->accessed();
    std::vector<UV> out;
    forEachVisible([&](const UK&, UV&& v) { out.push_back(std::move(v)); });
    return out;
  }

  template <typename Map>
  static bool expireStored(Map& stored, int64_t ttl, int64_t now) {
    absl::erase_if(stored, [&](const auto& entry) { return ttlExpired(entry.second.last_access_timestamp, ttl, now); });
    return stored.empty();
  }

 private:
  std::optional<UV> checked(const UK& key, std::optional<TtlValue<UV>> value) {
    return this->ttl_.getWithTtlCheckAndUpdate(
        std::move(value), [&](const TtlValue<UV>& v) { this->inner_->put(key, v); },
        [&] { this->inner_->remove(key); });
  }
  // Calls fn(key, value) for each visible entry, removing expired and refreshing read ones.
  template <typename F>
  void forEachVisible(F&& fn) {
    for (auto& [key, value] : this->inner_->entries()) {
      std::optional<UV> visible = checked(key, std::move(value));
      if (visible) fn(key, std::move(*visible));
    }
  }
};

}  // namespace eddy::state
