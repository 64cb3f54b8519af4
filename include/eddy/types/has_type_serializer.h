#pragma once

#include <absl/container/flat_hash_map.h>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eddy/types/type_serializer.h"

namespace eddy::types {

// Whether TypeSerializer<T> exists: the built-in types and containers of them, and user
// types with serialize/deserialize members. State holding a type without one works, but
// cannot be snapshotted (the snapshot says which state).
template <typename T>
struct HasTypeSerializer
    : std::bool_constant<requires(const T& t, T& m, DataOutputSerializer& out, DataInputDeserializer& in) {
        t.serialize(out);
        { m.deserialize(in) } -> std::same_as<Status>;
      }> {};
template <typename T>
  requires std::is_arithmetic_v<T>
struct HasTypeSerializer<T> : std::true_type {};
template <>
struct HasTypeSerializer<std::string> : std::true_type {};
template <typename E, typename A>
struct HasTypeSerializer<std::vector<E, A>> : HasTypeSerializer<E> {};
template <typename A, typename B>
struct HasTypeSerializer<std::pair<A, B>> : std::bool_constant<HasTypeSerializer<A>::value && HasTypeSerializer<B>::value> {};
template <typename... Ts>
struct HasTypeSerializer<std::tuple<Ts...>> : std::bool_constant<(HasTypeSerializer<Ts>::value && ...)> {};
template <typename T>
struct HasTypeSerializer<std::optional<T>> : HasTypeSerializer<T> {};
template <typename K, typename V, typename C, typename A>
struct HasTypeSerializer<std::map<K, V, C, A>> : std::bool_constant<HasTypeSerializer<K>::value && HasTypeSerializer<V>::value> {};
template <typename K, typename V, typename H, typename E, typename A>
struct HasTypeSerializer<std::unordered_map<K, V, H, E, A>>
    : std::bool_constant<HasTypeSerializer<K>::value && HasTypeSerializer<V>::value> {};

template <typename T>
inline constexpr bool kHasTypeSerializer = HasTypeSerializer<T>::value;

}  // namespace eddy::types
