#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/functions/source.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::connectors {

// A line format of a FileSource: what turns one line of a file into records. A format is a
// copyable description with `using Record = ...;` and `Reader createReader() const`; its
// Reader (one per source reader, used by one thread) has
//   Status read(std::string_view line, runtime::RecordBatch<Record>& out)
// which appends the records of `line` (none, one or more) or fails. The call is direct (a
// template parameter), not virtual.

// Reads a file as lines of text (Flink's TextLineInputFormat): UTF-8 bytes split at "\n",
// "\r\n" or "\r" (as Java's BufferedReader.readLine), without the terminator; a last line
// without a terminator is still a line.
class TextLineInputFormat {
 public:
  using Record = std::string;

  // Emits every line as it is.
  class Reader {
   public:
    Status read(std::string_view line, runtime::RecordBatch<std::string>& out) {
      out.add(std::string(line), runtime::kNoTimestamp);
      return Status::OK();
    }
  };

  Reader createReader() const { return Reader(); }
};

// Reads JSON Lines: every non-blank line is one JSON object, decoded into a Row of
// `row_type` by JsonRowDeserializer with Flink's 'json' format options. A line that fails
// fails the job with the file, the line number and Flink's message; with
// ignore_parse_errors it is skipped instead.
class JsonLinesInputFormat {
 public:
  using Record = types::Row;

  // Decodes lines with its own deserializer (and so its own parser).
  class Reader {
   public:
    explicit Reader(formats::json::JsonRowDeserializer deserializer) : deserializer_(std::move(deserializer)) {}
    Status read(std::string_view line, runtime::RecordBatch<types::Row>& out);

   private:
    formats::json::JsonRowDeserializer deserializer_;
  };

  // REQUIRES: JsonRowDeserializer::create(row_type, options) succeeds (check it with
  // validate() first when the type or options come from users); aborts otherwise.
  JsonLinesInputFormat(types::LogicalType row_type, formats::json::JsonDeserializationOptions options = {});

  // Whether the deserializer can be built: the type is a ROW with string map keys and the
  // options do not conflict.
  static Status validate(const types::LogicalType& row_type, const formats::json::JsonDeserializationOptions& options);

  Reader createReader() const;

 private:
  types::LogicalType row_type_;
  formats::json::JsonDeserializationOptions options_;
};

// The files under `path`, sorted by path: the path itself if it is a file, else every file
// below the directory, recursively. Files and directories whose name begins with '.' or
// '_' are skipped, as Flink's DefaultFileFilter does (this applies to `path` itself too).
// NotFound naming the path if it does not exist.
Result<std::vector<std::string>> enumerateFiles(const std::string& path);

// Splits the files assigned to one source reader into lines, in blocks of 1 MiB, for every
// format alike: file i of the sorted list goes to reader i % parallelism, each reader reads
// its files in order. Files are listed on the first call so that a missing path fails the
// job from the reader. Failures (missing path, I/O) throw std::runtime_error, which fails
// the job naming the source. Used by one thread.
// A file and how many of its lines were already read (Flink's FileSourceSplit with its
// checkpointed position as records to skip).
struct FileSplit {
  std::string path;
  int64_t lines_to_skip = 0;

  std::string toBytes() const;
  static Result<FileSplit> fromBytes(const std::string& bytes);
};

class FileLineReader {
 public:
  FileLineReader(std::string path, int subtask_index, int parallelism);
  // Continues from checkpointed splits: their files in order, each after its read lines.
  explicit FileLineReader(std::vector<FileSplit> splits);
  ~FileLineReader();
  FileLineReader(const FileLineReader&) = delete;
  FileLineReader& operator=(const FileLineReader&) = delete;

  // The next line without its terminator, valid until the next call; false after the
  // last line of the last file.
  bool nextLine(std::string_view& line);
  // The file and 1-based line number of the line nextLine returned last.
  const std::string& currentFile() const { return files_[next_file_ - 1]; }
  int64_t lineNumber() const { return line_number_; }

  void close();
  // The files not finished yet, the current one with the lines read so far.
  std::vector<FileSplit> remainingSplits();

 private:
  bool readLine(std::string_view& line);
  void listFiles();
  bool openNextFile();
  bool readBlock();
  void closeFile();

