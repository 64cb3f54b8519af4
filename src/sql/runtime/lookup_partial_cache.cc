#include "sql/runtime/lookup_partial_cache.h"

#include <utility>

#include "eddy/common/check.h"

namespace eddy::sql {

LookupCache::LookupCache(LookupCacheOptions options) : options_(std::move(options)) {
  EDDY_CHECK(options_.max_rows || options_.expire_after_write || options_.expire_after_access);
}

bool LookupCache::expired(const Entry& entry, int64_t now_ms) const {
  // Guava: an entry is expired once the duration has fully elapsed.
  if (options_.expire_after_write && now_ms - entry.write_ms >= options_.expire_after_write->count()) return true;
  return options_.expire_after_access && now_ms - entry.access_ms >= options_.expire_after_access->count();
}

const types::ColumnBatch* LookupCache::getIfPresent(std::string_view encoded_key, int64_t now_ms) {
  auto it = entries_.find(encoded_key);
  if (it == entries_.end()) return nullptr;
  if (expired(it->second, now_ms)) {
    erase(it);
    return nullptr;
  }
  Entry& entry = it->second;
  entry.access_ms = now_ms;
  access_order_.splice(access_order_.begin(), access_order_, entry.access_position);
  return entry.rows.get();
}

void LookupCache::put(std::string_view encoded_key, std::shared_ptr<const types::ColumnBatch> rows, int64_t now_ms) {
  if (rows->size() == 0 && !options_.cache_missing_key) return;
  auto existing = entries_.find(encoded_key);
  if (existing != entries_.end()) erase(existing);
  auto [it, inserted] = entries_.emplace(std::string(encoded_key), Entry{std::move(rows), now_ms, now_ms, {}, {}});
  access_order_.push_front(&it->first);
  write_order_.push_front(&it->first);
  it->second.access_position = access_order_.begin();
  it->second.write_position = write_order_.begin();
  evict(now_ms);
}

void LookupCache::erase(Entries::iterator it) {
  access_order_.erase(it->second.access_position);
  write_order_.erase(it->second.write_position);
  entries_.erase(it);
}

void LookupCache::evict(int64_t now_ms) {
  // The oldest write and the least recent read are the first to expire.
  while (!write_order_.empty() && options_.expire_after_write) {
    auto it = entries_.find(*write_order_.back());
    if (!expired(it->second, now_ms)) break;
    erase(it);
  }
  while (!access_order_.empty() && options_.expire_after_access) {
    auto it = entries_.find(*access_order_.back());
    if (!expired(it->second, now_ms)) break;
    erase(it);
  }
  while (options_.max_rows && static_cast<int64_t>(entries_.size()) > *options_.max_rows) {
    erase(entries_.find(*access_order_.back()));
  }
}

}  // namespace eddy::sql
