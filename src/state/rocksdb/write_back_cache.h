#pragma once

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

namespace eddy::state {

// Bytes of any length in kSize bytes: inline up to kSize - 4 of them, else on the heap (the
// pointer then takes the inline room).
template <size_t kSize>
class SmallBytes {
 public:
  static constexpr size_t kInline = kSize - sizeof(uint32_t);
  static_assert(kInline >= sizeof(char*));

  SmallBytes() = default;
  explicit SmallBytes(std::string_view bytes) { assign(bytes); }
  SmallBytes(const SmallBytes& other) { assign(other.view()); }
  SmallBytes(SmallBytes&& other) noexcept : size_(other.size_) {
    std::memcpy(bytes_, other.bytes_, kInline);
    other.size_ = 0;
  }
  SmallBytes& operator=(const SmallBytes&) = delete;
  SmallBytes& operator=(SmallBytes&&) = delete;
  ~SmallBytes() { release(); }

  std::string_view view() const { return {onHeap() ? heap() : bytes_, size_}; }

  // REQUIRES: `bytes` are not this object's own.
  void assign(std::string_view bytes) {
    if (onHeap() && bytes.size() == size_) {
      std::memcpy(heap(), bytes.data(), size_);
      return;
    }
    release();
    char* out = bytes_;
    if (bytes.size() > kInline) {
      out = std::allocator<char>().allocate(bytes.size());
      std::memcpy(bytes_, &out, sizeof(out));
    }
    size_ = static_cast<uint32_t>(bytes.size());
    std::memcpy(out, bytes.data(), size_);
  }

 private:
  bool onHeap() const { return size_ > kInline; }
  char* heap() const {
    char* p = nullptr;
    std::memcpy(&p, bytes_, sizeof(p));
    return p;
  }
  void release() {
    if (onHeap()) std::allocator<char>().deallocate(heap(), size_);
    size_ = 0;
  }

  uint32_t size_ = 0;
  char bytes_[kInline];
};

// A key's value as the write-back cache knows it: its bytes, or none (absent or removed),
// whether RocksDB has yet to be told, and whether RocksDB may hold a value for it. A key
// RocksDB does not hold needs no Delete when removed: a window's state that is created and
// dropped between two write-backs never reaches RocksDB. Values up to 16 bytes (a number,
// with or without its TTL timestamp) are kept inline.
class CachedValue {
  // First, so that the flags fill its padding.
  SmallBytes<20> bytes_;
  bool has_value_ = false;

 public:
  bool dirty = false;
  bool in_rocksdb = true;

  bool hasValue() const { return has_value_; }
  // REQUIRES: hasValue().
  std::string_view value() const { return bytes_.view(); }
  void setValue(std::string_view bytes) {
    bytes_.assign(bytes);
    has_value_ = true;
  }
  void clearValue() {
    bytes_.assign({});
    has_value_ = false;
  }
};

// A cached RocksDB key and its value. The key is inline up to 36 bytes (a numeric or short
// string key in a window namespace), and with its value it fills one cache line: a lookup
// of a random key costs one cache miss. In a hash set, hashed and compared by the key; the
// value changes in place.
class alignas(64) CacheEntry {
 public:
  explicit CacheEntry(std::string_view key) : key_(key) {}
  std::string_view key() const { return key_.view(); }
  CachedValue& value() const { return value_; }

 private:
  SmallBytes<40> key_;
  mutable CachedValue value_;
};
static_assert(sizeof(CacheEntry) == 64);

// Hashing and comparing CacheEntries by key, and the key bytes lookups use.
struct CacheKeyHash {
  using is_transparent = void;
  // Debian's abseil has its own string_view, the one it hashes.
  size_t operator()(std::string_view bytes) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(bytes.data(), bytes.size()));
  }
  size_t operator()(const CacheEntry& entry) const { return (*this)(entry.key()); }
};
struct CacheKeyEq {
  using is_transparent = void;
  static std::string_view key(std::string_view bytes) { return bytes; }
  static std::string_view key(const CacheEntry& entry) { return entry.key(); }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return key(a) == key(b);
  }
};

