#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

#include "eddy/state/keyed_state_snapshot.h"
#include "eddy/state/ttl/ttl_decorator.h"
#include "eddy/state/ttl/ttl_snapshot_filter.h"

namespace eddy::state {

// What the TTL states share (Flink's AbstractTtlState): the state of TtlValues they decorate
// (`Inner`, a heap state class of either backend), the TTL settings, and the background
// cleanups. `Derived` says how a stored value expires: static bool expireStored(value&, ttl,
// now) drops what expired from a stored value and tells whether nothing is left. Used from the
// task thread.
template <typename Derived, typename Inner>
class AbstractTtlState {
 public:
  AbstractTtlState(std::unique_ptr<Inner> inner, TtlDecorator ttl)
      : inner_(std::move(inner)),
        ttl_(std::move(ttl)),
        cleanup_size_(ttl_.incrementalCleanupSize(inner_->isOnHeap())),
        every_record_(ttl_.incrementalCleanupForEveryRecord(inner_->isOnHeap())) {}

  Inner& inner() { return *inner_; }
  const Inner& inner() const { return *inner_; }

  void setCurrentNamespace(const auto& ns) { inner_->setCurrentNamespace(ns); }
  void clear() {
    accessed();
    inner_->clear();
  }

  // Full snapshots leave expired values out when the config says so (the canonical value is
  // one TtlValue; list state overrides this).
  Status filterSnapshot(StateSnapshot& out) const {
    if (ttl_.config().inFullSnapshot()) dropExpiredEntries(out, ttl_.ttl(), ttl_.now());
    return Status::OK();
  }
  // Checks the next entries for expiry (Flink's TtlIncrementalCleanup; heap backend only).
  void cleanupIncrementally() {
    if (cleanup_size_ == 0) return;
    const int64_t now = ttl_.now();
    const int64_t ttl = ttl_.ttl();
    inner_->removeSomeIf(cleanup_size_, [&](auto& stored) { return Derived::expireStored(stored, ttl, now); });
  }
  bool cleansUpForEveryRecord() const { return every_record_; }

 protected:
  // Every access runs the incremental cleanup first, as Flink's accessCallback.
  void accessed() { cleanupIncrementally(); }

  std::unique_ptr<Inner> inner_;
  TtlDecorator ttl_;

 private:
  size_t cleanup_size_;
  bool every_record_;
};

}  // namespace eddy::state
