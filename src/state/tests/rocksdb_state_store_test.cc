#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/tests/temp_dir.h"
#include "eddy/state/rocksdb/rocksdb_state_store.h"

namespace eddy::state {
namespace {

// A list's canonical bytes (int32 count, then the elements) of one-byte elements.
std::string list(const std::string& elements) {
  std::string out(3, '\0');
  out.push_back(static_cast<char>(elements.size()));
  return out + elements;
}

// Every (key, value) of a column family, as RocksDB holds it after a write-back.
std::vector<std::pair<std::string, std::string>> contents(RocksDBStateStore& store, int cf) {
  std::vector<std::pair<std::string, std::string>> out;
  RocksDBStateStore::Cursor cursor = store.cursor(cf);
  for (cursor.seekToFirst(); cursor.valid(); cursor.next()) out.emplace_back(cursor.key(), cursor.value());
  return out;
}

using Contents = std::vector<std::pair<std::string, std::string>>;

class RocksDBStateStoreTest : public ::testing::Test {
 protected:
  testing::TempDir dir_{"eddy_rocksdb_store"};
};

TEST_F(RocksDBStateStoreTest, RocksDBOpensOnlyWhenTheCacheFirstNeedsIt) {
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
  int cf = store->columnFamily("counts").value();
  std::string value;
  EXPECT_FALSE(store->get(cf, "a", value));
  store->put(cf, "a", "1");
  store->put(cf, "b", "2");
  store->remove(cf, "b");
  store->merge(cf, "l", list("x"));
  ASSERT_TRUE(store->get(cf, "a", value));
  EXPECT_EQ(value, "1");
  EXPECT_FALSE(std::filesystem::exists(dir_.path("db")));

  EXPECT_EQ(contents(*store, cf), (Contents{{"a", "1"}, {"l", list("x")}}));
  EXPECT_TRUE(std::filesystem::exists(dir_.path("db/CURRENT")));
  int later = store->columnFamily("later").value();
  store->put(later, "c", "3");
  EXPECT_EQ(contents(*store, later), (Contents{{"c", "3"}}));
}

TEST_F(RocksDBStateStoreTest, RemovalsReachRocksDBOnlyForKeysItHolds) {
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
  int cf = store->columnFamily("s").value();
  store->put(cf, "held", "1");
  store->put(cf, "cached", "2");
  ASSERT_EQ(contents(*store, cf), (Contents{{"cached", "2"}, {"held", "1"}}));
  store->remove(cf, "held");
  store->put(cf, "new", "3");
  store->remove(cf, "new");
  std::string value;
  EXPECT_FALSE(store->get(cf, "held", value));
  EXPECT_FALSE(store->get(cf, "new", value));
  EXPECT_EQ(contents(*store, cf), (Contents{{"cached", "2"}}));
  store->put(cf, "held", "4");
  EXPECT_EQ(contents(*store, cf), (Contents{{"cached", "2"}, {"held", "4"}}));
}

TEST_F(RocksDBStateStoreTest, AnOpenedCheckpointIsReadThroughTheCache) {
  {
    std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
    int cf = store->columnFamily("s").value();
    store->put(cf, "a", "1");
    store->put(cf, "b", "2");
    store->merge(cf, "l", list("x"));
    ASSERT_TRUE(store->createCheckpoint(dir_.path("chk")).ok());
  }
  Result<std::unique_ptr<RocksDBStateStore>> opened = RocksDBStateStore::open(dir_.path("chk"));
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  RocksDBStateStore& store = **opened;
  int cf = store.columnFamily("s").value();
  std::string value;
  ASSERT_TRUE(store.get(cf, "a", value));
  EXPECT_EQ(value, "1");
  store.remove(cf, "b");
  store.merge(cf, "l", list("y"));
  store.merge(cf, "m", list("z"));
  EXPECT_EQ(contents(store, cf), (Contents{{"a", "1"}, {"l", list("xy")}, {"m", list("z")}}));
}

TEST_F(RocksDBStateStoreTest, KeysAndValuesOfEveryLengthAreCachedApart) {
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
  int cf = store->columnFamily("s").value();
  Contents expected;
  for (size_t length = 0; length <= 80; ++length) {
    std::string key(length, 'k');
    if (length > 0) key.back() = 'z';  // keys that share a prefix with the shorter ones
    std::string value = std::to_string(length) + std::string(length % 40, 'v');
    store->put(cf, key, value);
    expected.emplace_back(key, value);
  }
  std::string value;
  for (const auto& [key, v] : expected) {
    ASSERT_TRUE(store->get(cf, key, value)) << key.size();
    EXPECT_EQ(value, v);
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(contents(*store, cf), expected);
}

TEST_F(RocksDBStateStoreTest, AValueChangesLengthInPlace) {
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
  int cf = store->columnFamily("s").value();
  std::string value;
  for (const std::string& next : {std::string("a"), std::string(100, 'b'), std::string(100, 'c'), std::string(16, 'd'),
                                  std::string(17, 'e'), std::string()}) {
    store->put(cf, "k", next);
    ASSERT_TRUE(store->get(cf, "k", value));
    EXPECT_EQ(value, next);
  }
  store->merge(cf, "l", list("0123456789"));
  store->merge(cf, "l", list("abcdefghij"));
  ASSERT_TRUE(store->get(cf, "l", value));
  EXPECT_EQ(value, list("0123456789abcdefghij"));
  EXPECT_EQ(contents(*store, cf), (Contents{{"k", ""}, {"l", list("0123456789abcdefghij")}}));
}

TEST_F(RocksDBStateStoreTest, AFullCacheWritesBackAndReadsAgainFromRocksDB) {
  std::unique_ptr<RocksDBStateStore> store = RocksDBStateStore::create(dir_.path("db"));
  int values = store->columnFamily("values").value();
  int lists = store->columnFamily("lists").value();
  constexpr int kKeys = 70'000;  // in two column families: more than the cache holds
  for (int i = 0; i < kKeys; ++i) {
    std::string key = std::to_string(i);
    store->put(values, key, key);
    store->merge(lists, key, list("a"));
  }
  std::string value;
  int found = 0;
  for (int i = 0; i < kKeys; i += 2) {
    std::string key = std::to_string(i);
    found += store->get(values, key, value) && value == key;
    store->remove(values, key);
    store->merge(lists, key, list("b"));
  }
  EXPECT_EQ(found, kKeys / 2);
  Contents kept = contents(*store, values);
  ASSERT_EQ(kept.size(), static_cast<size_t>(kKeys / 2));
  for (const auto& [key, v] : kept) EXPECT_EQ(std::stoi(key) % 2, 1) << key;
  Contents merged = contents(*store, lists);
  ASSERT_EQ(merged.size(), static_cast<size_t>(kKeys));
  for (const auto& [key, v] : merged) EXPECT_EQ(v, list(std::stoi(key) % 2 == 0 ? "ab" : "a")) << key;
}

}  // namespace
}  // namespace eddy::state
