#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "eddy/functions/sink.h"

namespace eddy::connectors {

// The records a CollectSink gathered, from all its parallel writers. Thread-safe.
template <typename T>
class CollectedRecords {
 public:
  void append(const runtime::RecordBatch<T>& batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    values_.insert(values_.end(), batch.values.begin(), batch.values.end());
  }
  std::vector<T> values() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return values_;
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return values_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<T> values_;
};

// Gathers every record into a CollectedRecords shared with the caller; for tests and for
// executeAndCollect on bounded jobs.
template <typename T>
class CollectSink final : public Sink<T> {
 public:
  explicit CollectSink(std::shared_ptr<CollectedRecords<T>> records) : records_(std::move(records)) {}

  std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(records_);
  }

 private:
  class Writer final : public SinkWriter<T> {
   public:
    explicit Writer(std::shared_ptr<CollectedRecords<T>> records) : records_(std::move(records)) {}
    void write(const T& element, int64_t timestamp) override {
      runtime::RecordBatch<T> one;
      one.add(element, timestamp);
      records_->append(one);
    }
    void writeBatch(const runtime::RecordBatch<T>& batch) override { records_->append(batch); }

   private:
    std::shared_ptr<CollectedRecords<T>> records_;
  };

  std::shared_ptr<CollectedRecords<T>> records_;
};

}  // namespace eddy::connectors
