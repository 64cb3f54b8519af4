#pragma once

#include <cstdint>
#include <vector>

#include "eddy/state/ttl/abstract_ttl_state.h"
#include "eddy/types/has_type_serializer.h"

namespace eddy::state {

// ListState with TTL (Flink's TtlListState): every element carries its own last-access
// timestamp in `Inner`, a list state of TtlValue<V> on either backend. get() skips expired
// elements (unless expired ones are visible) and clears the list when none is left unexpired;
// with OnReadAndWrite it rewrites the unexpired elements with the current time. Used from the
// task thread.
template <typename V, typename Inner>
class TtlListState final : public AbstractTtlState<TtlListState<V, Inner>, Inner> {
  using Base = AbstractTtlState<TtlListState<V, Inner>, Inner>;

 public:
  using Base::Base;

  // Valid until the next call on this state.
  const std::vector<V>& get() {
    this->accessed();
    values_.clear();
    const std::vector<TtlValue<V>>& stored = this->inner_->get();
    if (stored.empty()) return values_;
    const int64_t now = this->ttl_.now();
    bool any_unexpired = false;
    refreshed_.clear();
    for (const TtlValue<V>& element : stored) {
      bool unexpired = !ttlExpired(element.last_access_timestamp, this->ttl_.ttl(), now);
      any_unexpired |= unexpired;
      if (unexpired || this->ttl_.returnExpired()) values_.push_back(element.user_value);
      if (unexpired && this->ttl_.updateTsOnRead()) refreshed_.push_back(TtlValue<V>{element.user_value, now});
    }
    if (!any_unexpired) {
      this->inner_->clear();
    } else if (this->ttl_.updateTsOnRead()) {
      this->inner_->update(refreshed_);
    }
    return values_;
  }
  void add(const V& value) {
    this->accessed();
    this->inner_->add(this->ttl_.wrapWithTs(value));
  }
  // add(), telling whether the namespace held no list before (for the window operator).
  bool addFirst(const V& value) {
    this->accessed();
    return this->inner_->addFirst(this->ttl_.wrapWithTs(value));
  }
  void addAll(const std::vector<V>& values) {
    this->accessed();
    this->inner_->addAll(withTs(values));
  }
  void update(const std::vector<V>& values) {
    this->accessed();
    this->inner_->update(withTs(values));
  }
  template <typename N>
  void mergeNamespaces(const N& target, const std::vector<N>& sources) {
    this->inner_->mergeNamespaces(target, sources);
  }

  // Each element carries its timestamp: expired ones are dropped, and lists left empty.
  Status filterSnapshot(StateSnapshot& out) const {
    if constexpr (types::kHasTypeSerializer<V>) {
      if (this->ttl_.config().inFullSnapshot()) {
        return dropExpiredListElements<V>(out, this->ttl_.ttl(), this->ttl_.now());
      }
    }
    return Status::OK();
  }
  static bool expireStored(std::vector<TtlValue<V>>& stored, int64_t ttl, int64_t now) {
    std::erase_if(stored, [&](const TtlValue<V>& v) { return ttlExpired(v.last_access_timestamp, ttl, now); });
    return stored.empty();
  }

 private:
  // The values with one timestamp, in a reused buffer.
  const std::vector<TtlValue<V>>& withTs(const std::vector<V>& values) {
    const int64_t now = this->ttl_.now();
    refreshed_.clear();
    for (const V& v : values) refreshed_.push_back(TtlValue<V>{v, now});
    return refreshed_;
  }

  std::vector<V> values_;
  std::vector<TtlValue<V>> refreshed_;
};

}  // namespace eddy::state
