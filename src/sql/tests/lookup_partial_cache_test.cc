// The partial lookup cache (Flink's DefaultLookupCache semantics) with explicit times, and
// the 'lookup.*' options it is built from.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "eddy/types/data_types.h"
#include "sql/runtime/lookup_partial_cache.h"

namespace eddy::sql {
namespace {

using std::chrono::milliseconds;
using types::DataTypes;
using types::RowKind;
using types::Value;

std::shared_ptr<const types::ColumnBatch> rowsOf(std::vector<std::string> values) {
  auto batch = std::make_shared<types::ColumnBatch>(DataTypes::ROW({DataTypes::FIELD("v", DataTypes::STRING())}));
  for (std::string& value : values) EXPECT_TRUE(batch->appendRow(types::Row(RowKind::INSERT, {Value(std::move(value))})).ok());
  return batch;
}

// Cache options with the given bounds (0 for none).
LookupCacheOptions bounds(int64_t max_rows, int64_t write_ms, int64_t access_ms, bool cache_missing_key = true) {
  LookupCacheOptions options;
  if (max_rows > 0) options.max_rows = max_rows;
  if (write_ms > 0) options.expire_after_write = milliseconds(write_ms);
  if (access_ms > 0) options.expire_after_access = milliseconds(access_ms);
  options.cache_missing_key = cache_missing_key;
  return options;
}

// The cached rows of `key` at `now` as "a,b", "-" for a miss, "" for a cached empty result.
std::string get(LookupCache& cache, const std::string& key, int64_t now) {
  const types::ColumnBatch* rows = cache.getIfPresent(key, now);
  if (rows == nullptr) return "-";
  std::string out;
  for (size_t r = 0; r < rows->size(); ++r) out += (r > 0 ? "," : "") + rows->getRow(r).getField(0).toString();
  return out;
}

TEST(LookupCacheTest, EvictsTheLeastRecentlyReadKeyBeyondMaxRows) {
  LookupCache cache(bounds(2, 0, 0));
  cache.put("a", rowsOf({"a1", "a2"}), 0);
  cache.put("b", rowsOf({"b1"}), 1);
  EXPECT_EQ(get(cache, "a", 2), "a1,a2");  // a is now more recent than b
  cache.put("c", rowsOf({"c1"}), 3);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(get(cache, "b", 4), "-");
  EXPECT_EQ(get(cache, "a", 5), "a1,a2");
  EXPECT_EQ(get(cache, "c", 6), "c1");
  // Reading c last makes a the eldest.
  cache.put("d", rowsOf({"d1"}), 7);
  EXPECT_EQ(get(cache, "a", 8), "-");
  EXPECT_EQ(get(cache, "c", 8), "c1");
  EXPECT_EQ(get(cache, "d", 8), "d1");
}

TEST(LookupCacheTest, PutReplacesAKeysRows) {
  LookupCache cache(bounds(2, 0, 0));
  cache.put("a", rowsOf({"old"}), 0);
  cache.put("a", rowsOf({"new"}), 1);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(get(cache, "a", 2), "new");
}

TEST(LookupCacheTest, ExpiresAfterWriteEvenWhenRead) {
  LookupCache cache(bounds(0, 100, 0));
  cache.put("a", rowsOf({"a1"}), 1000);
  EXPECT_EQ(get(cache, "a", 1050), "a1");
  EXPECT_EQ(get(cache, "a", 1099), "a1");
  EXPECT_EQ(get(cache, "a", 1100), "-");  // Guava: expired once the whole duration passed
  EXPECT_EQ(cache.size(), 0u);
}

TEST(LookupCacheTest, ExpiresAfterAccessWhenNotRead) {
  LookupCache cache(bounds(0, 0, 100));
  cache.put("a", rowsOf({"a1"}), 0);
  EXPECT_EQ(get(cache, "a", 90), "a1");
  EXPECT_EQ(get(cache, "a", 180), "a1");
  EXPECT_EQ(get(cache, "a", 280), "-");
}

TEST(LookupCacheTest, BothExpiriesWhicheverComesFirst) {
  LookupCache cache(bounds(0, 100, 30));
  cache.put("a", rowsOf({"a1"}), 0);
  cache.put("b", rowsOf({"b1"}), 0);
  EXPECT_EQ(get(cache, "a", 25), "a1");
  EXPECT_EQ(get(cache, "a", 50), "a1");
  EXPECT_EQ(get(cache, "b", 50), "-");  // not read for 30 ms
  EXPECT_EQ(get(cache, "a", 75), "a1");
  EXPECT_EQ(get(cache, "a", 100), "-");  // written 100 ms ago
}

TEST(LookupCacheTest, PutDropsExpiredKeys) {
  LookupCache cache(bounds(0, 10, 0));
  cache.put("a", rowsOf({"a1"}), 0);
  cache.put("b", rowsOf({"b1"}), 5);
  cache.put("c", rowsOf({"c1"}), 12);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(get(cache, "b", 12), "b1");
  EXPECT_EQ(get(cache, "c", 12), "c1");
}

TEST(LookupCacheTest, CachesMissingKeysByDefault) {
  LookupCache cache(bounds(10, 0, 0));
  cache.put("none", rowsOf({}), 0);
  EXPECT_EQ(get(cache, "none", 1), "");
  EXPECT_EQ(get(cache, "other", 1), "-");
}

TEST(LookupCacheTest, WithoutCacheMissingKeyAnEmptyResultIsNotCached) {
  LookupCache cache(bounds(10, 0, 0, false));
  cache.put("none", rowsOf({}), 0);
  cache.put("some", rowsOf({"s"}), 0);
  EXPECT_EQ(get(cache, "none", 1), "-");
  EXPECT_EQ(get(cache, "some", 1), "s");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(LookupOptionsTest, DefaultsAndPartialCache) {
  Result<LookupOptions> defaults = LookupOptions::fromTableOptions({{"connector", "x"}});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->cache, LookupCacheType::kNone);
  EXPECT_FALSE(defaults->partial_cache.has_value());
  EXPECT_EQ(defaults->max_retries, 3);

  Result<LookupOptions> partial = LookupOptions::fromTableOptions(
      {{"lookup.cache", "partial"}, {"lookup.partial-cache.max-rows", "500"},
       {"lookup.partial-cache.expire-after-write", "10 s"}, {"lookup.partial-cache.expire-after-access", "1min"},
       {"lookup.partial-cache.cache-missing-key", "false"}, {"lookup.max-retries", "0"}});
  ASSERT_TRUE(partial.ok()) << partial.status().message();
  EXPECT_EQ(partial->cache, LookupCacheType::kPartial);
  ASSERT_TRUE(partial->partial_cache.has_value());
  EXPECT_EQ(partial->partial_cache->max_rows, 500);
  EXPECT_EQ(partial->partial_cache->expire_after_write, milliseconds(10000));
  EXPECT_EQ(partial->partial_cache->expire_after_access, milliseconds(60000));
  EXPECT_FALSE(partial->partial_cache->cache_missing_key);
  EXPECT_EQ(partial->max_retries, 0);
}

TEST(LookupOptionsTest, FlinkMessages) {
  EXPECT_EQ(LookupOptions::fromTableOptions({{"lookup.cache", "PARTIAL"}}).status().message(),
            "Missing 'lookup.partial-cache.expire-after-access', 'lookup.partial-cache.expire-after-write' or "
            "'lookup.partial-cache.max-rows' in the configuration. The cache will not have evictions under this "
            "configuration and could lead to potential memory issues as the cache size may grow indefinitely.");
  EXPECT_EQ(LookupOptions::fromTableOptions({{"lookup.cache", "LRU"}}).status().message(),
            "Could not parse value 'LRU' for key 'lookup.cache'.");
  EXPECT_EQ(LookupOptions::fromTableOptions({{"lookup.partial-cache.max-rows", "many"}}).status().message(),
            "Could not parse value 'many' for key 'lookup.partial-cache.max-rows'.");
  EXPECT_EQ(LookupOptions::fromTableOptions({{"lookup.partial-cache.expire-after-write", "soon"}}).status().message(),
            "Could not parse value 'soon' for key 'lookup.partial-cache.expire-after-write'.");
  EXPECT_EQ(LookupOptions::fromTableOptions({{"lookup.max-retries", "-1"}}).status().message(),
            "The value of 'lookup.max-retries' option shouldn't be negative, but is -1.");
}

}  // namespace
}  // namespace eddy::sql
