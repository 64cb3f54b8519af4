#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "eddy/functions/sink.h"
#include "eddy/functions/to_string.h"

namespace eddy::connectors {

// Writes one line per record, all parallel writers of a process serialized per batch.
void writePrintLines(const std::string& text, bool to_stderr);

// Prints records as Flink's PrintSink does: "identifier:subtask> value" with the 1-based
// subtask when parallelism > 1, and without the parts that do not apply ("2> value",
// "identifier> value", "value").
template <typename T>
class PrintSink final : public Sink<T> {
 public:
  explicit PrintSink(std::string identifier = "", bool to_stderr = false)
      : identifier_(std::move(identifier)), to_stderr_(to_stderr) {}

  std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext& context) override {
    std::string prefix = identifier_;
    if (context.parallelism > 1) prefix += (prefix.empty() ? "" : ":") + std::to_string(context.subtask_index + 1);
    if (!prefix.empty()) prefix += "> ";
    return std::make_unique<Writer>(std::move(prefix), to_stderr_);
  }

 private:
  class Writer final : public SinkWriter<T> {
   public:
    Writer(std::string prefix, bool to_stderr) : prefix_(std::move(prefix)), to_stderr_(to_stderr) {}
    void write(const T& element, int64_t) override { writePrintLines(prefix_ + toDisplayString(element) + "\n", to_stderr_); }
    void writeBatch(const runtime::RecordBatch<T>& batch) override {
      text_.clear();
      for (const T& value : batch.values) {
        text_ += prefix_;
        text_ += toDisplayString(value);
        text_ += '\n';
      }
      writePrintLines(text_, to_stderr_);
    }

   private:
    std::string prefix_;
    bool to_stderr_;
    std::string text_;
  };

  std::string identifier_;
  bool to_stderr_;
};

}  // namespace eddy::connectors
