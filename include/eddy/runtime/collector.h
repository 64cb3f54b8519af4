#pragma once

#include <cstdint>
#include <utility>

#include "eddy/runtime/output.h"
#include "eddy/runtime/record_batch.h"

namespace eddy {

// Collects the records a user function emits, as Flink's Collector. Records go into a
// batch that is handed to the output when full or when the operator finishes its input
// batch; collect() itself is an inline append, not a virtual call.
template <typename T>
class Collector {
 public:
  Collector() : batch_(runtime::kDefaultBatchSize) {}
  explicit Collector(runtime::Output<T>* output) : Collector() { output_ = output; }

  void setOutput(runtime::Output<T>* output) { output_ = output; }
  // The timestamp given to the records collected next (that of the input record).
  void setTimestamp(int64_t timestamp) { timestamp_ = timestamp; }
  int64_t timestamp() const { return timestamp_; }

  void collect(const T& value) {
    batch_.add(value, timestamp_);
    if (batch_.size() >= runtime::kDefaultBatchSize) flush();
  }
  void collect(T&& value) {
    batch_.add(std::move(value), timestamp_);
    if (batch_.size() >= runtime::kDefaultBatchSize) flush();
  }
  void collectWithTimestamp(const T& value, int64_t timestamp) {
    batch_.add(value, timestamp);
    if (batch_.size() >= runtime::kDefaultBatchSize) flush();
  }

  // Hands the collected records to the output.
  void flush() {
    if (batch_.empty()) return;
    output_->emitBatch(batch_);
    batch_.clear();
  }

 private:
  runtime::Output<T>* output_ = nullptr;
  runtime::RecordBatch<T> batch_;
  int64_t timestamp_ = runtime::kNoTimestamp;
};

}  // namespace eddy