  std::string path_;
  int subtask_index_;
  int parallelism_;
  bool listed_ = false;
  std::vector<std::string> files_;
  std::vector<int64_t> skips_;  // per file, when restored
  int64_t skip_remaining_ = 0;
  size_t next_file_ = 0;
  int fd_ = -1;
  int64_t line_number_ = 0;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t len_ = 0;
  // The start of a line whose end is in a later block, or the last line returned from it.
  std::string carry_;
  bool carry_returned_ = false;
  // The previous block ended with '\r': a '\n' at the start of the next belongs to it.
  bool skip_newline_ = false;
};

// Reads the records of a format from the lines of one reader's files, a batch at a time.
template <typename Format>
class FileSourceReader final : public SourceReader<typename Format::Record> {
 public:
  using Record = typename Format::Record;

  FileSourceReader(const Format& format, std::string path, int subtask_index, int parallelism)
      : format_reader_(format.createReader()), lines_(std::move(path), subtask_index, parallelism) {}
  FileSourceReader(const Format& format, std::vector<FileSplit> splits)
      : format_reader_(format.createReader()), lines_(std::move(splits)) {}

  // Records are emitted whole lines at a time, so the position is the lines read.
  Result<std::vector<std::string>> snapshotState(int64_t) override {
    std::vector<std::string> out;
    for (const FileSplit& split : lines_.remainingSplits()) out.push_back(split.toBytes());
    return out;
  }

  InputStatus pollNext(runtime::RecordBatch<Record>& out) override {
    std::string_view line;
    while (out.size() < runtime::kDefaultBatchSize) {
      if (!lines_.nextLine(line)) return InputStatus::kEndOfInput;
      Status status = format_reader_.read(line, out);
      if (!status.ok()) {
        throw std::runtime_error(fmt::format("Failed to read line {} of file {}: {}", lines_.lineNumber(),
                                             lines_.currentFile(), status.message()));
      }
    }
    return InputStatus::kMoreAvailable;
  }

  void close() override { lines_.close(); }

 private:
  typename Format::Reader format_reader_;
  FileLineReader lines_;
};

// A bounded source of the records a line format reads from a file or from all files of a
// directory (Flink's FileSource built by forRecordStreamFormat). A path that does not exist
// fails the job with a message naming it.
template <typename Format>
class StreamFormatFileSource final : public Source<typename Format::Record> {
 public:
  using Record = typename Format::Record;

  StreamFormatFileSource(Format format, std::string path) : format_(std::move(format)), path_(std::move(path)) {}

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }
  std::unique_ptr<SourceReader<Record>> createReader(const SourceReaderContext& context) override {
    return std::make_unique<FileSourceReader<Format>>(format_, path_, context.subtask_index, context.parallelism);
  }
  Result<std::unique_ptr<SourceReader<Record>>> restoreReader(const SourceReaderContext&,
                                                              const std::vector<std::string>& splits) override {
    std::vector<FileSplit> files;
    for (const std::string& bytes : splits) {
      EDDY_ASSIGN_OR_RETURN(FileSplit split, FileSplit::fromBytes(bytes));
      files.push_back(std::move(split));
    }
    return std::unique_ptr<SourceReader<Record>>(std::make_unique<FileSourceReader<Format>>(format_, std::move(files)));
  }

 private:
  Format format_;
  std::string path_;
};

// Flink's FileSource entry point:
//
//   auto lines = FileSource::forRecordStreamFormat(TextLineInputFormat(), "/data/in").build();
//   env->fromSource(lines, WatermarkStrategy<std::string>::noWatermarks(), "File Source");
//
//   auto rows = FileSource::forRecordStreamFormat(JsonLinesInputFormat(row_type), "/data/events").build();
//   env->fromSource(rows, WatermarkStrategy<types::Row>::noWatermarks(), "Events");
class FileSource {
 public:
  // Collects the settings of a FileSource (Flink's FileSource.FileSourceBuilder).
  template <typename Format>
  class Builder {
   public:
    Builder(Format format, std::string path) : format_(std::move(format)), path_(std::move(path)) {}
    std::shared_ptr<Source<typename Format::Record>> build() const {
      return std::make_shared<StreamFormatFileSource<Format>>(format_, path_);
    }

   private:
    Format format_;
    std::string path_;
  };

  template <typename Format>
  static Builder<Format> forRecordStreamFormat(Format format, std::string path) {
    return Builder<Format>(std::move(format), std::move(path));
  }
};

}  // namespace eddy::connectors
