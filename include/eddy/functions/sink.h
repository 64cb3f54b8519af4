#pragma once

#include <memory>

#include "eddy/runtime/record_batch.h"

namespace eddy {

// What a sink writer knows about where it runs.
struct SinkWriterContext {
  int subtask_index = 0;
  int parallelism = 1;
};

// Writes records for one parallel sink instance (Flink's SinkWriter). The runtime hands
// whole batches to writeBatch; a writer that only implements write() gets them one by one.
// flush(end_of_input) is called when the input ends. Used by one task thread.
template <typename T>
class SinkWriter {
 public:
  virtual ~SinkWriter() = default;
  virtual void write(const T& element, int64_t timestamp) = 0;
  virtual void writeBatch(const runtime::RecordBatch<T>& batch) {
    for (size_t i = 0; i < batch.size(); ++i) write(batch.values[i], batch.timestamps[i]);
  }
  virtual void flush(bool end_of_input) {}
  virtual void close() {}
};

// A sink of records of type T (Flink's Sink): creates a writer per parallel instance.
template <typename T>
class Sink {
 public:
  virtual ~Sink() = default;
  virtual std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext& context) = 0;
};

}  // namespace eddy
