#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/functions/source.h"

namespace eddy::connectors {

// Reads a file as lines of text (Flink's TextLineInputFormat): UTF-8 bytes split at "\n",
// "\r\n" or "\r" (as Java's BufferedReader.readLine), without the terminator; a last line
// without a terminator is still a line.
class TextLineInputFormat {};

// The files under `path`, sorted by path: the path itself if it is a file, else every file
// below the directory, recursively. Files and directories whose name begins with '.' or
// '_' are skipped, as Flink's DefaultFileFilter does (this applies to `path` itself too).
// NotFound naming the path if it does not exist.
Result<std::vector<std::string>> enumerateFiles(const std::string& path);

// A bounded source of the lines of a file or of all files of a directory (Flink's
// FileSource.forRecordStreamFormat(new TextLineInputFormat(), path).build()). File i of
// the sorted list goes to reader i % parallelism; each reader reads its files in order, in
// blocks of 1 MiB. A path that does not exist fails the job with a message naming it.
//
//   auto source = FileSource::forRecordStreamFormat(TextLineInputFormat(), "/data/in").build();
//   env->fromSource(source, WatermarkStrategy<std::string>::noWatermarks(), "File Source");
class FileSource final : public Source<std::string> {
 public:
  // Collects the settings of a FileSource (Flink's FileSource.FileSourceBuilder).
  class Builder {
   public:
    Builder(TextLineInputFormat format, std::string path) : path_(std::move(path)) {}
    std::shared_ptr<Source<std::string>> build() const { return std::make_shared<FileSource>(path_); }

   private:
    std::string path_;
  };

  static Builder forRecordStreamFormat(TextLineInputFormat format, std::string path) {
    return Builder(format, std::move(path));
  }

  explicit FileSource(std::string path) : path_(std::move(path)) {}

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }
  std::unique_ptr<SourceReader<std::string>> createReader(const SourceReaderContext& context) override;

 private:
  std::string path_;
};

}  // namespace eddy::connectors
