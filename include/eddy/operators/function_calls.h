#pragma once

#include <type_traits>
#include <utility>

#include "eddy/functions/functions.h"

namespace eddy {
class CheckpointedFunction;
}  // namespace eddy

namespace eddy::operators {

// Calls a user function given either as a Flink-style function object (MapFunction, …) or
// as a plain callable. Resolved at compile time: no per-record indirection is added.

template <typename F, typename T>
decltype(auto) callMap(F& f, const T& value) {
  if constexpr (requires { f.map(value); }) return f.map(value);
  else return f(value);
}

template <typename F, typename T>
bool callFilter(F& f, const T& value) {
  if constexpr (requires { f.filter(value); }) return f.filter(value);
  else return f(value);
}

template <typename F, typename T, typename C>
void callFlatMap(F& f, const T& value, C& out) {
  if constexpr (requires { f.flatMap(value, out); }) f.flatMap(value, out);
  else f(value, out);
}

template <typename F, typename T>
T callReduce(F& f, const T& a, const T& b) {
  if constexpr (requires { f.reduce(a, b); }) return f.reduce(a, b);
  else return f(a, b);
}

// open()/close() of functions that derive from RichFunction.
template <typename F>
void openFunction(F& f) {
  if constexpr (std::is_base_of_v<RichFunction, F>) f.open();
}
template <typename F>
void closeFunction(F& f) {
  if constexpr (std::is_base_of_v<RichFunction, F>) f.close();
}

// The CheckpointedFunction side of a user function, or nullptr when it has none.
template <typename F>
CheckpointedFunction* checkpointedFunctionOf(F& f) {
  if constexpr (std::is_base_of_v<CheckpointedFunction, F>) return &f;
  else return nullptr;
}

// The result type of a map function applied to T.
template <typename F, typename T>
using MapResult = std::decay_t<decltype(callMap(std::declval<F&>(), std::declval<const T&>()))>;

namespace detail {
template <typename M>
struct SecondArgOf;
template <typename C, typename R, typename A, typename B>
struct SecondArgOf<R (C::*)(A, B)> { using type = B; };
template <typename C, typename R, typename A, typename B>
struct SecondArgOf<R (C::*)(A, B) const> { using type = B; };

template <typename X>
struct CollectedType;
template <typename O>
struct CollectedType<Collector<O>&> { using type = O; };

template <typename F>
auto flatMapMember() {
  if constexpr (requires { &F::flatMap; }) return &F::flatMap;
  else return &F::operator();
}
}  // namespace detail

namespace detail {
template <typename M>
struct FourthArgOf;
template <typename C, typename R, typename A, typename B, typename X, typename D>
struct FourthArgOf<R (C::*)(A, B, X, D)> { using type = D; };
template <typename C, typename R, typename A, typename B, typename X, typename D>
struct FourthArgOf<R (C::*)(A, B, X, D) const> { using type = D; };
}  // namespace detail

// The element type O of the Collector<O>& a window function (key, window, result, out)
// takes fourth.
namespace detail {
template <typename F>
struct WindowFunctionTraits {
  using type = typename CollectedType<typename FourthArgOf<decltype(&F::operator())>::type>::type;
};
template <typename R, typename A, typename B, typename C, typename D>
struct WindowFunctionTraits<R (*)(A, B, C, D)> {
  using type = typename CollectedType<D>::type;
};
}  // namespace detail

template <typename F>
using WindowFunctionResult = typename detail::WindowFunctionTraits<F>::type;

namespace detail {
template <typename M>
struct ThirdArgOf;
template <typename C, typename R, typename A, typename B, typename X>
struct ThirdArgOf<R (C::*)(A, B, X)> { using type = X; };
template <typename C, typename R, typename A, typename B, typename X>
struct ThirdArgOf<R (C::*)(A, B, X) const> { using type = X; };
}  // namespace detail

// The element type O of the Collector<O>& an all-window function (window, input, out)
// takes third.
template <typename F>
using AllWindowFunctionResult =
    typename detail::CollectedType<typename detail::ThirdArgOf<decltype(&F::operator())>::type>::type;

// The element type O of the Collector<O>& a flat-map function (or lambda) takes second.
template <typename F>
using FlatMapResult =
    typename detail::CollectedType<typename detail::SecondArgOf<decltype(detail::flatMapMember<F>())>::type>::type;

}  // namespace eddy::operators
