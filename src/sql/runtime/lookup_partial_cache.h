#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "eddy/types/column_batch.h"
#include "sql/connectors/lookup_options.h"

namespace eddy::sql {

// The rows looked up for recently used keys, as Flink's DefaultLookupCache (a Guava cache of
// key → rows): at most max_rows keys, the least recently read evicted first; a key expires
// expire_after_write after it was put and expire_after_access after it was last read (both
// when set: whichever comes first). An empty result is cached only with cache_missing_key.
// Keys are the encoded lookup keys (sortable_codec.h). Time is passed in by the caller (the
// operator reads its clock once per chunk; tests pass their own), so expiry is testable
// without sleeping. Expired keys are dropped when read and, oldest first, on every put.
// One per task; not thread-safe (Flink shares one cache between the subtasks of a
// TaskManager; one per task keeps lookups free of locks).
class LookupCache {
 public:
  // REQUIRES: options has a bound (LookupOptions::fromTableOptions checks it).
  explicit LookupCache(LookupCacheOptions options);

  // The rows cached for `encoded_key` at `now_ms`, or null when the key is absent or expired.
  // A hit makes the key the most recently used and refreshes its access time. The batch stays
  // valid until the next put(). No allocation.
  const types::ColumnBatch* getIfPresent(std::string_view encoded_key, int64_t now_ms);
  // Caches `rows` (possibly empty) for `encoded_key` as written at `now_ms`, replacing an
  // earlier entry, then evicts expired keys and the least recently used keys beyond max_rows.
  void put(std::string_view encoded_key, std::shared_ptr<const types::ColumnBatch> rows, int64_t now_ms);

  // The keys cached, expired ones not yet dropped included (Guava's size()).
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const types::ColumnBatch> rows;
    int64_t write_ms = 0;
    int64_t access_ms = 0;
    // This entry's key in access_order_ and write_order_.
    std::list<const std::string*>::iterator access_position;
    std::list<const std::string*>::iterator write_position;
  };
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  using Entries = std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>>;

  bool expired(const Entry& entry, int64_t now_ms) const;
  void erase(Entries::iterator it);
  void evict(int64_t now_ms);

  LookupCacheOptions options_;
  Entries entries_;
  // Keys by last read (most recent first) and by put (newest first); the map owns the keys.
  std::list<const std::string*> access_order_;
  std::list<const std::string*> write_order_;
};

}  // namespace eddy::sql
