#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <vector>

#include "eddy/runtime/channel_writer.h"
#include "eddy/runtime/stream_operator.h"
#include "runtime/task_wakeup.h"

namespace eddy::runtime {


// A bounded single-producer single-consumer channel between two subtasks in one process:
// a lock-free ring of elements (batches and events). A full ring blocks the producer
// (backpressure); the consumer is woken through its task's TaskWakeup and the producer,
// when space frees up, through its own. Memory is bounded by capacity × batch size.
class LocalChannel final : public ChannelWriter {
 public:
  LocalChannel(size_t capacity, TaskWakeup* consumer_wakeup, TaskWakeup* producer_wakeup,
               const std::atomic<bool>* producer_cancelled);

  // Producer side. Blocks while full; throws TaskCancelledException if cancelled meanwhile.
  void push(ChannelElement element) override;

  // Consumer side: true and fills `out` if an element was available.
  bool poll(ChannelElement& out);
  bool empty() const { return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_acquire); }
  size_t capacity() const { return slots_.size(); }

 private:
  std::vector<ChannelElement> slots_;
  alignas(64) std::atomic<size_t> head_{0};  // next to read; written by the consumer
  alignas(64) std::atomic<size_t> tail_{0};  // next to write; written by the producer
  TaskWakeup* consumer_wakeup_;
  TaskWakeup* producer_wakeup_;
  const std::atomic<bool>* producer_cancelled_;
};

}  // namespace eddy::runtime
