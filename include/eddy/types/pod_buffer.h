#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace eddy::types {

// A growable byte buffer for the values of a fixed-width column: append() is inline and,
// once the capacity is there, a bounds check and a store (std::vector<uint8_t>::resize
// calls out of line and zero-fills on every append). 16-byte aligned, enough for int128;
// copies are deep.
class PodBuffer {
 public:
  PodBuffer() = default;
  PodBuffer(const PodBuffer& other) { assign(other); }
  PodBuffer(PodBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  PodBuffer& operator=(const PodBuffer& other) {
    if (this != &other) {
      size_ = 0;
      assign(other);
    }
    return *this;
  }
  PodBuffer& operator=(PodBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }
  ~PodBuffer() { ::operator delete(data_, std::align_val_t(kAlignment)); }

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

  // Appends the bytes of `value`.
  template <typename T>
  void append(const T& value) {
    if (size_ + sizeof(T) > capacity_) [[unlikely]] grow(size_ + sizeof(T));
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += sizeof(T);
  }
  // Appends `n` bytes for the caller to write; their address, valid until the next append.
  uint8_t* appendUninitialized(size_t n) {
    if (size_ + n > capacity_) [[unlikely]] grow(size_ + n);
    uint8_t* at = data_ + size_;
    size_ += n;
    return at;
  }
  // Appends `n` zero bytes.
  void appendZeros(size_t n) {
    if (size_ + n > capacity_) [[unlikely]] grow(size_ + n);
    std::memset(data_ + size_, 0, n);
    size_ += n;
  }
  void clear() { size_ = 0; }
  void reserve(size_t bytes) {
    if (bytes > capacity_) grow(bytes);
  }

 private:
  static constexpr size_t kAlignment = 16;

  void assign(const PodBuffer& other) {
    reserve(other.size_);
    if (other.size_ > 0) std::memcpy(data_, other.data_, other.size_);
    size_ = other.size_;
  }
  // Grows the capacity to at least `needed` bytes, doubling it.
  void grow(size_t needed) {
    size_t capacity = capacity_ == 0 ? 64 : capacity_ * 2;
    while (capacity < needed) capacity *= 2;
    auto* data = static_cast<uint8_t*>(::operator new(capacity, std::align_val_t(kAlignment)));
    if (size_ > 0) std::memcpy(data, data_, size_);
    ::operator delete(data_, std::align_val_t(kAlignment));
    data_ = data;
    capacity_ = capacity;
  }

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace eddy::types
