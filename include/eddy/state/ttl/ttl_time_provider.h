#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>

namespace eddy::state {

// Where state TTL reads the current processing time, in milliseconds since the epoch (Flink's
// TtlTimeProvider): the system clock, or a manually advanced time for tests. A value type;
// the manual time is shared by its copies and may be advanced from any thread (RocksDB's
// compaction filter reads it from RocksDB's background threads).
class TtlTimeProvider {
 public:
  // The system clock (Flink's TtlTimeProvider.DEFAULT).
  TtlTimeProvider() = default;

  // A time that moves only when `now` is stored to.
  static TtlTimeProvider manual(std::shared_ptr<std::atomic<int64_t>> now) {
    TtlTimeProvider provider;
    provider.manual_ = std::move(now);
    return provider;
  }

  int64_t currentTimestamp() const {
    if (manual_) [[unlikely]] return manual_->load(std::memory_order_relaxed);
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

 private:
  std::shared_ptr<std::atomic<int64_t>> manual_;
};

}  // namespace eddy::state
