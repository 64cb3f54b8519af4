#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/state/ttl/ttl_time_provider.h"

namespace eddy::state {

// One embedded RocksDB instance of a keyed state backend (what Flink's
// RocksDBKeyedStateBackend keeps in its `db` field), behind Eddy's own interface so that
// RocksDB's headers stay in one .cc file. A column family per state name; merge() appends
// to a list's canonical bytes (int32 count, elements), adding the counts. Writes skip the write-ahead log,
// as Flink's do: durability comes from checkpoints, and createCheckpoint() flushes first.
//
// A write-back cache keeps recently used keys in memory (see the .cc): RocksDB sees their
// changes when the cache is full, before a cursor opens and before a checkpoint.
//
// Reads and writes fail only on I/O errors; they then throw std::runtime_error with
// Flink's message, which the task turns into a job failure naming the operator.
// Not thread-safe: used from its task's thread.
class RocksDBStateStore {
 public:
  // A store for a new instance in `dir`, where there is none yet. RocksDB is opened there
  // when first needed: state that never leaves the cache (no checkpoint, no cursor, no
  // spill) costs no RocksDB instance.
  static std::unique_ptr<RocksDBStateStore> create(const std::string& dir);
  // Opens the instance in `dir`, creating it if there is none, with the column families
  // found there.
  static Result<std::unique_ptr<RocksDBStateStore>> open(const std::string& dir);
  ~RocksDBStateStore();
  RocksDBStateStore(const RocksDBStateStore&) = delete;
  RocksDBStateStore& operator=(const RocksDBStateStore&) = delete;

  const std::string& directory() const;

  // The column family named `name`, created if absent; its index for the calls below.
  Result<int> columnFamily(const std::string& name);

  // The value of `key` into `value`; false if there is none.
  bool get(int cf, std::string_view key, std::string& value);
  void put(int cf, std::string_view key, std::string_view value);
  // Appends the list `bytes` (int32 count, elements) to the list stored under `key`.
  void merge(int cf, std::string_view key, std::string_view bytes);
  void remove(int cf, std::string_view key);

  // A cursor over one column family in key order (RocksDB's Iterator). Valid until the
  // store is closed; writes during iteration may or may not be seen.
  class Cursor {
   public:
    struct Impl;
    explicit Cursor(std::unique_ptr<Impl> impl);
    ~Cursor();
    Cursor(Cursor&&) noexcept;
    void seek(std::string_view target);
    void seekToFirst();
    bool valid() const;
    void next();
    std::string_view key() const;
    std::string_view value() const;

   private:
    std::unique_ptr<Impl> impl_;
  };
  Cursor cursor(int cf);

  // Drops expired entries of a TTL state while RocksDB compacts its column family (Flink's
  // FlinkCompactionFilter, for StateTtlConfig::cleanupInRocksdbCompactFilter). Values are
  // TtlValue bytes, the big-endian last-access timestamp first; for list state each element
  // starts with one, and the filter drops the leading expired elements, as Flink's does.
  struct TtlCompactionFilter {
    int64_t ttl = 0;
    // The filter reads the time again after this many entries.
    int64_t query_time_after_num_entries = 1000;
    TtlTimeProvider time;
    // List state only: the length of the element at the start of the bytes (0: malformed).
    // Called from RocksDB's background threads.
    std::function<size_t(std::string_view)> list_element_size;
  };
  // From the next compaction of `cf` on.
  void setTtlCompactionFilter(int cf, TtlCompactionFilter filter);
  // Writes the cache back, flushes `cf` and compacts all of it (Flink's compactState, for tests
  // of the compaction filter).
  Status compactRange(int cf);

  // The size and CRC32C of an SST file, as RocksDB computed them while writing it.
  struct SstFileChecksum {
    int64_t size = 0;
    uint32_t crc32c = 0;
  };
  // Flushes the memtables and writes a RocksDB checkpoint (hard links of the live SST
  // files, a copy of the manifest and options) into `dir`, which must not exist. Returns the
  // checksums RocksDB knows of its SST files, by file name: files written before they were
  // computed, or compacted away meanwhile, are missing.
  Result<std::map<std::string, SstFileChecksum>> createCheckpoint(const std::string& dir);

 private:
  struct Impl;
  explicit RocksDBStateStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace eddy::state
