#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace eddy {

// How a record prints (print sink, logs): a type's own toString() if it has one, pairs and
// tuples as Flink prints its Tuple types, "(a,1)", otherwise fmt or operator<<.
template <typename T>
std::string toDisplayString(const T& value);

namespace detail {
template <typename Tuple, size_t... I>
std::string tupleToString(const Tuple& t, std::index_sequence<I...>) {
  std::string out = "(";
  ((out += (I == 0 ? "" : ","), out += toDisplayString(std::get<I>(t))), ...);
  return out + ")";
}
template <typename X>
struct IsTupleLike : std::false_type {};
template <typename A, typename B>
struct IsTupleLike<std::pair<A, B>> : std::true_type {};
template <typename... Ts>
struct IsTupleLike<std::tuple<Ts...>> : std::true_type {};
}  // namespace detail

template <typename T>
std::string toDisplayString(const T& value) {
  if constexpr (requires { value.toString(); }) {
    return value.toString();
  } else if constexpr (detail::IsTupleLike<T>::value) {
    return detail::tupleToString(value, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (fmt::is_formattable<T>::value) {
    return fmt::format("{}", value);
  } else {
    std::ostringstream out;
    out << value;
    return out.str();
  }
}

}  // namespace eddy
