#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace eddy::state {

// How long keyed state lives after it was last written (or read), as Flink's StateTtlConfig:
// a state whose descriptor enables it keeps the last-access timestamp beside each value (each
// list element, each map entry) and treats a value older than the TTL as absent. Build one
// with newBuilder(ttl)…build(); a value type, cheap to copy.
class StateTtlConfig {
 public:
  // When the last-access timestamp is refreshed.
  enum class UpdateType {
    Disabled,          // TTL is disabled: state never expires
    OnCreateAndWrite,  // on creation and every write
    OnReadAndWrite,    // also on every read
  };
  // Whether an expired value that is still stored can be returned.
  enum class StateVisibility { ReturnExpiredIfNotCleanedUp, NeverReturnExpired };
  // The time TTL is measured in; Flink supports processing time only.
  enum class TtlTimeCharacteristic { ProcessingTime };

  // Upon every state access (and with run_cleanup_for_every_record, every record) check
  // cleanup_size more entries of the state and drop the expired ones. Heap backend only.
  struct IncrementalCleanupStrategy {
    int cleanup_size = 5;
    bool run_cleanup_for_every_record = false;
  };
  // Drop expired entries while RocksDB compacts; the filter reads the current time again after
  // every query_time_after_num_entries entries. RocksDB backend only.
  struct RocksdbCompactFilterCleanupStrategy {
    int64_t query_time_after_num_entries = 1000;
  };

  class Builder {
   public:
    explicit Builder(std::chrono::milliseconds ttl) : ttl_(ttl) {}
    Builder& setUpdateType(UpdateType type) {
      update_type_ = type;
      return *this;
    }
    Builder& updateTtlOnCreateAndWrite() { return setUpdateType(UpdateType::OnCreateAndWrite); }
    Builder& updateTtlOnReadAndWrite() { return setUpdateType(UpdateType::OnReadAndWrite); }
    Builder& setStateVisibility(StateVisibility visibility) {
      visibility_ = visibility;
      return *this;
    }
    Builder& returnExpiredIfNotCleanedUp() { return setStateVisibility(StateVisibility::ReturnExpiredIfNotCleanedUp); }
    Builder& neverReturnExpired() { return setStateVisibility(StateVisibility::NeverReturnExpired); }
    Builder& setTtlTimeCharacteristic(TtlTimeCharacteristic) { return *this; }
    Builder& useProcessingTime() { return *this; }
    Builder& setTtl(std::chrono::milliseconds ttl) {
      ttl_ = ttl;
      return *this;
    }
    // Expired entries are left out of full snapshots (savepoints and non-incremental checkpoints).
    Builder& cleanupFullSnapshot() {
      full_snapshot_ = true;
      return *this;
    }
    Builder& cleanupIncrementally(int cleanup_size, bool run_cleanup_for_every_record) {
      if (cleanup_size <= 0) {
        throw std::invalid_argument("Number of incrementally cleaned up state entries should be positive.");
      }
      incremental_ = IncrementalCleanupStrategy{cleanup_size, run_cleanup_for_every_record};
      return *this;
    }
    Builder& cleanupInRocksdbCompactFilter(int64_t query_time_after_num_entries) {
      compact_filter_ = RocksdbCompactFilterCleanupStrategy{query_time_after_num_entries};
      return *this;
    }
    // No default background cleanup (the defaults: incremental 5 entries per access, a RocksDB
    // compaction filter querying time every 1000 entries). Explicitly chosen strategies stay.
    Builder& disableCleanupInBackground() {
      cleanup_in_background_ = false;
      return *this;
    }
    // A TTL that is not positive is a programming error (Flink's IllegalArgumentException).
    StateTtlConfig build() const {
      if (ttl_.count() <= 0) throw std::invalid_argument("TTL is expected to be positive.");
      StateTtlConfig config;
      config.update_type_ = update_type_;
      config.visibility_ = visibility_;
      config.ttl_ = ttl_;
      config.full_snapshot_ = full_snapshot_;
      config.incremental_ = incremental_;
      config.compact_filter_ = compact_filter_;
      config.cleanup_in_background_ = cleanup_in_background_;
      return config;
    }

   private:
    std::chrono::milliseconds ttl_;
    UpdateType update_type_ = UpdateType::OnCreateAndWrite;
    StateVisibility visibility_ = StateVisibility::NeverReturnExpired;
    bool full_snapshot_ = false;
    std::optional<IncrementalCleanupStrategy> incremental_;
    std::optional<RocksdbCompactFilterCleanupStrategy> compact_filter_;
    bool cleanup_in_background_ = true;
  };

  static Builder newBuilder(std::chrono::milliseconds ttl) { return Builder(ttl); }
  // TTL off (Flink's StateTtlConfig.DISABLED): what a descriptor has until enableTimeToLive.
  static StateTtlConfig disabled() { return StateTtlConfig(); }

  UpdateType getUpdateType() const { return update_type_; }
  StateVisibility getStateVisibility() const { return visibility_; }
  TtlTimeCharacteristic getTtlTimeCharacteristic() const { return TtlTimeCharacteristic::ProcessingTime; }
  std::chrono::milliseconds getTtl() const { return ttl_; }
  bool isEnabled() const { return update_type_ != UpdateType::Disabled; }

  // The cleanup strategies in effect (Flink's CleanupStrategies).
  bool inFullSnapshot() const { return full_snapshot_; }
  bool isCleanupInBackground() const { return cleanup_in_background_; }
  std::optional<IncrementalCleanupStrategy> getIncrementalCleanupStrategy() const {
    if (incremental_ || !cleanup_in_background_) return incremental_;
    return IncrementalCleanupStrategy{};
  }
  std::optional<RocksdbCompactFilterCleanupStrategy> getRocksdbCompactFilterCleanupStrategy() const {
    if (compact_filter_ || !cleanup_in_background_) return compact_filter_;
    return RocksdbCompactFilterCleanupStrategy{};
  }
  bool inRocksdbCompactFilter() const { return getRocksdbCompactFilterCleanupStrategy().has_value(); }

 private:
  StateTtlConfig() = default;

  UpdateType update_type_ = UpdateType::Disabled;
  StateVisibility visibility_ = StateVisibility::NeverReturnExpired;
  std::chrono::milliseconds ttl_{INT64_MAX};
  bool full_snapshot_ = false;
  std::optional<IncrementalCleanupStrategy> incremental_;
  std::optional<RocksdbCompactFilterCleanupStrategy> compact_filter_;
  bool cleanup_in_background_ = true;
};

}  // namespace eddy::state
