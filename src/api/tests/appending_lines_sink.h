#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "eddy/functions/sink.h"

namespace eddy::testing {

// A sink for jobs that other processes watch (cluster tests, the recovery benchmark): appends
// each record as the line `format(record)` to a file with one unbuffered write, so that the
// file shows at once where the job got to.
template <typename T, typename Format>
class AppendingLinesSink final : public Sink<T> {
 public:
  AppendingLinesSink(std::string path, Format format) : path_(std::move(path)), format_(std::move(format)) {}

  std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(path_, format_);
  }

 private:
  class Writer final : public SinkWriter<T> {
   public:
    Writer(const std::string& path, Format format)
        : fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644)), format_(std::move(format)) {
      if (fd_ < 0) throw std::runtime_error("cannot open " + path);
    }
    ~Writer() override { close(); }
    void write(const T& record, int64_t) override {
      const std::string line = format_(record) + "\n";
      if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
        throw std::runtime_error("short write");
      }
    }
    void close() override {
      if (fd_ >= 0) ::close(fd_);
      fd_ = -1;
    }

   private:
    int fd_;
    Format format_;
  };

  std::string path_;
  Format format_;
};

template <typename T, typename Format>
std::shared_ptr<AppendingLinesSink<T, Format>> appendingLinesSink(std::string path, Format format) {
  return std::make_shared<AppendingLinesSink<T, Format>>(std::move(path), std::move(format));
}

}  // namespace eddy::testing
