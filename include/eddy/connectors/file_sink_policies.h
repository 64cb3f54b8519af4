#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace eddy::connectors {

// How part files are named (Flink's OutputFileConfig): committed files are
// <prefix>-<uuid>-<n><suffix>, in-progress ones .<prefix>-<uuid>-<n><suffix>.inprogress.<uuid>.
//
//   OutputFileConfig::builder().withPartPrefix("prefix").withPartSuffix(".txt").build()
struct OutputFileConfig {
  // Default: "part".
  std::string part_prefix = "part";
  // Default: "".
  std::string part_suffix;

  class OutputFileConfigBuilder;
  static OutputFileConfigBuilder builder();
};

class OutputFileConfig::OutputFileConfigBuilder {
 public:
  OutputFileConfigBuilder& withPartPrefix(std::string prefix) {
    config_.part_prefix = std::move(prefix);
    return *this;
  }
  OutputFileConfigBuilder& withPartSuffix(std::string suffix) {
    config_.part_suffix = std::move(suffix);
    return *this;
  }
  OutputFileConfig build() const { return config_; }

 private:
  OutputFileConfig config_;
};

inline OutputFileConfig::OutputFileConfigBuilder OutputFileConfig::builder() { return OutputFileConfigBuilder(); }

// What a rolling policy looks at: the open part file (Flink's PartFileInfo).
struct PartFileInfo {
  int64_t size = 0;
  int64_t creation_time = 0;
  int64_t last_update_time = 0;
};

// When the in-progress part file of a bucket is closed and a new one started (Flink's
// RollingPolicy). A value, not an interface: the per-record check is a comparison. Two
// kinds, built as in Flink:
//
//   DefaultRollingPolicy::builder().withRolloverInterval(ms).withInactivityInterval(ms)
//       .withMaxPartSize(bytes).build()
//   OnCheckpointRollingPolicy::build()
class RollingPolicy {
 public:
  // A closed part file is committed with the next completed checkpoint.
  bool shouldRollOnCheckpoint(const PartFileInfo& part) const { return on_checkpoint_ || part.size > max_part_size_; }
  bool shouldRollOnEvent(const PartFileInfo& part) const { return !on_checkpoint_ && part.size > max_part_size_; }
  bool shouldRollOnProcessingTime(const PartFileInfo& part, int64_t now) const {
    return !on_checkpoint_ &&
           (now - part.creation_time >= rollover_interval_ms_ || now - part.last_update_time >= inactivity_interval_ms_);
  }

  // OnCheckpointRollingPolicy: no size or time checks at all.
  bool rollsOnlyOnCheckpoint() const { return on_checkpoint_; }
  int64_t maxPartSize() const { return max_part_size_; }
  int64_t rolloverInterval() const { return rollover_interval_ms_; }
  int64_t inactivityInterval() const { return inactivity_interval_ms_; }

 private:
  friend class DefaultRollingPolicy;
  friend class OnCheckpointRollingPolicy;
  RollingPolicy(bool on_checkpoint, int64_t max_part_size, int64_t rollover_interval_ms, int64_t inactivity_interval_ms)
      : on_checkpoint_(on_checkpoint),
        max_part_size_(max_part_size),
        rollover_interval_ms_(rollover_interval_ms),
        inactivity_interval_ms_(inactivity_interval_ms) {}

  bool on_checkpoint_;
  int64_t max_part_size_;
  int64_t rollover_interval_ms_;
  int64_t inactivity_interval_ms_;
};

// Rolls when a part is larger than the maximum size (on the next record or checkpoint), is
// older than the rollover interval, or saw no record for the inactivity interval (Flink's
// DefaultRollingPolicy, with its defaults).
class DefaultRollingPolicy {
 public:
  static constexpr int64_t kDefaultMaxPartSize = int64_t{128} * 1024 * 1024;
  static constexpr int64_t kDefaultRolloverInterval = 60'000;
  static constexpr int64_t kDefaultInactivityInterval = 60'000;

  class PolicyBuilder {
   public:
    PolicyBuilder& withMaxPartSize(int64_t bytes) {
      max_part_size_ = bytes;
      return *this;
    }
    PolicyBuilder& withRolloverInterval(int64_t ms) {
      rollover_interval_ms_ = ms;
      return *this;
    }
    PolicyBuilder& withInactivityInterval(int64_t ms) {
      inactivity_interval_ms_ = ms;
      return *this;
    }
    RollingPolicy build() const {
      return RollingPolicy(false, max_part_size_, rollover_interval_ms_, inactivity_interval_ms_);
    }

   private:
    int64_t max_part_size_ = kDefaultMaxPartSize;
    int64_t rollover_interval_ms_ = kDefaultRolloverInterval;
    int64_t inactivity_interval_ms_ = kDefaultInactivityInterval;
  };
  static PolicyBuilder builder() { return PolicyBuilder(); }
};

// Rolls on every checkpoint and never otherwise (Flink's OnCheckpointRollingPolicy).
class OnCheckpointRollingPolicy {
 public:
  static RollingPolicy build() { return RollingPolicy(true, 0, 0, 0); }
};

// Picks the bucket (sub-directory of the base path) records go to (Flink's BucketAssigner).
// Eddy asks once per batch, with the processing time: Flink's two assigners depend on
// nothing else, and a per-record virtual call would be off the hot-path rules. Immutable and
// thread-safe.
class BucketAssigner {
 public:
  virtual ~BucketAssigner() = default;
  // "" is the base path itself.
  virtual std::string getBucketId(int64_t current_processing_time) const = 0;
};

// Everything in the base path (Flink's BasePathBucketAssigner).
class BasePathBucketAssigner final : public BucketAssigner {
 public:
  std::string getBucketId(int64_t) const override { return ""; }
};

// A bucket per processing-time hour, or whatever the format picks (Flink's
// DateTimeBucketAssigner). The format is Java's DateTimeFormatter pattern; the letters
// yyyy, MM, dd, HH, mm, ss are supported, other characters are copied (quotes are not
// interpreted). Time zone: UTC, or the system's local zone (Flink's default, ZoneId
// systemDefault) when `utc` is false.
class DateTimeBucketAssigner final : public BucketAssigner {
 public:
  explicit DateTimeBucketAssigner(std::string format = "yyyy-MM-dd--HH", bool utc = false)
      : format_(std::move(format)), utc_(utc) {}
  std::string getBucketId(int64_t current_processing_time) const override;

 private:
  std::string format_;
  bool utc_;
};

}  // namespace eddy::connectors
