#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "eddy/functions/sink.h"
#include "eddy/types/row.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Hands every row a query produces to a callback, in arrival order, from the sink's task
// thread (the SQL client's and executeSql's result collection; Flink's CollectSinkFunction).
// The callback is called under a lock, so several sink instances may share it.
class CollectRowsSink final : public Sink<RowChunk> {
 public:
  using RowCallback = std::function<void(const types::Row& row)>;

  explicit CollectRowsSink(RowCallback callback) : callback_(std::move(callback)) {}

  std::unique_ptr<SinkWriter<RowChunk>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(this);
  }

 private:
  class Writer final : public SinkWriter<RowChunk> {
   public:
    explicit Writer(CollectRowsSink* sink) : sink_(sink) {}
    void write(const RowChunk& chunk, int64_t) override {
      std::lock_guard lock(sink_->mutex_);
      for (size_t i = 0; i < chunk.size(); ++i) sink_->callback_(chunk.batch->getRow(i));
    }

   private:
    CollectRowsSink* sink_;
  };

  RowCallback callback_;
  std::mutex mutex_;
};

}  // namespace eddy::sql
