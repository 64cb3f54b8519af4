#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "eddy/functions/sink.h"

namespace eddy::bench {

// Adds up the int64 records that reach it, so that a benchmark checks its job's output
// and the work cannot be optimized away.
class SummingSink final : public Sink<int64_t> {
 public:
  explicit SummingSink(std::shared_ptr<std::atomic<int64_t>> sum) : sum_(std::move(sum)) {}
  std::unique_ptr<SinkWriter<int64_t>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(sum_);
  }

 private:
  class Writer final : public SinkWriter<int64_t> {
   public:
    explicit Writer(std::shared_ptr<std::atomic<int64_t>> sum) : sum_(std::move(sum)) {}
    void write(const int64_t& v, int64_t) override { local_ += v; }
    void writeBatch(const runtime::RecordBatch<int64_t>& batch) override {
      for (int64_t v : batch.values) local_ += v;
    }
    void flush(bool) override { *sum_ += local_; }

   private:
    std::shared_ptr<std::atomic<int64_t>> sum_;
    int64_t local_ = 0;
  };
  std::shared_ptr<std::atomic<int64_t>> sum_;
};

}  // namespace eddy::bench
