#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/common/prefetch.h"

namespace eddy::state {

// Allocates at cache-line boundaries, so that slots of a power-of-two size never straddle
// two lines.
template <typename T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <typename U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(64))); }
  void deallocate(T* p, size_t) { ::operator delete(p, std::align_val_t(64)); }
  template <typename U>
  bool operator==(const CacheLineAllocator<U>&) const {
    return true;
  }
};

// The layout of a PackedKeyMap's slots: a key of key_words 64-bit words (its bytes,
// zero-padded, with their number in the last byte; see packKey), then value_words words.
struct PackedLayout {
  size_t key_words = 1;
  size_t value_words = 1;

  size_t slotWords() const { return key_words + value_words; }
  // The longest key that fits: all bytes of the key words but the size byte.
  size_t maxKeyBytes() const { return key_words * 8 - 1; }
};

// Writes `bytes` into the key words at `out` (zero-padded, the size in the last byte).
// REQUIRES: bytes.size() <= layout.maxKeyBytes().
inline void packKey(const PackedLayout& layout, std::string_view bytes, uint64_t* out) {
  EDDY_CHECK(bytes.size() <= layout.maxKeyBytes());
  std::memset(out, 0, layout.key_words * 8);
  std::memcpy(out, bytes.data(), bytes.size());
  reinterpret_cast<unsigned char*>(out)[layout.key_words * 8 - 1] = static_cast<unsigned char>(bytes.size());
}
// The bytes of a key written by packKey.
inline std::string_view keyBytes(const PackedLayout& layout, const uint64_t* key) {
  return std::string_view(reinterpret_cast<const char*>(key),
                          reinterpret_cast<const unsigned char*>(key)[layout.key_words * 8 - 1]);
}
// A 64-bit mix of a key's words (murmur3's finalizer over their combination): the low bits
// pick the slot, the high ones tag it.
inline uint64_t hashKey(const PackedLayout& layout, const uint64_t* key) {
  uint64_t h = 0x632BE59BD9B4E019ull;
  for (size_t w = 0; w < layout.key_words; ++w) h = (h ^ key[w]) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

// An open-addressing hash map from short keys to a few 64-bit words, with linear probing,
// for state that is looked up once per record in a table larger than the caches: a key and
// its value share one slot of slotWords() words (32 bytes for a one-word key and three
// words of value, two slots per cache line), so the table is small, and a key sits at or
// just after its home slot (hash & mask), so prefetch(hash) loads the line that almost
// always holds it. A control byte per slot (0: empty, else 0x80 | 7 bits of the hash) lets a
// probe skip other keys without reading their slots. Erasing shifts the following keys back
// (no tombstones). A copy is deep (copy-on-write snapshots copy a key group's map).
class PackedKeyMap {
 public:
  explicit PackedKeyMap(PackedLayout layout) : layout_(layout) { allocate(kMinCapacity); }
  PackedKeyMap(const PackedKeyMap& other) = default;
  PackedKeyMap& operator=(const PackedKeyMap&) = delete;

  const PackedLayout& layout() const { return layout_; }
  size_t size() const { return size_; }

  // Loads the memory a lookup of a key with this hash will read first.
  void prefetch(uint64_t hash) const {
    const size_t i = hash & mask_;
    prefetchForRead(&ctrl_[i]);
    prefetchForRead(slot(i));
  }

  // The value words of `key` (whose hashKey() is `hash`), or nullptr.
  uint64_t* find(const uint64_t* key, uint64_t hash) {
    const size_t i = position(key, hash);
    return ctrl_[i] == 0 ? nullptr : slot(i) + layout_.key_words;
  }
  // The value words of `key`, inserted as zeros if absent; `created` tells which.
  uint64_t* findOrInsert(const uint64_t* key, uint64_t hash, bool& created) {
    size_t i = position(key, hash);
    created = ctrl_[i] == 0;
    if (created) {
      if ((size_ + 1) * 5 > capacity() * 4) {
        grow();
        i = position(key, hash);
      }
      ctrl_[i] = tag(hash);
      std::memcpy(slot(i), key, layout_.key_words * 8);
      ++size_;
    }
    return slot(i) + layout_.key_words;
  }
  // Removes `key`; whether it was there.
  bool erase(const uint64_t* key, uint64_t hash) {
    size_t hole = position(key, hash);
    if (ctrl_[hole] == 0) return false;
    // Backward shift: move each following key whose home is not between the hole and it
    // into the hole, until an empty slot.
    const size_t words = layout_.slotWords();
    for (size_t j = (hole + 1) & mask_; ctrl_[j] != 0; j = (j + 1) & mask_) {
      const size_t home = hashKey(layout_, slot(j)) & mask_;
      if (((j - home) & mask_) >= ((j - hole) & mask_)) {
        ctrl_[hole] = ctrl_[j];
        std::memcpy(slot(hole), slot(j), words * 8);
        hole = j;
      }
    }
    ctrl_[hole] = 0;
    std::memset(slot(hole), 0, words * 8);
    --size_;
    return true;
  }

  // Calls fn(key words, value words) for every entry.
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < capacity(); ++i) {
      if (ctrl_[i] != 0) fn(slot(i), slot(i) + layout_.key_words);
    }
  }

 private:
  static constexpr size_t kMinCapacity = 16;

  static uint8_t tag(uint64_t hash) { return static_cast<uint8_t>(0x80 | (hash >> 57)); }
  size_t capacity() const { return mask_ + 1; }
  uint64_t* slot(size_t i) { return words_.data() + i * layout_.slotWords(); }
  const uint64_t* slot(size_t i) const { return words_.data() + i * layout_.slotWords(); }

  bool keyAt(size_t i, const uint64_t* key) const {
    const uint64_t* stored = slot(i);
    for (size_t w = 0; w < layout_.key_words; ++w) {
      if (stored[w] != key[w]) return false;
    }
    return true;
  }

  // The slot holding `key`, or the empty slot where it would go.
  size_t position(const uint64_t* key, uint64_t hash) const {
    const uint8_t t = tag(hash);
    size_t i = hash & mask_;
    while (ctrl_[i] != 0 && (ctrl_[i] != t || !keyAt(i, key))) i = (i + 1) & mask_;
    return i;
  }

  void allocate(size_t capacity) {
    ctrl_.assign(capacity, 0);
    words_.assign(capacity * layout_.slotWords(), 0);
    mask_ = capacity - 1;
    size_ = 0;
  }

  void grow() {
    std::vector<uint8_t> old_ctrl = std::move(ctrl_);
    std::vector<uint64_t, CacheLineAllocator<uint64_t>> old_words = std::move(words_);
    const size_t words = layout_.slotWords();
    allocate(old_ctrl.size() * 2);
    for (size_t i = 0; i < old_ctrl.size(); ++i) {
      if (old_ctrl[i] == 0) continue;
      const uint64_t* old_slot = old_words.data() + i * words;
      size_t j = hashKey(layout_, old_slot) & mask_;
      while (ctrl_[j] != 0) j = (j + 1) & mask_;
      ctrl_[j] = old_ctrl[i];
      std::memcpy(slot(j), old_slot, words * 8);
      ++size_;
    }
  }

  PackedLayout layout_;
  std::vector<uint8_t> ctrl_;
  std::vector<uint64_t, CacheLineAllocator<uint64_t>> words_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace eddy::state
