#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/file_sink_policies.h"
#include "eddy/functions/committer.h"
#include "eddy/functions/simple_versioned_serializer.h"
#include "eddy/functions/two_phase_committing_sink.h"

namespace eddy::connectors {

namespace filesink {
class RecoverableFsDataOutputStream;
}  // namespace filesink

// An in-progress part file as a checkpoint remembers it: the hidden file, its final name,
// and the length that is durable (Flink's InProgressFileRecoverable).
struct InProgressFileRecoverable {
  std::string temp_path;
  std::string target_path;
  int64_t offset = 0;
  friend bool operator==(const InProgressFileRecoverable&, const InProgressFileRecoverable&) = default;
};

// A closed part file waiting for its commit, a rename (Flink's PendingFileRecoverable).
struct PendingFileRecoverable {
  std::string temp_path;
  std::string target_path;
  int64_t size = 0;
  friend bool operator==(const PendingFileRecoverable&, const PendingFileRecoverable&) = default;
};

// What a FileSink writer hands its committer (Flink's FileSinkCommittable): part files to
// rename. At the end of input a single committable carries every remaining file and the
// path of an end-of-input record, written durably before any of those files is renamed: a
// restored writer that finds it knows the attempt before it committed everything to the
// end of its input, so it discards the replayed records instead of writing them twice (a
// stand-in for Flink's final checkpoint, which Eddy's runtime does not take).
struct FileSinkCommittable {
  std::vector<PendingFileRecoverable> pending_files;
  std::string end_of_input_record;  // empty for a checkpoint's committable
  friend bool operator==(const FileSinkCommittable&, const FileSinkCommittable&) = default;
};

// The state of one bucket's writer (Flink's FileWriterBucketState).
struct FileWriterBucketState {
  std::string bucket_id;
  std::string bucket_path;
  int64_t in_progress_file_creation_time = 0;
  std::optional<InProgressFileRecoverable> in_progress_file;
  friend bool operator==(const FileWriterBucketState&, const FileWriterBucketState&) = default;
};

// The state of one FileSink writer: its id (kept across restores; it names the end-of-input
// record) and its buckets.
struct FileWriterState {
  std::string writer_id;
  std::vector<FileWriterBucketState> buckets;
  friend bool operator==(const FileWriterState&, const FileWriterState&) = default;
};

class FileSinkCommittableSerializer final : public SimpleVersionedSerializer<FileSinkCommittable> {
 public:
  int getVersion() const override { return 1; }
  std::string serialize(const FileSinkCommittable& value) const override;
  Result<FileSinkCommittable> deserialize(int version, std::string_view bytes) const override;
};

class FileWriterStateSerializer final : public SimpleVersionedSerializer<FileWriterState> {
 public:
  int getVersion() const override { return 1; }
  std::string serialize(const FileWriterState& value) const override;
  Result<FileWriterState> deserialize(int version, std::string_view bytes) const override;
};

// Everything a FileSink is built with.
struct FileSinkConfig {
  // Local directory: a plain absolute path or file://.
  std::string base_path;
  OutputFileConfig output_file_config;
  // Default: DefaultRollingPolicy with Flink's defaults.
  RollingPolicy rolling_policy = DefaultRollingPolicy::builder().build();
  // Default: DateTimeBucketAssigner("yyyy-MM-dd--HH"), as Flink.
  std::shared_ptr<const BucketAssigner> bucket_assigner = std::make_shared<DateTimeBucketAssigner>();
  // How often part files are checked against the rolling policy's intervals. Default: 60 s.
  int64_t bucket_check_interval_ms = 60'000;
};

// Renames pending part files to their final names; idempotent (Flink's FileCommitter).
class FileCommitter final : public Committer<FileSinkCommittable> {
 public:
  Status commit(std::vector<CommitRequest<FileSinkCommittable>>& requests) override;
};

// The byte-level part of a FileSink writer (Flink's FileWriter with its FileWriterBuckets),
// shared by every record type: buckets, their in-progress part file, rolling, pending
// files, state. FileSink<T>'s writer encodes records straight into the active part's
// buffer. Used by one task thread.
class FileWriter {
 public:
  // A writer for `restored` (null for a fresh start). A restored in-progress file is
  // truncated to its checkpointed length and resumed; a second one for the same bucket
  // (after a change of parallelism) is closed and committed with the next checkpoint.
  static Result<std::unique_ptr<FileWriter>> create(FileSinkConfig config,
                                                    const PrecommittingSinkWriterContext& context,
                                                    const std::vector<FileWriterState>* restored);
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // True after a restore that found this writer's end-of-input record: records are dropped.
  bool discardsRecords() const { return end_of_input_committed_.has_value(); }
  // Makes the part file of the bucket of time `now` the active one (opening one if needed).
  Status beginBatch(int64_t now);
  // The active part's buffer, where the next record is encoded.
  std::string& buffer() { return *active_buffer_; }
  // Flink's shouldRollOnEvent, asked before every record.
  bool shouldRollOnEvent() const {
    return roll_on_event_ && active_flushed_ + static_cast<int64_t>(active_buffer_->size()) > max_part_size_;
  }
  // Closes the active part (it becomes pending) and opens the next one.
  Status rollActivePart(int64_t now);
  Status endBatch(int64_t now);
  // Everything after this is the end of input.
  void flush(bool end_of_input) { end_of_input_ |= end_of_input; }
  Result<std::vector<FileSinkCommittable>> prepareCommit();
  Result<std::vector<FileWriterState>> snapshotState();
  // Rolls part files past the rolling policy's intervals (Flink's onProcessingTime).
  Status onProcessingTime(int64_t now);

  const FileSinkConfig& config() const { return config_; }

 private:
  struct Bucket;
  FileWriter(FileSinkConfig config, const PrecommittingSinkWriterContext& context);
  Status restore(const std::vector<FileWriterState>& states);
  Status openPart(Bucket& bucket, int64_t now);
  Status closePart(Bucket& bucket);
  void registerCheckTimer(int64_t now);
  std::string endOfInputRecordPath() const;

  FileSinkConfig config_;
  runtime::ProcessingTimeService* processing_time_;
  std::string writer_id_;
  std::map<std::string, std::unique_ptr<Bucket>> buckets_;
  Bucket* active_ = nullptr;
  std::string* active_buffer_ = nullptr;
  int64_t active_flushed_ = 0;
  bool roll_on_event_;
  int64_t max_part_size_;
  bool end_of_input_ = false;
  std::optional<FileSinkCommittable> end_of_input_committed_;
  bool end_of_input_recommitted_ = false;
};

}  // namespace eddy::connectors
