#include "eddy/state/rocksdb/rocksdb_state_store.h"

#include <fmt/format.h>
#include <rocksdb/compaction_filter.h>
#include <rocksdb/db.h>
#include <rocksdb/file_checksum.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "eddy/state/ttl/ttl_snapshot_filter.h"
#include "state/rocksdb/write_back_cache.h"

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

// Appends the list `value` to `list` in place; false if either is not a list.
bool appendList(std::string& list, std::string_view value) {
  if (list.size() < 4 || value.size() < 4) return false;
  const uint32_t count = readListCount(list.data()) + readListCount(value.data());
  for (int i = 0; i < 4; ++i) list[i] = static_cast<char>((count >> (24 - 8 * i)) & 0xFF);
  list.append(value.data() + 4, value.size() - 4);
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
    new_value->assign(existing->data(), existing->size());
    return appendList(*new_value, {value.data(), value.size()});
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

rocksdb::ColumnFamilyOptions columnFamilyOptions(const std::shared_ptr<TtlFilterSlot>& ttl_filter) {
  rocksdb::ColumnFamilyOptions options;
  options.merge_operator = std::make_shared<ListAppendOperator>();
  options.compaction_filter_factory = std::make_shared<TtlCompactionFilterFactory>(ttl_filter);
  // A bloom filter over the memtable's keys: the first read of a key that is not there (a
  // new window, a new key) skips the skip list search.
  options.memtable_prefix_bloom_size_ratio = 0.1;
  options.memtable_whole_key_filtering = true;
  // And one over each SST file's keys (10 bits a key, about 1% false positives), so that a
  // key that is not there costs no data block read once the memtable has been flushed
  // (Flink's state.backend.rocksdb.use-bloom-filter, on here).
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

[[noreturn]] void fail(const char* what, const rocksdb::Status& status) {
  throw std::runtime_error(fmt::format("Error while {} data in RocksDB: {}", what, status.ToString()));
}

Status toStatus(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return Status::OK();
  return IOError(fmt::format("{}: {}", context, status.ToString()));
}

rocksdb::DBOptions dbOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_open_files = -1;
  // Flink's defaults (PredefinedOptions.DEFAULT, RocksDBResourceContainer): no info log
  // beyond its header, no statistics dumps, and no flush when closing, since an instance's
  // directory is deleted with it and recovery goes through checkpoints.
  options.info_log_level = rocksdb::InfoLogLevel::HEADER_LEVEL;
  options.stats_dump_period_sec = 0;
  options.avoid_flush_during_shutdown = true;
  // RocksDB computes each SST file's CRC32C while writing it, so that an incremental
  // checkpoint need not read the file again for the checksum it records.
  options.file_checksum_gen_factory = rocksdb::GetFileChecksumGenCrc32cFactory();
  return options;
}

}  // namespace

struct RocksDBStateStore::Impl {
  std::string dir;
  // Null until RocksDB is first needed (see create()).
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // [0] is "default"; empty until opened
  std::vector<std::string> names;
  std::vector<std::shared_ptr<TtlFilterSlot>> ttl_filters;  // parallel to names
  // Per column family: whether RocksDB may hold entries of it. A read of a key that is not
  // cached asks RocksDB only then; a fresh state's new keys (a new window) cost no Get.
  std::vector<bool> may_hold;
  rocksdb::ReadOptions read_options;
  rocksdb::WriteOptions write_options;
  // Reads of hot keys and repeated writes (a window's accumulator, a running count) stay
  // out of RocksDB until the cache is full, a cursor opens or a checkpoint is taken; the
  // changes then go in one WriteBatch.
  WriteBackCache cache{kCacheEntries};

  ~Impl() {
    for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }

  // Opens RocksDB in `dir` with a column family per name, creating what is missing, unless
  // it is open.
  Status open() {
    if (db) return Status::OK();
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (size_t i = 0; i < names.size(); ++i) descriptors.emplace_back(names[i], columnFamilyOptions(ttl_filters[i]));
    rocksdb::DB* raw = nullptr;
    EDDY_RETURN_IF_ERROR(toStatus(rocksdb::DB::Open(dbOptions(), dir, descriptors, &handles, &raw),
                                  fmt::format("Could not open RocksDB in {}", dir)));
    db.reset(raw);
    return Status::OK();
  }
  // RocksDB, opened if it is not open yet; an error fails the task, as any RocksDB error.
  rocksdb::DB& opened() {
    if (!db) [[unlikely]] {
      Status status = open();
      if (!status.ok()) throw std::runtime_error(status.message());
    }
    return *db;
  }
  void addColumnFamily(const std::string& name, bool holds_entries, std::shared_ptr<TtlFilterSlot> ttl_filter) {
    names.push_back(name);
    ttl_filters.push_back(std::move(ttl_filter));
    may_hold.push_back(holds_entries);
    cache.addColumnFamily();
  }

