#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::formats::raw {

// The unsigned integer of sizeof(U) bytes at the start of `bytes`, in big- or little-endian
// order. REQUIRES: bytes.size() >= sizeof(U).
template <typename U>
U readUnsigned(std::string_view bytes, bool big_endian) {
  U value = 0;
  for (size_t i = 0; i < sizeof(U); ++i) {
    const U byte = static_cast<unsigned char>(bytes[big_endian ? i : sizeof(U) - 1 - i]);
    value = static_cast<U>((value << 8) | byte);
  }
  return value;
}

// Appends the sizeof(U) bytes of `value` to `out` in big- or little-endian order.
template <typename U>
void appendUnsigned(U value, bool big_endian, std::string& out) {
  char bytes[sizeof(U)];
  for (size_t i = 0; i < sizeof(U); ++i) {
    bytes[big_endian ? sizeof(U) - 1 - i : i] = static_cast<char>(value & 0xff);
    value = static_cast<U>(value >> 8);
  }
  out.append(bytes, sizeof(U));
}

}  // namespace eddy::formats::raw
