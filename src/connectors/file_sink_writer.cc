#include "eddy/connectors/file_sink_writer.h"

#include <fmt/format.h>

#include <set>
#include <stdexcept>

#include "checkpoint/random_names.h"
#include "connectors/filesink/local_recoverable_writer.h"
#include "eddy/common/file_system.h"

namespace eddy::connectors {

using filesink::LocalRecoverableWriter;
using filesink::RecoverableFsDataOutputStream;

// One bucket (directory) of a writer (Flink's FileWriterBucket): its in-progress part and
// the closed parts that wait for the next prepareCommit. A bucket instance names its parts
// with its own uuid and a counter from 0, as Flink, so names never collide across restores.
struct FileWriter::Bucket {
  std::string id;
  std::string path;
  std::string part_uuid = checkpoint::randomUuid();
  int64_t part_counter = 0;
  std::unique_ptr<RecoverableFsDataOutputStream> in_progress;
  PartFileInfo info;
  std::vector<PendingFileRecoverable> pending;
};

FileWriter::FileWriter(FileSinkConfig config, const PrecommittingSinkWriterContext& context)
    : config_(std::move(config)),
      processing_time_(context.processing_time),
      roll_on_event_(!config_.rolling_policy.rollsOnlyOnCheckpoint()),
      max_part_size_(config_.rolling_policy.maxPartSize()) {}

FileWriter::~FileWriter() = default;

Result<std::unique_ptr<FileWriter>> FileWriter::create(FileSinkConfig config,
                                                       const PrecommittingSinkWriterContext& context,
                                                       const std::vector<FileWriterState>* restored) {
  EDDY_ASSIGN_OR_RETURN(Path base, Path::parse(config.base_path));
  if (!base.scheme().empty() && base.scheme() != "file") {
    return NotSupported(fmt::format("FileSink on file system scheme '{}'", base.scheme()));
  }
  config.base_path = base.path();
  std::unique_ptr<FileWriter> writer(new FileWriter(std::move(config), context));
  writer->writer_id_ = checkpoint::randomUuid();
  if (restored) {
    EDDY_RETURN_IF_ERROR(writer->restore(*restored));
  }
  if (writer->processing_time_ && !writer->config_.rolling_policy.rollsOnlyOnCheckpoint()) {
    writer->registerCheckTimer(writer->processing_time_->getCurrentProcessingTime());
  }
  return writer;
}

std::string FileWriter::endOfInputRecordPath() const {
  return fmt::format("{}/.{}-{}.end-of-input", config_.base_path, config_.output_file_config.part_prefix, writer_id_);
}

Status FileWriter::restore(const std::vector<FileWriterState>& states) {
  std::set<std::string> ids;
  for (const FileWriterState& state : states) ids.insert(state.writer_id);
  if (!states.empty()) writer_id_ = states.front().writer_id;
  // The end-of-input record of any restored writer: its attempt committed all it had.
  for (const std::string& id : ids) {
    std::string record = fmt::format("{}/.{}-{}.end-of-input", config_.base_path,
                                     config_.output_file_config.part_prefix, id);
    auto fs = LocalFileSystem::getSharedInstance();
    EDDY_ASSIGN_OR_RETURN(Path record_path, Path::parse(record));
    EDDY_ASSIGN_OR_RETURN(bool exists, fs->exists(record_path));
    if (!exists) continue;
    if (ids.size() > 1) {
      return NotSupported(fmt::format("restoring a FileSink at another parallelism after its writer {} committed the "
                                      "end of its input",
                                      id));
    }
    EDDY_ASSIGN_OR_RETURN(std::string bytes, fs->readFully(record_path));
    FileSinkCommittableSerializer serializer;
    EDDY_ASSIGN_OR_RETURN(FileSinkCommittable committed, serializer.deserialize(serializer.getVersion(), bytes));
    end_of_input_committed_ = std::move(committed);
    return Status::OK();
  }
  for (const FileWriterState& state : states) {
    for (const FileWriterBucketState& bucket_state : state.buckets) {
      std::unique_ptr<Bucket>& bucket = buckets_[bucket_state.bucket_id];
      if (!bucket) {
        bucket = std::make_unique<Bucket>();
        bucket->id = bucket_state.bucket_id;
        bucket->path = bucket_state.bucket_path;
      }
      if (!bucket_state.in_progress_file) continue;
      const InProgressFileRecoverable& file = *bucket_state.in_progress_file;
      if (!bucket->in_progress) {
        EDDY_ASSIGN_OR_RETURN(bucket->in_progress, LocalRecoverableWriter::recover(file));
        bucket->info = PartFileInfo{file.offset, bucket_state.in_progress_file_creation_time,
                                    bucket_state.in_progress_file_creation_time};
      } else {
        EDDY_ASSIGN_OR_RETURN(PendingFileRecoverable pending, LocalRecoverableWriter::recoverForCommit(file));
        bucket->pending.push_back(std::move(pending));
      }
    }
  }
  return Status::OK();
}

void FileWriter::registerCheckTimer(int64_t now) {
  processing_time_->registerTimer(now + config_.bucket_check_interval_ms, [this](int64_t time) {
    Status status = onProcessingTime(time);
    if (!status.ok()) throw std::runtime_error(status.toString());
    registerCheckTimer(time);
  });
}

Status FileWriter::onProcessingTime(int64_t now) {
  for (auto& [id, bucket] : buckets_) {
    if (bucket->in_progress && config_.rolling_policy.shouldRollOnProcessingTime(bucket->info, now)) {
      EDDY_RETURN_IF_ERROR(closePart(*bucket));
    }
  }
  return Status::OK();
}

Status FileWriter::openPart(Bucket& bucket, int64_t now) {
  const OutputFileConfig& names = config_.output_file_config;
  std::string target = fmt::format("{}/{}-{}-{}{}", bucket.path, names.part_prefix, bucket.part_uuid,
                                   bucket.part_counter++, names.part_suffix);
  EDDY_ASSIGN_OR_RETURN(bucket.in_progress, LocalRecoverableWriter::open(target));
  bucket.info = PartFileInfo{0, now, now};
  return Status::OK();
}

Status FileWriter::closePart(Bucket& bucket) {
  if (&bucket == active_) active_buffer_ = nullptr;
  EDDY_ASSIGN_OR_RETURN(PendingFileRecoverable pending, bucket.in_progress->closeForCommit());
  bucket.in_progress.reset();
  bucket.pending.push_back(std::move(pending));
  return Status::OK();
}

Status FileWriter::beginBatch(int64_t now) {
  std::string id = config_.bucket_assigner->getBucketId(now);
  std::unique_ptr<Bucket>& bucket = buckets_[id];
  if (!bucket) {
    bucket = std::make_unique<Bucket>();
    bucket->id = id;
    bucket->path = id.empty() ? config_.base_path : fmt::format("{}/{}", config_.base_path, id);
  }
  active_ = bucket.get();
  if (!active_->in_progress) EDDY_RETURN_IF_ERROR(openPart(*active_, now));
  active_buffer_ = &active_->in_progress->buffer();
  active_flushed_ = active_->in_progress->getPos() - static_cast<int64_t>(active_buffer_->size());
  return Status::OK();
}

Status FileWriter::rollActivePart(int64_t now) {
  Bucket& bucket = *active_;
  EDDY_RETURN_IF_ERROR(closePart(bucket));
  return beginBatch(now);
}

Status FileWriter::endBatch(int64_t now) {
  RecoverableFsDataOutputStream& part = *active_->in_progress;
  EDDY_RETURN_IF_ERROR(part.writeIfFull());
  active_->info.size = part.getPos();
  active_->info.last_update_time = now;
  return Status::OK();
}

Result<std::vector<FileSinkCommittable>> FileWriter::prepareCommit() {
  std::vector<FileSinkCommittable> committables;
  if (end_of_input_committed_) {
    // Committed again (idempotently) in case the attempt that wrote the record was killed
    // before renaming every file.
    if (!end_of_input_recommitted_) committables.push_back(*end_of_input_committed_);
    end_of_input_recommitted_ = true;
    return committables;
  }
  std::vector<PendingFileRecoverable> all;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& bucket = *it->second;
    if (bucket.in_progress) {
      bucket.info.size = bucket.in_progress->getPos();
      if (end_of_input_ || config_.rolling_policy.shouldRollOnCheckpoint(bucket.info)) {
        EDDY_RETURN_IF_ERROR(closePart(bucket));
      }
    }
    for (PendingFileRecoverable& file : bucket.pending) all.push_back(std::move(file));
    bucket.pending.clear();
    // Flink drops inactive buckets after a checkpoint.
    if (!bucket.in_progress) {
      if (active_ == &bucket) active_ = nullptr;
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  if (end_of_input_) {
    committables.push_back(FileSinkCommittable{std::move(all), endOfInputRecordPath()});
    return committables;
  }
  for (PendingFileRecoverable& file : all) committables.push_back(FileSinkCommittable{{std::move(file)}, ""});
  return committables;
}

Result<std::vector<FileWriterState>> FileWriter::snapshotState() {
  FileWriterState state;
  state.writer_id = writer_id_;
  for (auto& [id, bucket] : buckets_) {
    FileWriterBucketState bucket_state{bucket->id, bucket->path, bucket->info.creation_time, std::nullopt};
    if (bucket->in_progress) {
      EDDY_ASSIGN_OR_RETURN(bucket_state.in_progress_file, bucket->in_progress->persist());
    }
    state.buckets.push_back(std::move(bucket_state));
  }
  return std::vector<FileWriterState>{std::move(state)};
}

Status FileCommitter::commit(std::vector<CommitRequest<FileSinkCommittable>>& requests) {
  FileSinkCommittableSerializer serializer;
  for (CommitRequest<FileSinkCommittable>& request : requests) {
    const FileSinkCommittable& committable = request.getCommittable();
    if (!committable.end_of_input_record.empty()) {
      // The record goes first: once any file of the end of input is visible, a restore must
      // know that everything up to the end of input was committed.
      EDDY_ASSIGN_OR_RETURN(Path record, Path::parse(committable.end_of_input_record));
      EDDY_ASSIGN_OR_RETURN(bool exists, LocalFileSystem::getSharedInstance()->exists(record));
      if (!exists) {
        EDDY_RETURN_IF_ERROR(LocalRecoverableWriter::writeFileDurably(committable.end_of_input_record,
                                                                       serializer.serialize(committable)));
      }
    }
    for (const PendingFileRecoverable& file : committable.pending_files) {
      auto outcome = LocalRecoverableWriter::commitAfterRecovery(file);
      if (!outcome.ok() && outcome.status().code() == StatusCode::kNotFound) {
        request.signalFailedWithUnknownReason(outcome.status());
        break;
      }
      EDDY_RETURN_IF_ERROR(outcome.status());
    }
  }
  return Status::OK();
}

}  // namespace eddy::connectors
