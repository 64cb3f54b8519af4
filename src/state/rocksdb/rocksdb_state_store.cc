#include "eddy/state/rocksdb/rocksdb_state_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <absl/container/flat_hash_map.h>

#include <optional>
#include <stdexcept>

namespace eddy::state {
namespace {

// List state's values are a list's canonical bytes: int32 count, then the elements. A
// merge operand has the same form; merging adds the counts and appends the elements, so
// that add() writes without reading.
// Appends the list `value` to the list `existing` into `out`; false if either is not a list.
bool appendList(std::string_view existing, std::string_view value, std::string& out) {
  auto read_count = [](const char* p) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
  };
  if (existing.size() < 4 || value.size() < 4) return false;
  const uint32_t count = read_count(existing.data()) + read_count(value.data());
  out.clear();
  out.reserve(existing.size() + value.size() - 4);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((count >> shift) & 0xFF));
  out.append(existing.data() + 4, existing.size() - 4);
  out.append(value.data() + 4, value.size() - 4);
  return true;
}

class ListAppendOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger*) const override {
    if (!existing) {
      new_value->assign(value.data(), value.size());
      return true;
    }
    return appendList({existing->data(), existing->size()}, {value.data(), value.size()}, *new_value);
  }
  const char* Name() const override { return "EddyListAppendOperator"; }
};

// How many keys the write-back cache holds before it writes its changes back and starts
// empty again.
constexpr size_t kCacheEntries = 128 * 1024;

rocksdb::Slice slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
// Debian's abseil has its own string_view, the one its string maps look up with.
absl::string_view cacheKey(std::string_view s) { return absl::string_view(s.data(), s.size()); }

rocksdb::ColumnFamilyOptions columnFamilyOptions() {
  rocksdb::ColumnFamilyOptions options;
  options.merge_operator = std::make_shared<ListAppendOperator>();
  // A bloom filter over the memtable's keys: the first read of a key that is not there (a
  // new window, a new key) skips the skip list search.
  options.memtable_prefix_bloom_size_ratio = 0.1;
  options.memtable_whole_key_filtering = true;
  return options;
}

[[noreturn]] void fail(const char* what, const rocksdb::Status& status) {
  throw std::runtime_error(fmt::format("Error while {} data in RocksDB: {}", what, status.ToString()));
}

Status toStatus(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return Status::OK();
  return IOError(fmt::format("{}: {}", context, status.ToString()));
}

}  // namespace

// A key's value as the write-back cache knows it: its bytes, or none (absent or removed),
// and whether RocksDB has yet to be told.
struct CachedValue {
  std::optional<std::string> value;
  bool dirty = false;
};

struct RocksDBStateStore::Impl {
  std::string dir;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // [0] is "default"
  std::vector<std::string> names;
  rocksdb::ReadOptions read_options;
  rocksdb::WriteOptions write_options;
  // The write-back cache, a map per column family: reads of hot keys and repeated writes
  // (a window's accumulator, a running count) stay out of RocksDB until the cache is full,
  // a cursor opens or a checkpoint is taken; the changes then go in one WriteBatch.
  std::vector<absl::flat_hash_map<std::string, CachedValue>> cache;
  size_t cached = 0;
  size_t dirty = 0;

  ~Impl() {
    for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }

  // The cache's entry for `key`, inserted (clean, absent) if there was none. May first write
  // the cache back and empty it when it is full.
  CachedValue& entry(int cf, std::string_view key, bool& inserted) {
    auto& map = cache[cf];
    if (auto it = map.find(cacheKey(key)); it != map.end()) {
      inserted = false;
      return it->second;
    }
    if (cached >= kCacheEntries) {
      writeBack();
      for (auto& family : cache) family.clear();
      cached = 0;
    }
    inserted = true;
    ++cached;
    return cache[cf][cacheKey(key)];
  }

  void markDirty(CachedValue& entry) {
    if (!entry.dirty) ++dirty;
    entry.dirty = true;
  }

  // Writes every dirty entry to RocksDB in one batch; they stay cached, clean.
  void writeBack() {
    if (dirty == 0) return;
    rocksdb::WriteBatch batch;
    for (size_t cf = 0; cf < cache.size(); ++cf) {
      for (auto& [key, entry] : cache[cf]) {
        if (!entry.dirty) continue;
        rocksdb::Status status = entry.value ? batch.Put(handles[cf], slice(key), slice(*entry.value))
                                             : batch.Delete(handles[cf], slice(key));
        if (!status.ok()) fail("adding", status);
        entry.dirty = false;
      }
    }
    dirty = 0;
    rocksdb::Status status = db->Write(write_options, &batch);
    if (!status.ok()) fail("adding", status);
  }
};

struct RocksDBStateStore::Cursor::Impl {
  std::unique_ptr<rocksdb::Iterator> it;
};

