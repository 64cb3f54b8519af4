#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// The bounds of the cache in front of a LookupFunction (Flink's DefaultLookupCache, built
// from the 'lookup.partial-cache.*' options). At least one of max_rows, expire_after_write
// and expire_after_access is set, as Flink's sanityCheck requires.
struct LookupCacheOptions {
  // Keys kept; when full, the least recently used key is evicted. Default: unbounded.
  std::optional<int64_t> max_rows;
  // A key is looked up again this long after it was cached. Default: never.
  std::optional<std::chrono::milliseconds> expire_after_write;
  // A key is looked up again when it was not read for this long. Default: never.
  std::optional<std::chrono::milliseconds> expire_after_access;
  // Whether a key without rows is cached too. Default: true.
  bool cache_missing_key = true;
};

// Flink's LookupOptions.LookupCacheType, the value of 'lookup.cache'.
enum class LookupCacheType { kNone, kPartial, kFull };

// The 'lookup.*' options of a table whose source is a LookupTableSource, with Flink's keys
// and defaults (org.apache.flink.table.connector.source.lookup.LookupOptions). A value.
struct LookupOptions {
  static constexpr const char* kCache = "lookup.cache";
  static constexpr const char* kMaxRetries = "lookup.max-retries";
  static constexpr const char* kPartialCacheMaxRows = "lookup.partial-cache.max-rows";
  static constexpr const char* kPartialCacheExpireAfterWrite = "lookup.partial-cache.expire-after-write";
  static constexpr const char* kPartialCacheExpireAfterAccess = "lookup.partial-cache.expire-after-access";
  static constexpr const char* kPartialCacheCacheMissingKey = "lookup.partial-cache.cache-missing-key";

  // 'lookup.cache'. Default: NONE.
  LookupCacheType cache = LookupCacheType::kNone;
  // The 'lookup.partial-cache.*' options; set exactly when cache is PARTIAL.
  std::optional<LookupCacheOptions> partial_cache;
  // 'lookup.max-retries': retries of a failed lookup. Default: 3.
  int max_retries = 3;

  // Reads the 'lookup.*' keys of `options` (others are ignored). InvalidArgument with Flink's
  // messages: "Could not parse value 'x' for key 'lookup.cache'.", a negative count, and
  // for PARTIAL without a bound "Missing 'lookup.partial-cache.expire-after-access',
  // 'lookup.partial-cache.expire-after-write' or 'lookup.partial-cache.max-rows' in the
  // configuration. …" (DefaultLookupCache#fromConfig).
  static Result<LookupOptions> fromTableOptions(const std::map<std::string, std::string>& options);

  // The keys above, for a factory's optionalOptions().
  static std::vector<std::string> optionKeys();
};

}  // namespace eddy::sql
