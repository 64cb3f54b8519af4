#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "eddy/runtime/record_batch.h"

namespace eddy::runtime {

// Where an operator sends what it produces: to the next operator of its chain (a direct
// call), or into network channels to other tasks. Typed outputs take RecordBatch<T>.
// Thread-compatible: used only by the task thread that owns the operator.
class OutputBase {
 public:
  virtual ~OutputBase() = default;
  virtual void emitWatermark(int64_t watermark) = 0;
  // Tells downstream that this stream became idle (holds no watermark back) or active.
  virtual void emitWatermarkStatus(bool idle) = 0;
  // Hands on any records buffered for other tasks; called when the task runs out of input.
  virtual void flush() {}
};

template <typename T>
class Output : public OutputBase {
 public:
  // The callee reads the batch during the call and must not keep it: the caller reuses it.
  virtual void emitBatch(RecordBatch<T>& batch) = 0;
};

// An output that drops everything (an operator whose results nobody consumes).
template <typename T>
class DiscardingOutput final : public Output<T> {
 public:
  void emitBatch(RecordBatch<T>&) override {}
  void emitWatermark(int64_t) override {}
  void emitWatermarkStatus(bool) override {}
};

}  // namespace eddy::runtime
