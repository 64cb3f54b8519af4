#include "runtime/async_operations_thread.h"

namespace eddy::runtime {

AsyncOperationsThread::~AsyncOperationsThread() { cancel(); }

void AsyncOperationsThread::submit(std::function<void()> part) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return;
  parts_.push_back(std::move(part));
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  cv_.notify_one();
}

void AsyncOperationsThread::drain() { stop(); }

void AsyncOperationsThread::cancel() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_.store(true);
    parts_.clear();
  }
  stop();
}

void AsyncOperationsThread::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AsyncOperationsThread::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    cv_.wait(lock, [&] { return stopping_ || !parts_.empty(); });
    if (parts_.empty()) return;
    std::function<void()> part = std::move(parts_.front());
    parts_.pop_front();
    lock.unlock();
    part();
    lock.lock();
  }
}

}  // namespace eddy::runtime
