#pragma once

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "eddy/types/string_value.h"

namespace eddy::types {

// How values of a user type T become bytes (network, state, savepoints), as Flink's
// TypeSerializer<T> but chosen at compile time: no virtual call per record. Each
// specialisation has
//   static void serialize(const T& value, DataOutputSerializer& out);
//   static Status deserialize(DataInputDeserializer& in, T& value);  // Corruption if truncated
// Provided: bool, integers, float, double, std::string, std::vector, std::pair, std::tuple,
// std::optional, std::map and std::unordered_map, with Flink's layouts (big-endian
// primitives; StringValue strings; an int32 size before list and map entries; a null flag
// before each map value and optional, as MapSerializer and NullableSerializer).
// A user type either specialises TypeSerializer or has the members
//   void serialize(DataOutputSerializer& out) const;
//   Status deserialize(DataInputDeserializer& in);
template <typename T, typename Enable = void>
struct TypeSerializer {
  static_assert(requires(const T& t, T& m, DataOutputSerializer& out, DataInputDeserializer& in) {
    t.serialize(out);
    { m.deserialize(in) } -> std::same_as<Status>;
  }, "TypeSerializer<T>: specialise it or give T serialize(DataOutputSerializer&) const and "
     "Status deserialize(DataInputDeserializer&)");

  static void serialize(const T& value, DataOutputSerializer& out) { value.serialize(out); }
  static Status deserialize(DataInputDeserializer& in, T& value) { return value.deserialize(in); }
};

template <>
struct TypeSerializer<bool> {
  static void serialize(bool value, DataOutputSerializer& out) { out.writeBoolean(value); }
  static Status deserialize(DataInputDeserializer& in, bool& value) { return in.readBoolean(value); }
};

// Integers of 1, 2, 4 and 8 bytes as Java's byte, short, int and long (unsigned ones as
// the signed type of their width).
template <typename T>
struct TypeSerializer<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  using Signed = std::make_signed_t<T>;
  static void serialize(T value, DataOutputSerializer& out) {
    const auto v = static_cast<Signed>(value);
    if constexpr (sizeof(T) == 1) out.writeByte(v);
    if constexpr (sizeof(T) == 2) out.writeShort(v);
    if constexpr (sizeof(T) == 4) out.writeInt(v);
    if constexpr (sizeof(T) == 8) out.writeLong(v);
  }
  static Status deserialize(DataInputDeserializer& in, T& value) {
    Signed v = 0;
    Status status;
    if constexpr (sizeof(T) == 1) status = in.readByte(v);
    if constexpr (sizeof(T) == 2) status = in.readShort(v);
    if constexpr (sizeof(T) == 4) status = in.readInt(v);
    if constexpr (sizeof(T) == 8) status = in.readLong(v);
    value = static_cast<T>(v);
    return status;
  }
};

template <>
struct TypeSerializer<float> {
  static void serialize(float value, DataOutputSerializer& out) { out.writeFloat(value); }
  static Status deserialize(DataInputDeserializer& in, float& value) { return in.readFloat(value); }
};

template <>
struct TypeSerializer<double> {
  static void serialize(double value, DataOutputSerializer& out) { out.writeDouble(value); }
  static Status deserialize(DataInputDeserializer& in, double& value) { return in.readDouble(value); }
};

template <>
struct TypeSerializer<std::string> {
  static void serialize(const std::string& value, DataOutputSerializer& out) { writeStringValue(value, out); }
  static Status deserialize(DataInputDeserializer& in, std::string& value) { return readStringValue(in, value); }
};

namespace detail {
// Reads a collection size written as Java int; rejects negative sizes.
inline Status readSize(DataInputDeserializer& in, size_t& size) {
  int32_t n = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(n));
  if (n < 0) return Corruption("negative collection size");
  size = static_cast<size_t>(n);
  return Status::OK();
}
}  // namespace detail

template <typename E, typename A>
struct TypeSerializer<std::vector<E, A>> {
  static void serialize(const std::vector<E, A>& value, DataOutputSerializer& out) {
    out.writeInt(static_cast<int32_t>(value.size()));
    for (const auto& element : value) TypeSerializer<E>::serialize(element, out);
  }
  static Status deserialize(DataInputDeserializer& in, std::vector<E, A>& value) {
    size_t size = 0;
    EDDY_RETURN_IF_ERROR(detail::readSize(in, size));
    value.clear();
    // A corrupt size must not reserve more than the input could hold.
    value.reserve(std::min(size, in.available()));
    for (size_t i = 0; i < size; ++i) {
      E element{};
      EDDY_RETURN_IF_ERROR(TypeSerializer<E>::deserialize(in, element));
      value.push_back(std::move(element));
    }
    return Status::OK();
  }
};

