#include "eddy/state/rocksdb/rocksdb_state_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/checkpoint.h>

#include <stdexcept>

namespace eddy::state {
namespace {

// List state's values are a list's canonical bytes: int32 count, then the elements. A
// merge operand has the same form; merging adds the counts and appends the elements, so
// that add() writes without reading.
class ListAppendOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger*) const override {
    if (!existing) {
      new_value->assign(value.data(), value.size());
      return true;
    }
    if (existing->size() < 4 || value.size() < 4) return false;
    uint32_t count = readCount(existing->data()) + readCount(value.data());
    new_value->clear();
    new_value->reserve(existing->size() + value.size() - 4);
    for (int shift = 24; shift >= 0; shift -= 8) new_value->push_back(static_cast<char>((count >> shift) & 0xFF));
    new_value->append(existing->data() + 4, existing->size() - 4);
    new_value->append(value.data() + 4, value.size() - 4);
    return true;
  }
  const char* Name() const override { return "EddyListAppendOperator"; }

 private:
  static uint32_t readCount(const char* p) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
  }
};

rocksdb::Slice slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

rocksdb::ColumnFamilyOptions columnFamilyOptions() {
  rocksdb::ColumnFamilyOptions options;
  options.merge_operator = std::make_shared<ListAppendOperator>();
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

struct RocksDBStateStore::Impl {
  std::string dir;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // [0] is "default"
  std::vector<std::string> names;
  rocksdb::ReadOptions read_options;
  rocksdb::WriteOptions write_options;

  ~Impl() {
    for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
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
  return static_cast<int>(impl_->handles.size() - 1);
}

bool RocksDBStateStore::get(int cf, std::string_view key, std::string& value) {
  rocksdb::Status status = impl_->db->Get(impl_->read_options, impl_->handles[cf], slice(key), &value);
  if (status.IsNotFound()) return false;
  if (!status.ok()) fail("retrieving", status);
  return true;
}

void RocksDBStateStore::put(int cf, std::string_view key, std::string_view value) {
  rocksdb::Status status = impl_->db->Put(impl_->write_options, impl_->handles[cf], slice(key), slice(value));
  if (!status.ok()) fail("adding", status);
}

void RocksDBStateStore::merge(int cf, std::string_view key, std::string_view bytes) {
  rocksdb::Status status = impl_->db->Merge(impl_->write_options, impl_->handles[cf], slice(key), slice(bytes));
  if (!status.ok()) fail("adding", status);
}

void RocksDBStateStore::remove(int cf, std::string_view key) {
  rocksdb::Status status = impl_->db->Delete(impl_->write_options, impl_->handles[cf], slice(key));
  if (!status.ok()) fail("removing", status);
}

RocksDBStateStore::Cursor RocksDBStateStore::cursor(int cf) {
  auto impl = std::make_unique<Cursor::Impl>();
  impl->it.reset(impl_->db->NewIterator(impl_->read_options, impl_->handles[cf]));
  return Cursor(std::move(impl));
}

Status RocksDBStateStore::createCheckpoint(const std::string& dir) {
  rocksdb::Checkpoint* raw = nullptr;
  EDDY_RETURN_IF_ERROR(toStatus(rocksdb::Checkpoint::Create(impl_->db.get(), &raw), "Could not create a checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return toStatus(checkpoint->CreateCheckpoint(dir, 0), fmt::format("Could not write a RocksDB checkpoint to {}", dir));
}

}  // namespace eddy::state
