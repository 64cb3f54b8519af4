#pragma once

#include <cstdint>
#include <concepts>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace eddy::state {

// Java's hashCode() for the key types a C++ job uses, so that a key lands in the same key
// group, and on the same subtask, as the equal key in Flink. A user key type provides
// `int32_t hashCode() const`.
template <typename T>
int32_t javaHashCode(const T& value);

namespace detail {

// String.hashCode over the UTF-16 code units of a UTF-8 string.
inline int32_t javaStringHash(std::string_view s) {
  uint32_t h = 0;
  size_t i = 0;
  while (i < s.size()) {
    auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
    uint32_t c = byte(i);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c, len = 1;
    } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((c & 0x1F) << 6) | (byte(i + 1) & 0x3F), len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((c & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F), len = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((c & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) | ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
      len = 4;
    } else {
      cp = 0xFFFD, len = 1;  // invalid UTF-8: Java's decoder yields the replacement character
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

template <typename Tuple, size_t... I>
int32_t tupleHash(const Tuple& t, std::index_sequence<I...>) {
  // Flink's Tuple2.hashCode: result = f0.hashCode(); result = 31 * result + f1.hashCode() …
  uint32_t h = 0;
  ((h = (I == 0 ? 0 : 31 * h) + static_cast<uint32_t>(javaHashCode(std::get<I>(t)))), ...);
  return static_cast<int32_t>(h);
}

template <typename X>
struct IsTuple : std::false_type {};
template <typename A, typename B>
struct IsTuple<std::pair<A, B>> : std::true_type {};
template <typename... Ts>
struct IsTuple<std::tuple<Ts...>> : std::true_type {};

}  // namespace detail

template <typename T>
int32_t javaHashCode(const T& value) {
  if constexpr (requires { { value.hashCode() } -> std::convertible_to<int32_t>; }) {
    return value.hashCode();
  } else if constexpr (std::is_same_v<T, bool>) {
    return value ? 1231 : 1237;
  } else if constexpr (std::is_integral_v<T> && sizeof(T) <= 4) {
    return static_cast<int32_t>(value);
  } else if constexpr (std::is_integral_v<T>) {
    uint64_t v = static_cast<uint64_t>(value);
    return static_cast<int32_t>(static_cast<uint32_t>(v ^ (v >> 32)));
  } else if constexpr (std::is_same_v<T, float>) {
    float f = value != value ? std::numeric_limits<float>::quiet_NaN() : value;  // floatToIntBits canonical NaN
    int32_t bits;
    std::memcpy(&bits, &f, sizeof(bits));
    return value != value ? 0x7fc00000 : bits;
  } else if constexpr (std::is_same_v<T, double>) {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    if (value != value) bits = 0x7ff8000000000000ULL;  // doubleToLongBits canonical NaN
    return static_cast<int32_t>(static_cast<uint32_t>(bits ^ (bits >> 32)));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return detail::javaStringHash(std::string_view(value));
  } else if constexpr (detail::IsTuple<T>::value) {
    return detail::tupleHash(value, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    static_assert(sizeof(T) == 0, "a key type needs `int32_t hashCode() const` (Java's hashCode of the key)");
    return 0;
  }
}

}  // namespace eddy::state
