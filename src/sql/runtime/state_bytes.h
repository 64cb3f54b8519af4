#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace eddy::sql::state_bytes {

// The native-endian byte layout SQL operators use for the values they keep in keyed state
// (accumulators, frames, timer lists): fixed-size values as their bytes, strings with a
// uint32 length first. Readers consume from the front of a string_view.

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <typename T>
T take(std::string_view& in) {
  T value;
  std::memcpy(&value, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return value;
}

inline void putString(std::string& out, std::string_view value) {
  put<uint32_t>(out, static_cast<uint32_t>(value.size()));
  out += value;
}

inline std::string takeString(std::string_view& in) {
  const uint32_t size = take<uint32_t>(in);
  std::string value(in.substr(0, size));
  in.remove_prefix(size);
  return value;
}

}  // namespace eddy::sql::state_bytes
