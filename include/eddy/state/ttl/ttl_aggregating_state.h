#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/functions/functions.h"
#include "eddy/state/ttl/abstract_ttl_state.h"
#include "eddy/state/ttl/ttl_decorator.h"

namespace eddy::state {

// The aggregate function of a TTL aggregating state (Flink's TtlAggregateFunction): it adds to
// the visible accumulator (a new one when it expired) and stamps the result with the current
// time; merge() merges the visible sides. When neither side is visible merge() keeps the second,
// still expired, which reads as absent.
template <typename IN, typename ACC, typename OUT>
class TtlAggregateFunction final : public AggregateFunction<IN, TtlValue<ACC>, OUT> {
 public:
  TtlAggregateFunction(std::shared_ptr<AggregateFunction<IN, ACC, OUT>> original, TtlDecorator ttl)
      : original_(std::move(original)), ttl_(std::move(ttl)) {}

  TtlValue<ACC> createAccumulator() override { return ttl_.wrapWithTs(original_->createAccumulator()); }
  TtlValue<ACC> add(const IN& value, TtlValue<ACC> accumulator) override {
    const ACC* user = ttl_.getUnexpired(accumulator);
    ACC acc = user ? std::move(accumulator.user_value) : original_->createAccumulator();
    return ttl_.wrapWithTs(original_->add(value, std::move(acc)));
  }
  // The result of the stored accumulator, as stored: TtlAggregatingState::get() checks expiry
  // before it asks.
  OUT getResult(const TtlValue<ACC>& accumulator) override { return original_->getResult(accumulator.user_value); }
  TtlValue<ACC> merge(TtlValue<ACC> a, const TtlValue<ACC>& b) override {
    const ACC* user_a = ttl_.getUnexpired(a);
    const ACC* user_b = ttl_.getUnexpired(b);
    if (user_a && user_b) return ttl_.wrapWithTs(original_->merge(std::move(a.user_value), *user_b));
    if (user_a) return ttl_.wrapWithTs(std::move(a.user_value));
    if (user_b) return ttl_.wrapWithTs(*user_b);
    return b;
  }

 private:
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> original_;
  TtlDecorator ttl_;
};

// AggregatingState with TTL (Flink's TtlAggregatingState): `Inner` is an aggregating state of
// TtlValue<ACC> on either backend running a TtlAggregateFunction; `fn` is the user's function,
// for get(). Used from the task thread.
template <typename IN, typename ACC, typename OUT, typename Inner>
class TtlAggregatingState final : public AbstractTtlState<TtlAggregatingState<IN, ACC, OUT, Inner>, Inner> {
  using Base = AbstractTtlState<TtlAggregatingState<IN, ACC, OUT, Inner>, Inner>;

 public:
  TtlAggregatingState(std::unique_ptr<Inner> inner, std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn,
                      TtlDecorator ttl)
      : Base(std::move(inner), std::move(ttl)), fn_(std::move(fn)) {}

  std::optional<OUT> get() {
    this->accessed();
    std::optional<ACC> acc = this->ttl_.getWithTtlCheckAndUpdate(
        this->inner_->getInternal(), [&](const TtlValue<ACC>& v) { this->inner_->updateInternal(v); },
        [&] { this->inner_->clear(); });
    return acc ? std::optional<OUT>(fn_->getResult(*acc)) : std::nullopt;
  }
  // add(), telling whether the namespace held no value before (for the window operator).
  bool addFirst(const IN& value) {
    this->accessed();
    return this->inner_->addFirst(value);
  }
  template <typename N>
  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    this->inner_->mergeNamespaces(target, sources);
  }

  static bool expireStored(const std::optional<TtlValue<ACC>>& stored, int64_t ttl, int64_t now) {
    return !stored || ttlExpired(stored->last_access_timestamp, ttl, now);
  }

 private:
  std::shared_ptr<AggregateFunction<IN, ACC, OUT>> fn_;
};

}  // namespace eddy::state
