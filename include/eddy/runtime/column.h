#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace eddy::runtime {

// A growable array for the columns of a RecordBatch. Like std::vector, but its append is
// a compare, a placement-new and an increment that always inlines: growing is a separate,
// out-of-line call. (GCC builds std::vector::push_back with the reallocation inlined, too
// big to inline into batch loops, which cost a call per record.)
template <typename T>
class Column {
 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  Column() = default;
  Column(std::initializer_list<T> values) { append(values.begin(), values.end()); }
  Column(const Column& other) { append(other.begin(), other.end()); }
  Column(Column&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  Column& operator=(const Column& other) {
    if (this != &other) {
      clear();
      reserve(other.size_);
      append(other.begin(), other.end());
    }
    return *this;
  }
  Column& operator=(Column&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }
  ~Column() { release(); }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

  void push_back(const T& value) {
    if (size_ == capacity_) [[unlikely]] grow();
    ::new (static_cast<void*>(data_ + size_)) T(value);
    ++size_;
  }
  void push_back(T&& value) {
    if (size_ == capacity_) [[unlikely]] grow();
    ::new (static_cast<void*>(data_ + size_)) T(std::move(value));
    ++size_;
  }
  void reserve(size_t n) {
    if (n > capacity_) reallocate(n);
  }
  // Destroys the elements and keeps the memory.
  void clear() {
    std::destroy(data_, data_ + size_);
    size_ = 0;
  }

  friend bool operator==(const Column& a, const Column& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

 private:
  template <typename It>
  void append(It first, It last) {
    reserve(size_ + static_cast<size_t>(std::distance(first, last)));
    for (; first != last; ++first) push_back(*first);
  }

  [[gnu::noinline]] void grow() { reallocate(std::max<size_t>(16, capacity_ * 2)); }

  void reallocate(size_t capacity) {
    T* fresh = static_cast<T*>(::operator new(capacity * sizeof(T), std::align_val_t(alignof(T))));
    std::uninitialized_move(data_, data_ + size_, fresh);
    std::destroy(data_, data_ + size_);
    if (data_) ::operator delete(data_, std::align_val_t(alignof(T)));
    data_ = fresh;
    capacity_ = capacity;
  }

  void release() {
    clear();
    if (data_) ::operator delete(data_, std::align_val_t(alignof(T)));
    data_ = nullptr;
    capacity_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace eddy::runtime
