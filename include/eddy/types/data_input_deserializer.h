#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "eddy/common/status.h"

namespace eddy::types {

// Reads big-endian values from borrowed bytes, as Flink's DataInputDeserializer. Reading
// past the end fails with Corruption naming the offset, and reads nothing. The bytes must
// outlive the reader. Not thread-safe.
class DataInputDeserializer {
 public:
  explicit DataInputDeserializer(std::string_view bytes) : bytes_(bytes) {}

  Status readBoolean(bool& v) {
    int8_t b = 0;
    Status status = readByte(b);
    v = b != 0;
    return status;
  }
  Status readByte(int8_t& v) {
    if (available() < 1) return truncated(1);
    v = static_cast<int8_t>(bytes_[position_++]);
    return Status::OK();
  }
  Status readUnsignedByte(uint8_t& v) {
    if (available() < 1) return truncated(1);
    v = static_cast<uint8_t>(bytes_[position_++]);
    return Status::OK();
  }
  Status readShort(int16_t& v) { return readBigEndian<uint16_t>(v); }
  Status readInt(int32_t& v) { return readBigEndian<uint32_t>(v); }
  Status readLong(int64_t& v) { return readBigEndian<uint64_t>(v); }
  Status readFloat(float& v) { return readBigEndian<uint32_t>(v); }
  Status readDouble(double& v) { return readBigEndian<uint64_t>(v); }
  // Reads exactly n bytes into `out` (replacing its contents).
  Status readFully(size_t n, std::string& out) {
    if (available() < n) return truncated(n);
    out.assign(bytes_.data() + position_, n);
    position_ += n;
    return Status::OK();
  }

  // An int length, then that many bytes (DataOutputSerializer::writeLengthPrefixed);
  // a negative length is Corruption.
  Status readLengthPrefixed(std::string& out) {
    int32_t size = 0;
    Status status = readInt(size);
    if (!status.ok()) return status;
    if (size < 0) [[unlikely]] return negativeLength(size);
    return readFully(static_cast<size_t>(size), out);
  }

  size_t position() const { return position_; }
  size_t available() const { return bytes_.size() - position_; }

 private:
  template <typename U, typename T>
  Status readBigEndian(T& v) {
    if (available() < sizeof(U)) return truncated(sizeof(U));
    U bits;
    std::memcpy(&bits, bytes_.data() + position_, sizeof(U));
    position_ += sizeof(U);
    if constexpr (std::endian::native == std::endian::little) {
      if constexpr (sizeof(U) == 2) bits = __builtin_bswap16(bits);
      if constexpr (sizeof(U) == 4) bits = __builtin_bswap32(bits);
      if constexpr (sizeof(U) == 8) bits = __builtin_bswap64(bits);
    }
    v = std::bit_cast<T>(bits);
    return Status::OK();
  }

  // Out of line: the error paths build a message.
  Status truncated(size_t needed) const;
  static Status negativeLength(int32_t size);

  std::string_view bytes_;
  size_t position_ = 0;
};

}  // namespace eddy::types
