#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/functions/process_window_function.h"
#include "eddy/operators/function_calls.h"
#include "eddy/runtime/collector.h"

namespace eddy::operators {

// Emits a window's input as it is (aggregate(agg) and reduce(f) without a window function).
struct PassThroughWindowFunction {};

template <typename F>
inline constexpr bool kIsProcessWindowFunction = std::is_base_of_v<RichFunction, F> && requires {
  typename F::WindowType;
  typename F::KeyType;
};

// The output type of window function F given the window's input type.
template <typename F, typename Input>
struct WindowOutput {
  using type = WindowFunctionResult<F>;
};
template <typename Input>
struct WindowOutput<PassThroughWindowFunction, Input> {
  using type = Input;
};
template <typename F, typename Input>
  requires kIsProcessWindowFunction<F>
struct WindowOutput<F, Input> {
  using type = typename F::OutputType;
};

// Calls a user's window function with a window's input, in whichever of Flink's forms it
// comes: PassThroughWindowFunction; a ProcessWindowFunction subclass (process(key, ctx,
// elements, out), a single pre-aggregated input handed over as a one-element vector); or a
// callable (key, window, input, out), as Flink's WindowFunction.apply. `make_context`
// builds the ProcessWindowFunction's Context only when one is needed.
template <typename F, typename K, typename W, typename Input, typename OUT, typename MakeContext>
void callWindowFunction(F& f, const K& key, const W& window, const Input& input, MakeContext&& make_context,
                        Collector<OUT>& out) {
  if constexpr (std::is_same_v<F, PassThroughWindowFunction>) {
    out.collect(input);
  } else if constexpr (kIsProcessWindowFunction<F>) {
    auto ctx = make_context();
    if constexpr (std::is_same_v<Input, std::vector<typename F::InputType>>) {
      f.process(key, ctx, input, out);
    } else {
      std::vector<typename F::InputType> one{input};
      f.process(key, ctx, one, out);
    }
  } else {
    f(key, window, input, out);
  }
}

}  // namespace eddy::operators
