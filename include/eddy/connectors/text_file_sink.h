#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "eddy/functions/sink.h"
#include "eddy/functions/to_string.h"

namespace eddy::connectors {

// One part file of a TextFileSink: <directory>/part-<subtask>-0, created (with the
// directory) or truncated when opened, written through a 1 MiB buffer. Failures throw
// std::runtime_error naming the file, which fails the job with the sink's name.
class PartFileWriter {
 public:
  PartFileWriter(const std::string& directory, int subtask_index);
  ~PartFileWriter();
  PartFileWriter(const PartFileWriter&) = delete;
  PartFileWriter& operator=(const PartFileWriter&) = delete;

  // The text goes to the buffer; the buffer goes to the file when it is full.
  std::string& buffer() { return buffer_; }
  void writeIfFull();
  // Writes the buffer to the file.
  void flush();
  // Flushes and closes the file; later calls do nothing.
  void close();

 private:
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
};

// Writes each record as a line of text, toDisplayString(record) + '\n', to one file per
// parallel writer: <directory>/part-<subtask>-0 (Flink's row-format FileSink with a
// SimpleStringEncoder, simplified: Flink names part files part-<uuid>-<subtask>-<count>,
// rolls them and commits them on checkpoints; this sink writes one file per subtask,
// named without the uuid, visible as it is written). Existing part files are overwritten.
//
//   stream.sinkTo(std::make_shared<TextFileSink<int>>("/tmp/out"), "File Sink");
template <typename T>
class TextFileSink final : public Sink<T> {
 public:
  explicit TextFileSink(std::string directory) : directory_(std::move(directory)) {}

  std::unique_ptr<SinkWriter<T>> createWriter(const SinkWriterContext& context) override {
    return std::make_unique<Writer>(directory_, context.subtask_index);
  }

 private:
  class Writer final : public SinkWriter<T> {
   public:
    Writer(const std::string& directory, int subtask_index) : part_(directory, subtask_index) {}

    void write(const T& element, int64_t) override {
      append(element);
      part_.writeIfFull();
    }
    void writeBatch(const runtime::RecordBatch<T>& batch) override {
      for (const T& value : batch.values) append(value);
      part_.writeIfFull();
    }
    void flush(bool) override { part_.flush(); }
    void close() override { part_.close(); }

   private:
    void append(const T& value) {
      std::string& buffer = part_.buffer();
      // Strings go in as they are, without the copy toDisplayString would make.
      if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        buffer.append(std::string_view(value));
      } else {
        buffer += toDisplayString(value);
      }
      buffer += '\n';
    }

    PartFileWriter part_;
  };

  std::string directory_;
};

}  // namespace eddy::connectors