RocksDBStateStore::Cursor::Cursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksDBStateStore::Cursor::~Cursor() = default;
RocksDBStateStore::Cursor::Cursor(Cursor&&) noexcept = default;
void RocksDBStateStore::Cursor::seek(std::string_view target) { impl_->it->Seek(slice(target)); }
void RocksDBStateStore::Cursor::seekToFirst() { impl_->it->SeekToFirst(); }
bool RocksDBStateStore::Cursor::valid() const {
  if (impl_->it->Valid()) return true;
  if (!impl_->it->status().ok()) fail("iterating", impl_->it->status());
  return false;
}
void RocksDBStateStore::Cursor::next() { impl_->it->Next(); }
std::string_view RocksDBStateStore::Cursor::key() const {
  rocksdb::Slice k = impl_->it->key();
  return {k.data(), k.size()};
}
std::string_view RocksDBStateStore::Cursor::value() const {
  rocksdb::Slice v = impl_->it->value();
  return {v.data(), v.size()};
}

RocksDBStateStore::RocksDBStateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksDBStateStore::~RocksDBStateStore() = default;

Result<std::unique_ptr<RocksDBStateStore>> RocksDBStateStore::open(const std::string& dir) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_open_files = -1;
  std::vector<std::string> existing;
  if (!rocksdb::DB::ListColumnFamilies(options, dir, &existing).ok()) existing = {rocksdb::kDefaultColumnFamilyName};
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : existing) descriptors.emplace_back(name, columnFamilyOptions());
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->write_options.disableWAL = true;
  rocksdb::DB* db = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(rocksdb::DB::Open(options, dir, descriptors, &impl->handles, &db),
                                fmt::format("Could not open RocksDB in {}", dir)));
  impl->db.reset(db);
  impl->names = existing;
  impl->cache.resize(existing.size());
  return std::unique_ptr<RocksDBStateStore>(new RocksDBStateStore(std::move(impl)));
}

const std::string& RocksDBStateStore::directory() const { return impl_->dir; }

Result<int> RocksDBStateStore::columnFamily(const std::string& name) {
  for (size_t i = 1; i < impl_->names.size(); ++i) {
    if (impl_->names[i] == name) return static_cast<int>(i);
  }
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(impl_->db->CreateColumnFamily(columnFamilyOptions(), name, &handle),
                                fmt::format("Could not create the column family of state '{}'", name)));
  impl_->handles.push_back(handle);
  impl_->names.push_back(name);
  impl_->cache.emplace_back();
  return static_cast<int>(impl_->handles.size() - 1);
}

bool RocksDBStateStore::get(int cf, std::string_view key, std::string& value) {
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  if (inserted) {
    rocksdb::Status status = impl_->db->Get(impl_->read_options, impl_->handles[cf], slice(key), &value);
    if (status.IsNotFound()) return false;
    if (!status.ok()) fail("retrieving", status);
    entry.value = value;
    return true;
  }
  if (!entry.value) return false;
  value.assign(*entry.value);
  return true;
}

void RocksDBStateStore::put(int cf, std::string_view key, std::string_view value) {
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  if (entry.value) {
    entry.value->assign(value);
  } else {
    entry.value.emplace(value);
  }
  impl_->markDirty(entry);
}

void RocksDBStateStore::merge(int cf, std::string_view key, std::string_view bytes) {
  auto& map = impl_->cache[cf];
  auto it = map.find(cacheKey(key));
  if (it == map.end()) {
    rocksdb::Status status = impl_->db->Merge(impl_->write_options, impl_->handles[cf], slice(key), slice(bytes));
    if (!status.ok()) fail("adding", status);
    return;
  }
  CachedValue& entry = it->second;
  if (!entry.value) {
    entry.value.emplace(bytes);
  } else {
    std::string merged;
    if (!appendList(*entry.value, bytes, merged)) {
      throw std::runtime_error("Error while adding data in RocksDB: a list merge of a value that is no list");
    }
    entry.value = std::move(merged);
  }
  impl_->markDirty(entry);
}

void RocksDBStateStore::remove(int cf, std::string_view key) {
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  entry.value.reset();
  impl_->markDirty(entry);
}

RocksDBStateStore::Cursor RocksDBStateStore::cursor(int cf) {
  impl_->writeBack();
  auto impl = std::make_unique<Cursor::Impl>();
  impl->it.reset(impl_->db->NewIterator(impl_->read_options, impl_->handles[cf]));
  return Cursor(std::move(impl));
}

Status RocksDBStateStore::createCheckpoint(const std::string& dir) {
  impl_->writeBack();
  rocksdb::Checkpoint* raw = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "Could not create a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return toStatus(checkpoint->CreateCheckpoint(dir, 0), fmt::format("Could not write a RocksDB checkpoint to {}", dir));
}

}  // namespace eddy::state
