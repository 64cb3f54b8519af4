#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace eddy::runtime {

// The thread a task runs the asynchronous parts of its checkpoints on (Flink's
// asyncOperationsThreadPool, with one thread per task): parts run one at a time in the
// order they were submitted, so that a task acknowledges its checkpoints in order. The
// thread starts with the first part. Lifecycle, driven by the task:
//
//   submit* → drain (the task finished: run every part to its end)
//           | cancel (the task failed or was cancelled: drop the parts not started; the
//                     running one sees cancelled() and does not acknowledge)
//
// Thread-safe; the destructor cancels.
class AsyncOperationsThread {
 public:
  AsyncOperationsThread() = default;
  ~AsyncOperationsThread();
  AsyncOperationsThread(const AsyncOperationsThread&) = delete;
  AsyncOperationsThread& operator=(const AsyncOperationsThread&) = delete;

  // Queues `part`. After drain() or cancel() it is dropped.
  void submit(std::function<void()> part);
  // Runs every queued part to its end, then stops the thread.
  void drain();
  // Drops the parts not started, marks the running one cancelled and waits for it.
  void cancel();
  // Whether cancel() was called: a running part checks this before it acknowledges.
  bool cancelled() const { return cancelled_.load(); }

 private:
  void run();
  void stop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> parts_;
  bool stopping_ = false;
  std::atomic<bool> cancelled_{false};
  std::thread thread_;
};

}  // namespace eddy::runtime
