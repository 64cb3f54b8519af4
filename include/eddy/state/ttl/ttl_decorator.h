#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "eddy/state/state_ttl_config.h"
#include "eddy/state/ttl/ttl_time_provider.h"
#include "eddy/state/ttl/ttl_value.h"

namespace eddy::state {

// What the TTL state decorators share (Flink's AbstractTtlDecorator): the TTL, the update and
// visibility settings, the time, and the checks built on them. A value object; each TTL state
// (and each TTL reduce or aggregate function) holds one.
class TtlDecorator {
 public:
  TtlDecorator(const StateTtlConfig& config, TtlTimeProvider time)
      : config_(config),
        ttl_(config.getTtl().count()),
        return_expired_(config.getStateVisibility() == StateTtlConfig::StateVisibility::ReturnExpiredIfNotCleanedUp),
        update_ts_on_read_(config.getUpdateType() == StateTtlConfig::UpdateType::OnReadAndWrite),
        time_(std::move(time)) {}

  const StateTtlConfig& config() const { return config_; }
  const TtlTimeProvider& timeProvider() const { return time_; }
  int64_t ttl() const { return ttl_; }
  bool returnExpired() const { return return_expired_; }
  bool updateTsOnRead() const { return update_ts_on_read_; }
  int64_t now() const { return time_.currentTimestamp(); }

  // Entries to check per state access (0: none). Incremental cleanup exists on the heap only,
  // as in Flink.
  size_t incrementalCleanupSize(bool on_heap) const {
    auto strategy = config_.getIncrementalCleanupStrategy();
    return on_heap && strategy ? static_cast<size_t>(strategy->cleanup_size) : 0;
  }
  bool incrementalCleanupForEveryRecord(bool on_heap) const {
    auto strategy = config_.getIncrementalCleanupStrategy();
    return on_heap && strategy && strategy->run_cleanup_for_every_record;
  }

  template <typename T>
  bool expired(const TtlValue<T>& value) const {
    return ttlExpired(value.last_access_timestamp, ttl_, now());
  }
  template <typename T>
  TtlValue<T> wrapWithTs(T value) const {
    return TtlValue<T>{std::move(value), now()};
  }
  // The user value of `value` unless it expired and expired values are invisible (reduce and
  // aggregate functions merge what is visible).
  template <typename T>
  const T* getUnexpired(const TtlValue<T>& value) const {
    return !return_expired_ && expired(value) ? nullptr : &value.user_value;
  }

  // Flink's getWithTtlCheckAndUpdate: an expired value is cleared (and returned only when
  // expired values are visible); an unexpired one gets a new timestamp on read when the update
  // type says so.
  template <typename T, typename Update, typename Clear>
  std::optional<T> getWithTtlCheckAndUpdate(std::optional<TtlValue<T>> value, Update&& update, Clear&& clear) const {
    if (!value) return std::nullopt;
    if (expired(*value)) {
      clear();
      if (!return_expired_) return std::nullopt;
    } else if (update_ts_on_read_) {
      update(TtlValue<T>{value->user_value, now()});
    }
    return std::move(value->user_value);
  }

 private:
  StateTtlConfig config_;
  int64_t ttl_;
  bool return_expired_;
  bool update_ts_on_read_;
  TtlTimeProvider time_;
};

}  // namespace eddy::state
