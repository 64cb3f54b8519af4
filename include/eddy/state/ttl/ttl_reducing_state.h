#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/state/ttl/abstract_ttl_state.h"
#include "eddy/state/ttl/ttl_decorator.h"

namespace eddy::state {

// The reduce function of a TTL reducing state (Flink's TtlReduceFunction): it folds the visible
// user values and stamps the result with the current time. When neither side is visible it
// keeps the second, still expired, which reads as absent.
template <typename V>
std::function<TtlValue<V>(const TtlValue<V>&, const TtlValue<V>&)> makeTtlReduceFunction(
    TtlDecorator ttl, std::function<V(const V&, const V&)> reduce) {
  return [ttl = std::move(ttl), reduce = std::move(reduce)](const TtlValue<V>& a, const TtlValue<V>& b) {
    const V* user_a = ttl.getUnexpired(a);
    const V* user_b = ttl.getUnexpired(b);
    if (user_a && user_b) return ttl.wrapWithTs(reduce(*user_a, *user_b));
    if (user_a) return TtlValue<V>{*user_a, ttl.now()};
    if (user_b) return TtlValue<V>{*user_b, ttl.now()};
    return b;
  };
}

// ReducingState with TTL (Flink's TtlReducingState): `Inner` is a reducing state of TtlValue<V>
// on either backend whose reduce function came from makeTtlReduceFunction. Used from the task
// thread.
template <typename V, typename Inner>
class TtlReducingState final : public AbstractTtlState<TtlReducingState<V, Inner>, Inner> {
  using Base = AbstractTtlState<TtlReducingState<V, Inner>, Inner>;

 public:
  using Base::Base;

  std::optional<V> get() {
    this->accessed();
    return this->ttl_.getWithTtlCheckAndUpdate(
        this->inner_->get(), [&](const TtlValue<V>& v) { this->inner_->updateInternal(v); },
        [&] { this->inner_->clear(); });
  }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const V& value) {
    this->accessed();
    return this->inner_->addFirst(this->ttl_.wrapWithTs(value));
  }
  template <typename N>
  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    this->inner_->mergeNamespaces(target, sources);
  }

  static bool expireStored(const std::optional<TtlValue<V>>& stored, int64_t ttl, int64_t now) {
    return !stored || ttlExpired(stored->last_access_timestamp, ttl, now);
  }
};

}  // namespace eddy::state
