#pragma once

#include <cstdint>

#include "eddy/common/check.h"

namespace eddy::connectors::jdbc {

// When a JDBC sink writes its buffered rows, and how often it retries, as Flink's
// JdbcExecutionOptions:
//
//   JdbcExecutionOptions::builder().withBatchSize(1000).withBatchIntervalMs(200).withMaxRetries(5).build()
//
// A value; thread-compatible.
class JdbcExecutionOptions {
 public:
  class Builder;
  static Builder builder();
  static JdbcExecutionOptions defaults();

  // Rows buffered before a flush. Default: 5000.
  int getBatchSize() const { return batch_size_; }
  // Flush the buffer this often (from a background thread), 0 for never. Default: 0.
  int64_t getBatchIntervalMs() const { return batch_interval_ms_; }
  // Retries of a failed flush (attempts = retries + 1), reconnecting when the connection is
  // gone and sleeping 1 s × the attempt number in between, as Flink. Default: 3.
  int getMaxRetries() const { return max_retries_; }

 private:
  int batch_size_ = 5000;
  int64_t batch_interval_ms_ = 0;
  int max_retries_ = 3;
};

// Builds JdbcExecutionOptions. build() REQUIRES batch size > 0, interval >= 0, retries >= 0.
class JdbcExecutionOptions::Builder {
 public:
  Builder& withBatchSize(int size) {
    options_.batch_size_ = size;
    return *this;
  }
  Builder& withBatchIntervalMs(int64_t interval_ms) {
    options_.batch_interval_ms_ = interval_ms;
    return *this;
  }
  Builder& withMaxRetries(int max_retries) {
    options_.max_retries_ = max_retries;
    return *this;
  }
  JdbcExecutionOptions build() const {
    EDDY_CHECK_GT(options_.batch_size_, 0);
    EDDY_CHECK_GE(options_.batch_interval_ms_, 0);
    EDDY_CHECK_GE(options_.max_retries_, 0);
    return options_;
  }

 private:
  JdbcExecutionOptions options_;
};

inline JdbcExecutionOptions::Builder JdbcExecutionOptions::builder() { return Builder(); }
inline JdbcExecutionOptions JdbcExecutionOptions::defaults() { return Builder().build(); }

}  // namespace eddy::connectors::jdbc
