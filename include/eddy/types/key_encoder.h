#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace eddy::types {

// Order-preserving binary encoding of state keys (DESIGN.md §3): comparing two encodings
// byte by byte gives the same order as comparing the keys, so a sorted store (RocksDB)
// iterates keys in key order within a key group. Integers are big-endian with the sign
// bit flipped; strings escape 0x00 as 0x00 0xFF and end with 0x00 0x01, so a prefix sorts
// first and composite keys stay unambiguous. A user key type opts in by providing
// `void encodeKey(std::string& out) const`.
template <typename K, typename Enable = void>
struct KeyEncoder {
  static void encode(const K& key, std::string& out) { key.encodeKey(out); }
};

namespace detail {
template <typename U>
inline void appendBigEndian(U value, std::string& out) {
  char bytes[sizeof(U)];
  for (size_t i = 0; i < sizeof(U); ++i) bytes[i] = static_cast<char>(value >> (8 * (sizeof(U) - 1 - i)));
  out.append(bytes, sizeof(U));
}
}  // namespace detail

template <typename K>
struct KeyEncoder<K, std::enable_if_t<std::is_integral_v<K>>> {
  // The bits whose big-endian bytes encode `key`.
  static std::make_unsigned_t<K> sortableBits(K key) {
    using U = std::make_unsigned_t<K>;
    U bits = static_cast<U>(key);
    if constexpr (std::is_signed_v<K>) bits ^= U(1) << (sizeof(K) * 8 - 1);
    return bits;
  }
  static void encode(K key, std::string& out) { detail::appendBigEndian(sortableBits(key), out); }
};

template <typename K>
struct KeyEncoder<K, std::enable_if_t<std::is_floating_point_v<K>>> {
  // The bits whose big-endian bytes encode `key`.
  static std::conditional_t<sizeof(K) == 4, uint32_t, uint64_t> sortableBits(K key) {
    using U = std::conditional_t<sizeof(K) == 4, uint32_t, uint64_t>;
    U bits;
    std::memcpy(&bits, &key, sizeof(bits));
    // Negative numbers: flip all bits; positive: flip the sign bit. Gives IEEE total order.
    return (bits >> (sizeof(U) * 8 - 1)) ? ~bits : bits ^ (U(1) << (sizeof(U) * 8 - 1));
  }
  static void encode(K key, std::string& out) { detail::appendBigEndian(sortableBits(key), out); }
};

struct StringKeyEncoder {
  static void encode(std::string_view key, std::string& out) {
    for (char c : key) {
      out.push_back(c);
      if (c == '\0') out.push_back('\xFF');
    }
    out.push_back('\0');
    out.push_back('\x01');
  }
};

template <>
struct KeyEncoder<std::string> : StringKeyEncoder {};
template <>
struct KeyEncoder<std::string_view> : StringKeyEncoder {};

template <typename A, typename B>
struct KeyEncoder<std::pair<A, B>> {
  static void encode(const std::pair<A, B>& key, std::string& out) {
    KeyEncoder<A>::encode(key.first, out);
    KeyEncoder<B>::encode(key.second, out);
  }
};

template <typename... Ts>
struct KeyEncoder<std::tuple<Ts...>> {
  static void encode(const std::tuple<Ts...>& key, std::string& out) {
    std::apply([&out](const auto&... parts) { (KeyEncoder<std::decay_t<decltype(parts)>>::encode(parts, out), ...); },
               key);
  }
};

// Appends the order-preserving encoding of `key` to `out`.
template <typename K>
inline void encodeKey(const K& key, std::string& out) {
  KeyEncoder<K>::encode(key, out);
}

}  // namespace eddy::types
