#pragma once

#include "eddy/runtime/column.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace eddy::runtime {

// A record without an event timestamp carries this value (Flink: no timestamp set).
inline constexpr int64_t kNoTimestamp = std::numeric_limits<int64_t>::min();
// The watermark that ends event time: every timer fires (Flink's Watermark.MAX_WATERMARK).
inline constexpr int64_t kMaxWatermark = std::numeric_limits<int64_t>::max();
// The watermark before any was seen.
inline constexpr int64_t kMinWatermark = std::numeric_limits<int64_t>::min();

// How many records a batch holds before it is handed on.
inline constexpr size_t kDefaultBatchSize = 1024;

// The type-erased face of a batch: what the runtime moves between tasks without knowing
// the record type. One virtual call per batch, never per record.
class BatchBase {
 public:
  virtual ~BatchBase() = default;
  virtual size_t size() const = 0;
};

// A batch of DataStream records of type T with their event timestamps, column-wise: the
// values and the timestamps in two columns of equal length. Operators reuse their output
// batches (clear keeps capacity), so a warm pipeline allocates nothing per record.
template <typename T>
class RecordBatch final : public BatchBase {
 public:
  RecordBatch() = default;
  explicit RecordBatch(size_t capacity) { reserve(capacity); }

  size_t size() const override { return values.size(); }
  bool empty() const { return values.empty(); }
  void reserve(size_t n) {
    values.reserve(n);
    timestamps.reserve(n);
  }
  void clear() {
    values.clear();
    timestamps.clear();
  }
  void add(const T& value, int64_t timestamp) {
    values.push_back(value);
    timestamps.push_back(timestamp);
  }
  void add(T&& value, int64_t timestamp) {
    values.push_back(std::move(value));
    timestamps.push_back(timestamp);
  }

  Column<T> values;
  Column<int64_t> timestamps;
};

}  // namespace eddy::runtime
