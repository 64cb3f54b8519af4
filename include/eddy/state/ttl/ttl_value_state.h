#pragma once

#include <cstdint>
#include <optional>

#include "eddy/state/ttl/abstract_ttl_state.h"

namespace eddy::state {

// ValueState with TTL (Flink's TtlValueState): the value is stored with its last-access
// timestamp in `Inner`, a value state of TtlValue<V> on either backend. An expired value reads
// as absent (or, with ReturnExpiredIfNotCleanedUp, once more) and is removed when read. Used
// from the task thread.
template <typename V, typename Inner>
class TtlValueState final : public AbstractTtlState<TtlValueState<V, Inner>, Inner> {
  using Base = AbstractTtlState<TtlValueState<V, Inner>, Inner>;

 public:
  using Base::Base;

  std::optional<V> value() {
    this->accessed();
    return this->ttl_.getWithTtlCheckAndUpdate(
        this->inner_->value(), [&](const TtlValue<V>& v) { this->inner_->update(v); }, [&] { this->inner_->clear(); });
  }
  void update(const V& value) {
    this->accessed();
    this->inner_->update(this->ttl_.wrapWithTs(value));
  }
  // The value for an in-place read-modify-write, V() if there was none or it expired and is
  // invisible. The slot is written back, so this counts as a write: its timestamp is now.
  V& getOrCreate(bool& created) {
    this->accessed();
    TtlValue<V>& slot = this->inner_->getOrCreate(created);
    if (!created && !this->ttl_.returnExpired() && this->ttl_.expired(slot)) {
      slot.user_value = V{};
      created = true;
    }
    slot.last_access_timestamp = this->ttl_.now();
    return slot.user_value;
  }

  static bool expireStored(const TtlValue<V>& stored, int64_t ttl, int64_t now) {
    return ttlExpired(stored.last_access_timestamp, ttl, now);
  }
};

}  // namespace eddy::state
