#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace eddy::types {

// Appends values to a growable byte buffer in the byte order of Java's DataOutputStream
// (big-endian), as Flink's DataOutputSerializer, so primitives serialize to the bytes Flink
// writes. clear() keeps the memory. Not thread-safe.
class DataOutputSerializer {
 public:
  void writeBoolean(bool v) { buffer_.push_back(v ? 1 : 0); }
  void writeByte(int8_t v) { buffer_.push_back(static_cast<char>(v)); }
  void writeShort(int16_t v) { writeBigEndian(static_cast<uint16_t>(v)); }
  void writeInt(int32_t v) { writeBigEndian(static_cast<uint32_t>(v)); }
  void writeLong(int64_t v) { writeBigEndian(static_cast<uint64_t>(v)); }
  void writeFloat(float v) { writeBigEndian(std::bit_cast<uint32_t>(v)); }
  void writeDouble(double v) { writeBigEndian(std::bit_cast<uint64_t>(v)); }
  void write(std::string_view bytes) { buffer_.append(bytes); }
  // An int length, then the bytes (what DataInputDeserializer::readLengthPrefixed reads).
  void writeLengthPrefixed(std::string_view bytes) {
    writeInt(static_cast<int32_t>(bytes.size()));
    write(bytes);
  }

  const std::string& buffer() const { return buffer_; }
  std::string_view data() const { return buffer_; }
  size_t length() const { return buffer_.size(); }
  void clear() { buffer_.clear(); }

 private:
  template <typename U>
  void writeBigEndian(U v) {
    if constexpr (std::endian::native == std::endian::little) v = byteswap(v);
    char bytes[sizeof(U)];
    std::memcpy(bytes, &v, sizeof(U));
    buffer_.append(bytes, sizeof(U));
  }

  template <typename U>
  static U byteswap(U v) {
    if constexpr (sizeof(U) == 2) return static_cast<U>(__builtin_bswap16(v));
    if constexpr (sizeof(U) == 4) return static_cast<U>(__builtin_bswap32(v));
    if constexpr (sizeof(U) == 8) return static_cast<U>(__builtin_bswap64(v));
  }

  std::string buffer_;
};

}  // namespace eddy::types
