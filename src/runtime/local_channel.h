#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "eddy/runtime/channel_writer.h"
#include "eddy/runtime/stream_operator.h"
#include "runtime/task_wakeup.h"

namespace eddy::runtime {

// A bounded single-producer single-consumer channel between two subtasks in one process:
// a lock-free ring of elements (batches and events). A full ring blocks the producer
// (backpressure); the consumer is woken through its task's TaskWakeup and the producer,
// when space frees up, through its own. Memory is bounded by capacity × batch size.
//
// Unaligned checkpoints: the producer posts a barrier as a priority event beside the ring
// (Flink's priority events), with the ring position it logically sits at: every element
// pushed before it precedes it. A consumer that takes priority barriers sees it before the
// queued elements, which stay readable in place (elementAt) until polled. So that those
// elements are all in the ring, the producer pushes its partially filled batches first into
// a small headroom past the capacity that only that flush may use. With an aligned
// checkpoint timeout, a barrier pushed in order is announced the same way (Flink's
// EventAnnouncement), so that the consumer can still let it overtake once the timeout passed.
class LocalChannel final : public ChannelWriter {
 public:
  // A barrier that overtook the ring's elements: those before `position` precede it. An
  // announcement tells of a barrier queued in order at `position`.
  struct PriorityBarrier {
    int64_t checkpoint_id = 0;
    int64_t timestamp = 0;
    size_t position = 0;
    bool announcement = false;
  };

  // Elements the flush before a priority barrier may push past the capacity: one partially
  // filled batch per checkpoint, and one more for a second checkpoint before the consumer
  // drained the first.
  static constexpr size_t kBarrierHeadroom = 2;

  LocalChannel(size_t capacity, TaskWakeup* consumer_wakeup, TaskWakeup* producer_wakeup,
               const std::atomic<bool>* producer_cancelled);

  // Producer side. Blocks while full; throws TaskCancelledException if cancelled meanwhile.
  void push(ChannelElement element) override;
  // Producer side: lets push() use the headroom (on) or not (off) — on only while the
  // producer flushes what precedes a priority barrier.
  void setHeadroom(bool on) { limit_ = on ? slots_.size() : capacity_; }
  // Producer side: posts a priority barrier after everything pushed so far, or announces
  // the barrier the producer pushes next. Never blocks.
  void postPriorityBarrier(int64_t checkpoint_id, int64_t timestamp, bool announcement = false);
  // Whether the consumer takes priority barriers (else barriers are pushed in order). Set
  // while wiring, before the tasks start.
  void setConsumerTakesPriorityBarriers(bool takes) { consumer_takes_priority_ = takes; }
  bool consumerTakesPriorityBarriers() const { return consumer_takes_priority_; }

  // Consumer side: true and fills `out` if an element was available.
  bool poll(ChannelElement& out);
  // Consumer side, for a consumer of priority barriers: as poll(), but false while a
  // posted priority barrier was not taken yet (it must be seen before what follows it).
  bool pollBeforePriorityBarrier(ChannelElement& out);
  // Consumer side: the oldest priority barrier not taken yet, if any.
  std::optional<PriorityBarrier> takePriorityBarrier();
  // Consumer side: the position of the next element poll() returns, and an element at a
  // position in [readPosition(), readPosition() + available) without taking it.
  size_t readPosition() const { return head_.load(std::memory_order_relaxed); }
  size_t writePosition() const { return tail_.load(std::memory_order_acquire); }
  const ChannelElement& elementAt(size_t position) const { return slots_[position % slots_.size()]; }
  bool empty() const { return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_acquire); }

 private:
  std::vector<ChannelElement> slots_;
  size_t capacity_;
  size_t limit_;  // producer-owned: capacity_, or slots_.size() while flushing before a barrier
  bool consumer_takes_priority_ = false;
  alignas(64) std::atomic<size_t> head_{0};  // next to read; written by the consumer
  alignas(64) std::atomic<size_t> tail_{0};  // next to write; written by the producer
  // Priority barriers: posted (producer) and taken (consumer) counts, the queue under a
  // lock (a barrier is rare; the consumer's check is one atomic load).
  std::atomic<uint64_t> priority_posted_{0};
  uint64_t priority_taken_ = 0;
  std::mutex priority_mutex_;
  std::deque<PriorityBarrier> priority_;
  TaskWakeup* consumer_wakeup_;
  TaskWakeup* producer_wakeup_;
  const std::atomic<bool>* producer_cancelled_;
};

}  // namespace eddy::runtime
