#include "eddy/state/rocksdb/rocksdb_state_store.h"

#include <fmt/format.h>
#include <rocksdb/compaction_filter.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <absl/container/flat_hash_map.h>

#include <mutex>
#include <optional>
#include <stdexcept>

#include "eddy/state/ttl/ttl_snapshot_filter.h"

namespace eddy::state {
namespace {

// List state's values are a list's canonical bytes: int32 count, then the elements. A
// merge operand has the same form; merging adds the counts and appends the elements, so
// that add() writes without reading.
// The element count at the start of a list's bytes. REQUIRES: at least 4 bytes.
uint32_t readListCount(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// Appends the list `value` to the list `existing` into `out`; false if either is not a list.
bool appendList(std::string_view existing, std::string_view value, std::string& out) {
  if (existing.size() < 4 || value.size() < 4) return false;
  const uint32_t count = readListCount(existing.data()) + readListCount(value.data());
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

// The TTL compaction filter of one column family, set once its state is known to have TTL.
// RocksDB asks for it at the start of every compaction, from its own threads.
struct TtlFilterSlot {
  std::mutex mu;
  std::optional<RocksDBStateStore::TtlCompactionFilter> filter;
};

class TtlCompactionFilter final : public rocksdb::CompactionFilter {
 public:
  explicit TtlCompactionFilter(RocksDBStateStore::TtlCompactionFilter config)
      : config_(std::move(config)), now_(config_.time.currentTimestamp()) {}

  Decision FilterV2(int, const rocksdb::Slice&, ValueType value_type, const rocksdb::Slice& existing_value,
                    std::string* new_value, std::string*) const override {
    if (value_type != ValueType::kValue) return Decision::kKeep;
    if (++entries_ >= config_.query_time_after_num_entries) {
      entries_ = 0;
      now_ = config_.time.currentTimestamp();
    }
    std::string_view value(existing_value.data(), existing_value.size());
    if (!config_.list_element_size) return expired(value) ? Decision::kRemove : Decision::kKeep;
    if (value.size() < 4) return Decision::kKeep;
    const uint32_t count = readListCount(value.data());
    uint32_t dropped = 0;
    size_t offset = 4;
    while (dropped < count && expired(value.substr(offset))) {
      size_t size = config_.list_element_size(value.substr(offset));
      if (size == 0 || offset + size > value.size()) return Decision::kKeep;
      offset += size;
      ++dropped;
    }
    if (dropped == 0) return Decision::kKeep;
    if (dropped == count) return Decision::kRemove;
    const uint32_t left = count - dropped;
    new_value->clear();
    for (int shift = 24; shift >= 0; shift -= 8) new_value->push_back(static_cast<char>((left >> shift) & 0xFF));
    new_value->append(value.substr(offset));
    return Decision::kChangeValue;
  }
  const char* Name() const override { return "EddyTtlCompactionFilter"; }

 private:
  bool expired(std::string_view bytes) const {
    int64_t timestamp = 0;
    return readTtlTimestamp(bytes, timestamp) && ttlExpired(timestamp, config_.ttl, now_);
  }

  RocksDBStateStore::TtlCompactionFilter config_;
  // One filter serves one compaction, in one thread.
  mutable int64_t now_;
  mutable int64_t entries_ = 0;
};

class TtlCompactionFilterFactory final : public rocksdb::CompactionFilterFactory {
 public:
  explicit TtlCompactionFilterFactory(std::shared_ptr<TtlFilterSlot> slot) : slot_(std::move(slot)) {}
  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context&) override {
    std::lock_guard<std::mutex> lock(slot_->mu);
    if (!slot_->filter) return nullptr;
    return std::make_unique<TtlCompactionFilter>(*slot_->filter);
  }
  const char* Name() const override { return "EddyTtlCompactionFilterFactory"; }

 private:
  std::shared_ptr<TtlFilterSlot> slot_;
};

// How many keys the write-back cache holds before it writes its changes back and starts
// empty again.
constexpr size_t kCacheEntries = 128 * 1024;

rocksdb::Slice slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
// Debian's abseil has its own string_view, the one its string maps look up with.
absl::string_view cacheKey(std::string_view s) { return absl::string_view(s.data(), s.size()); }

rocksdb::ColumnFamilyOptions columnFamilyOptions(const std::shared_ptr<TtlFilterSlot>& ttl_filter) {
  rocksdb::ColumnFamilyOptions options;
  options.merge_operator = std::make_shared<ListAppendOperator>();
  options.compaction_filter_factory = std::make_shared<TtlCompactionFilterFactory>(ttl_filter);
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
  std::vector<std::shared_ptr<TtlFilterSlot>> ttl_filters;  // parallel to handles
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
  auto impl = std::make_unique<Impl>();
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : existing) {
    impl->ttl_filters.push_back(std::make_shared<TtlFilterSlot>());
    descriptors.emplace_back(name, columnFamilyOptions(impl->ttl_filters.back()));
  }
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
  auto ttl_filter = std::make_shared<TtlFilterSlot>();
  EDDY_RETURN_IF_ERROR(toStatus(impl_->db->CreateColumnFamily(columnFamilyOptions(ttl_filter), name, &handle),
                                fmt::format("Could not create the column family of state '{}'", name)));
  impl_->handles.push_back(handle);
  impl_->ttl_filters.push_back(std::move(ttl_filter));
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

void RocksDBStateStore::setTtlCompactionFilter(int cf, TtlCompactionFilter filter) {
  TtlFilterSlot& slot = *impl_->ttl_filters[cf];
  std::lock_guard<std::mutex> lock(slot.mu);
  slot.filter = std::move(filter);
}

Status RocksDBStateStore::compactRange(int cf) {
  impl_->writeBack();
  EDDY_RETURN_IF_ERROR(toStatus(impl_->db->Flush(rocksdb::FlushOptions(), impl_->handles[cf]), "Could not flush"));
  return toStatus(impl_->db->CompactRange(rocksdb::CompactRangeOptions(), impl_->handles[cf], nullptr, nullptr),
                  "Could not compact");
}

Status RocksDBStateStore::createCheckpoint(const std::string& dir) {
  impl_->writeBack();
  rocksdb::Checkpoint* raw = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "Could not create a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return toStatus(checkpoint->CreateCheckpoint(dir, 0), fmt::format("Could not write a RocksDB checkpoint to {}", dir));
}

}  // namespace eddy::state