// The allocator of the cache's hash tables: tables of 2 MiB and more go on transparent huge
// pages, since a lookup of a random key in a table of many megabytes otherwise costs a TLB
// miss on top of the cache miss (on the keyed window count of bench/, the RocksDB job's
// CPU time went from about 2.4 times the heap job's to about 1.9).
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes, std::align_val_t(alignof(T))));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* memory = std::aligned_alloc(kHugePage, rounded);
    if (memory == nullptr) throw std::bad_alloc();
    madvise(memory, rounded, MADV_HUGEPAGE);  // advice only: without huge pages it still works
    return static_cast<T*>(memory);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(p, std::align_val_t(alignof(T)));
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

// The write-back cache of a RocksDBStateStore: a hash set per column family of RocksDB keys
// with the value the task last read or wrote, and the count of the changes RocksDB
// has yet to see. The store decides what goes to RocksDB and when. Not thread-safe.
class WriteBackCache {
 public:
  explicit WriteBackCache(size_t capacity) : capacity_(capacity) {}

  void addColumnFamily() {
    maps_.emplace_back();
    last_ = nullptr;  // the sets may have moved
  }
  size_t dirty() const { return dirty_; }

  // The entry of `key`, or nullptr.
  CachedValue* find(int cf, std::string_view key) {
    if (isLast(cf, key)) return &last_->value();
    Map& map = maps_[cf];
    auto it = map.find(key);
    return it == map.end() ? nullptr : &remember(cf, *it);
  }

  // The entry of `key`, inserted (clean, absent) if there was none. When the cache is full,
  // calls when_full() (to write the changes back) and empties it before inserting.
  template <typename WhenFull>
  CachedValue& entry(int cf, std::string_view key, bool& inserted, WhenFull&& when_full) {
    if (isLast(cf, key)) {
      inserted = false;
      return last_->value();
    }
    Map& map = maps_[cf];
    bool added = false;
    auto it = map.lazy_emplace(key, [&](const auto& construct) {
      added = true;
      construct(key);
    });
    inserted = added;
    if (!added) return remember(cf, *it);
    if (size_ >= capacity_) {
      map.erase(it);
      when_full();
      clear();
      it = map.emplace(key).first;
    }
    ++size_;
    return remember(cf, *it);
  }

  // Drops the entry of `key` (from find() or entry()).
  void erase(int cf, std::string_view key, const CachedValue& entry) {
    if (entry.dirty) --dirty_;
    maps_[cf].erase(key);
    --size_;
    last_ = nullptr;
  }

  void markDirty(CachedValue& entry) {
    if (!entry.dirty) ++dirty_;
    entry.dirty = true;
  }

  // Calls fn(cf, key bytes, entry) for every dirty entry, which is clean afterwards.
  template <typename F>
  void takeDirty(F&& fn) {
    for (size_t cf = 0; cf < maps_.size(); ++cf) {
      for (const CacheEntry& cached : maps_[cf]) {
        CachedValue& entry = cached.value();
        if (!entry.dirty) continue;
        entry.dirty = false;
        fn(static_cast<int>(cf), cached.key(), entry);
      }
    }
    dirty_ = 0;
  }

  // REQUIRES: no dirty entries.
  void clear() {
    for (Map& map : maps_) map.clear();
    size_ = 0;
    last_ = nullptr;
  }

 private:
  using Map = absl::flat_hash_set<CacheEntry, CacheKeyHash, CacheKeyEq, HugePageAllocator<CacheEntry>>;

  // The entry looked up last: a read-modify-write (value() then update() of the same key)
  // finds it again by comparing bytes instead of hashing and probing. Forgotten whenever
  // entries may move or go.
  bool isLast(int cf, std::string_view key) const {
    return last_ != nullptr && last_cf_ == cf && last_->key() == key;
  }
  CachedValue& remember(int cf, const CacheEntry& entry) {
    last_cf_ = cf;
    last_ = &entry;
    return entry.value();
  }

  size_t capacity_;
  std::vector<Map> maps_;
  size_t size_ = 0;
  size_t dirty_ = 0;
  int last_cf_ = -1;
  const CacheEntry* last_ = nullptr;
};

}  // namespace eddy::state