template <typename A, typename B>
struct TypeSerializer<std::pair<A, B>> {
  static void serialize(const std::pair<A, B>& value, DataOutputSerializer& out) {
    TypeSerializer<A>::serialize(value.first, out);
    TypeSerializer<B>::serialize(value.second, out);
  }
  static Status deserialize(DataInputDeserializer& in, std::pair<A, B>& value) {
    EDDY_RETURN_IF_ERROR(TypeSerializer<A>::deserialize(in, value.first));
    return TypeSerializer<B>::deserialize(in, value.second);
  }
};

template <typename... Ts>
struct TypeSerializer<std::tuple<Ts...>> {
  static void serialize(const std::tuple<Ts...>& value, DataOutputSerializer& out) {
    std::apply([&out](const auto&... parts) { (TypeSerializer<std::decay_t<decltype(parts)>>::serialize(parts, out), ...); },
               value);
  }
  static Status deserialize(DataInputDeserializer& in, std::tuple<Ts...>& value) {
    Status status;
    std::apply(
        [&](auto&... parts) {
          // Stops at the first failure: later fields are not read.
          ((status.ok() ? (status = TypeSerializer<std::decay_t<decltype(parts)>>::deserialize(in, parts), 0) : 0), ...);
        },
        value);
    return status;
  }
};

template <typename T>
struct TypeSerializer<std::optional<T>> {
  static void serialize(const std::optional<T>& value, DataOutputSerializer& out) {
    out.writeBoolean(!value.has_value());
    if (value) TypeSerializer<T>::serialize(*value, out);
  }
  static Status deserialize(DataInputDeserializer& in, std::optional<T>& value) {
    bool is_null = false;
    EDDY_RETURN_IF_ERROR(in.readBoolean(is_null));
    if (is_null) {
      value.reset();
      return Status::OK();
    }
    T inner{};
    EDDY_RETURN_IF_ERROR(TypeSerializer<T>::deserialize(in, inner));
    value = std::move(inner);
    return Status::OK();
  }
};

namespace detail {
// Flink's MapSerializer: size, then per entry the key, a null flag and the value.
template <typename M>
struct MapTypeSerializer {
  using K = typename M::key_type;
  using V = typename M::mapped_type;
  static void serialize(const M& value, DataOutputSerializer& out) {
    out.writeInt(static_cast<int32_t>(value.size()));
    for (const auto& [key, item] : value) {
      TypeSerializer<K>::serialize(key, out);
      out.writeBoolean(false);
      TypeSerializer<V>::serialize(item, out);
    }
  }
  static Status deserialize(DataInputDeserializer& in, M& value) {
    size_t size = 0;
    EDDY_RETURN_IF_ERROR(readSize(in, size));
    value.clear();
    for (size_t i = 0; i < size; ++i) {
      K key{};
      EDDY_RETURN_IF_ERROR(TypeSerializer<K>::deserialize(in, key));
      bool is_null = false;
      EDDY_RETURN_IF_ERROR(in.readBoolean(is_null));
      if (is_null) return Corruption("null map value where a C++ map is expected");
      V item{};
      EDDY_RETURN_IF_ERROR(TypeSerializer<V>::deserialize(in, item));
      value.insert_or_assign(std::move(key), std::move(item));
    }
    return Status::OK();
  }
};
}  // namespace detail

template <typename K, typename V, typename C, typename A>
struct TypeSerializer<std::map<K, V, C, A>> : detail::MapTypeSerializer<std::map<K, V, C, A>> {};

template <typename K, typename V, typename H, typename E, typename A>
struct TypeSerializer<std::unordered_map<K, V, H, E, A>> : detail::MapTypeSerializer<std::unordered_map<K, V, H, E, A>> {};

// The bytes of one value, as InstantiationUtil.serializeToByteArray.
template <typename T>
std::string serializeToBytes(const T& value) {
  DataOutputSerializer out;
  TypeSerializer<T>::serialize(value, out);
  return out.buffer();
}

// One value read back from `bytes`; trailing bytes are ignored, as Flink does.
template <typename T>
Result<T> deserializeFromBytes(std::string_view bytes) {
  DataInputDeserializer in(bytes);
  T value{};
  EDDY_RETURN_IF_ERROR(TypeSerializer<T>::deserialize(in, value));
  return value;
}

}  // namespace eddy::types