  // The cache's entry for `key`, inserted (clean, absent) if there was none; a full cache
  // is written back and emptied first.
  CachedValue& entry(int cf, std::string_view key, bool& inserted) {
    return cache.entry(cf, key, inserted, [this] { writeBack(); });
  }

  // The changes of a write-back, sorted by column family and key before they go into the
  // batch: the memtable's skip list then inserts each next to the one before, instead of
  // searching from its head. Reused from one write-back to the next.
  struct Change {
    int cf;
    std::string_view key;
    CachedValue* entry;
  };
  std::vector<Change> changes;
  // Scratch for merging a list in the cache.
  std::string merged;

  // Writes every dirty entry to RocksDB in one batch; they stay cached, clean.
  void writeBack() {
    if (cache.dirty() == 0) return;
    changes.clear();
    cache.takeDirty([&](int cf, std::string_view key, CachedValue& entry) {
      if (entry.hasValue() || entry.in_rocksdb) changes.push_back({cf, key, &entry});
    });
    if (changes.empty()) return;
    std::sort(changes.begin(), changes.end(),
              [](const Change& a, const Change& b) { return a.cf != b.cf ? a.cf < b.cf : a.key < b.key; });
    opened();
    rocksdb::WriteBatch batch;
    for (const Change& change : changes) {
      CachedValue& entry = *change.entry;
      rocksdb::ColumnFamilyHandle* handle = handles[change.cf];
      rocksdb::Status status = entry.hasValue() ? batch.Put(handle, slice(change.key), slice(entry.value()))
                                           : batch.Delete(handle, slice(change.key));
      if (!status.ok()) fail("adding", status);
      entry.in_rocksdb = entry.hasValue();
      may_hold[change.cf] = true;
    }
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

std::unique_ptr<RocksDBStateStore> RocksDBStateStore::create(const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->write_options.disableWAL = true;
  impl->addColumnFamily(rocksdb::kDefaultColumnFamilyName, false, std::make_shared<TtlFilterSlot>());
  return std::unique_ptr<RocksDBStateStore>(new RocksDBStateStore(std::move(impl)));
}

Result<std::unique_ptr<RocksDBStateStore>> RocksDBStateStore::open(const std::string& dir) {
  std::vector<std::string> existing;
  if (!rocksdb::DB::ListColumnFamilies(dbOptions(), dir, &existing).ok()) {
    existing = {rocksdb::kDefaultColumnFamilyName};
  }
  std::unique_ptr<RocksDBStateStore> store = create(dir);
  Impl& impl = *store->impl_;
  impl.may_hold[0] = true;
  for (size_t i = 1; i < existing.size(); ++i) {
    impl.addColumnFamily(existing[i], true, std::make_shared<TtlFilterSlot>());
  }
  EDDY_RETURN_IF_ERROR(impl.open());
  return store;
}

const std::string& RocksDBStateStore::directory() const { return impl_->dir; }

Result<int> RocksDBStateStore::columnFamily(const std::string& name) {
  for (size_t i = 1; i < impl_->names.size(); ++i) {
    if (impl_->names[i] == name) return static_cast<int>(i);
  }
  auto ttl_filter = std::make_shared<TtlFilterSlot>();
  if (impl_->db) {
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    EDDY_RETURN_IF_ERROR(toStatus(impl_->db->CreateColumnFamily(columnFamilyOptions(ttl_filter), name, &handle),
                                  fmt::format("Could not create the column family of state '{}'", name)));
    impl_->handles.push_back(handle);
  }
  impl_->addColumnFamily(name, false, std::move(ttl_filter));
  return static_cast<int>(impl_->names.size() - 1);
}

bool RocksDBStateStore::get(int cf, std::string_view key, std::string& value) {
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  if (inserted) {
    if (!impl_->may_hold[cf]) {
      entry.in_rocksdb = false;
      return false;
    }
    rocksdb::Status status = impl_->opened().Get(impl_->read_options, impl_->handles[cf], slice(key), &value);
    if (status.IsNotFound()) {
      entry.in_rocksdb = false;
      return false;
    }
    if (!status.ok()) fail("retrieving", status);
    entry.setValue(value);
    return true;
  }
  if (!entry.hasValue()) return false;
  value.assign(entry.value());
  return true;
}

void RocksDBStateStore::put(int cf, std::string_view key, std::string_view value) {
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  entry.setValue(value);
  impl_->cache.markDirty(entry);
}

void RocksDBStateStore::merge(int cf, std::string_view key, std::string_view bytes) {
  CachedValue* cached = impl_->cache.find(cf, key);
  if (!cached && impl_->may_hold[cf]) {
    rocksdb::Status status = impl_->opened().Merge(impl_->write_options, impl_->handles[cf], slice(key), slice(bytes));
    if (!status.ok()) fail("adding", status);
    return;
  }
  if (!cached) {
    // RocksDB holds nothing of the column family: the merged list is `bytes`.
    bool inserted = false;
    cached = &impl_->entry(cf, key, inserted);
    cached->in_rocksdb = false;
  }
  CachedValue& entry = *cached;
  if (!entry.hasValue()) {
    entry.setValue(bytes);
  } else {
    std::string& merged = impl_->merged;
    merged.assign(entry.value());
    if (!appendList(merged, bytes)) {
      throw std::runtime_error("Error while adding data in RocksDB: a list merge of a value that is no list");
    }
    entry.setValue(merged);
  }
  impl_->cache.markDirty(entry);
}

void RocksDBStateStore::remove(int cf, std::string_view key) {
  if (CachedValue* cached = impl_->cache.find(cf, key); cached && !cached->in_rocksdb) {
    // Known to be absent from RocksDB: forgetting the key is removing it.
    impl_->cache.erase(cf, key, *cached);
    return;
  }
  bool inserted = false;
  CachedValue& entry = impl_->entry(cf, key, inserted);
  entry.clearValue();
  impl_->cache.markDirty(entry);
}

RocksDBStateStore::Cursor RocksDBStateStore::cursor(int cf) {
  impl_->writeBack();
  auto impl = std::make_unique<Cursor::Impl>();
  impl->it.reset(impl_->opened().NewIterator(impl_->read_options, impl_->handles[cf]));
  return Cursor(std::move(impl));
}

void RocksDBStateStore::setTtlCompactionFilter(int cf, TtlCompactionFilter filter) {
  TtlFilterSlot& slot = *impl_->ttl_filters[cf];
  std::lock_guard<std::mutex> lock(slot.mu);
  slot.filter = std::move(filter);
}

Status RocksDBStateStore::compactRange(int cf) {
  impl_->writeBack();
  EDDY_RETURN_IF_ERROR(impl_->open());
  EDDY_RETURN_IF_ERROR(toStatus(impl_->db->Flush(rocksdb::FlushOptions(), impl_->handles[cf]), "Could not flush"));
  return toStatus(impl_->db->CompactRange(rocksdb::CompactRangeOptions(), impl_->handles[cf], nullptr, nullptr),
                  "Could not compact");
}

Result<std::map<std::string, RocksDBStateStore::SstFileChecksum>> RocksDBStateStore::createCheckpoint(
    const std::string& dir) {
  impl_->writeBack();
  EDDY_RETURN_IF_ERROR(impl_->open());
  rocksdb::Checkpoint* raw = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "Could not create a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  EDDY_RETURN_IF_ERROR(
      toStatus(checkpoint->CreateCheckpoint(dir, 0), fmt::format("Could not write a RocksDB checkpoint to {}", dir)));
  std::vector<rocksdb::LiveFileMetaData> live;
  impl_->db->GetLiveFilesMetaData(&live);
  std::map<std::string, SstFileChecksum> checksums;
  for (const rocksdb::LiveFileMetaData& file : live) {
    // FileChecksumGenCrc32c (named FileChecksumCrc32c) stores the CRC32C as 4 big-endian bytes.
    if (file.file_checksum_func_name != "FileChecksumCrc32c" || file.file_checksum.size() != 4) continue;
    uint32_t crc = 0;
    for (char byte : file.file_checksum) crc = (crc << 8) | static_cast<uint8_t>(byte);
    checksums[file.relative_filename] = {static_cast<int64_t>(file.size), crc};
  }
  return checksums;
}

}  // namespace eddy::state
