#include "sql/connectors/filesystem/filesystem_sink_operator.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/connectors/filesystem/part_file_names.h"
#include "sql/connectors/filesystem/partition_path.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

namespace {

// A bucket's encoded rows go to its file in writes of about this size.
constexpr size_t kFlushThreshold = size_t{64} << 10;

}  // namespace

// One partition directory and its in-progress part file (Flink's Bucket).
struct FileSystemSinkOperator::Bucket {
  std::string partition;
  std::string directory;
  std::unique_ptr<FSDataOutputStream> stream;
  PartFile part;
  int64_t flushed = 0;
  std::string buffer;
  int64_t creation_time = 0;
  int64_t last_update_time = 0;

  bool isOpen() const { return stream != nullptr; }
  int64_t size() const { return flushed + static_cast<int64_t>(buffer.size()); }
};

FileSystemSinkOperator::FileSystemSinkOperator(FileSystemSinkOptions options, types::LogicalType physical_type,
                                               std::vector<std::string> partition_keys, RowLineFormat format,
                                               std::string sink_uuid)
    : options_(std::move(options)),
      physical_type_(std::move(physical_type)),
      partition_keys_(std::move(partition_keys)),
      format_(std::move(format)),
      sink_uuid_(std::move(sink_uuid)) {
  const std::vector<types::RowField>& fields = physical_type_.fields();
  std::vector<types::RowField> data_fields;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (std::find(partition_keys_.begin(), partition_keys_.end(), fields[i].name) == partition_keys_.end()) {
      data_positions_.push_back(i);
      data_fields.push_back(fields[i]);
    }
  }
  for (const std::string& key : partition_keys_) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].name == key) partition_positions_.push_back(i);
    }
  }
  Result<RowLineEncoder> encoder = format_.createEncoder(types::DataTypes::ROW(std::move(data_fields)));
  EDDY_CHECK(encoder.ok());
  encoder_ = std::make_unique<RowLineEncoder>(std::move(*encoder));
  if (options_.partition_commit.isCommitEnabled(partition_keys_)) {
    commit_predicate_.emplace(options_.partition_commit, partition_keys_);
  }
}

FileSystemSinkOperator::~FileSystemSinkOperator() = default;

void FileSystemSinkOperator::check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.toString());
}

Status FileSystemSinkOperator::initializeState(const std::vector<std::string>& operator_state) {
  for (const std::string& bytes : operator_state) {
    EDDY_ASSIGN_OR_RETURN(FileSystemSinkState state, FileSystemSinkState::fromBytes(bytes));
    restored_.part_counter = std::max(restored_.part_counter, state.part_counter);
    restored_.in_progress.insert(restored_.in_progress.end(), state.in_progress.begin(), state.in_progress.end());
    restored_.pending.insert(restored_.pending.end(), state.pending.begin(), state.pending.end());
    for (const NewPartitions& checkpoint : state.new_partitions) {
      restored_partitions_.insert(checkpoint.partitions.begin(), checkpoint.partitions.end());
    }
  }
  return Status::OK();
}

void FileSystemSinkOperator::open() {
  Result<std::shared_ptr<FileSystem>> file_system = FileSystem::get(options_.base_path);
  check(file_system.status());
  file_system_ = std::move(*file_system);
  part_counter_ = restored_.part_counter;
  // The restored checkpoint completed: what it kept in progress (cut to its valid length)
  // and pending is committed data.
  std::vector<PartFile> committed;
  for (const InProgressPartFile& part : restored_.in_progress) {
    std::error_code ec;
    if (std::filesystem::exists(part.file.temp_path, ec)) {
      std::filesystem::resize_file(part.file.temp_path, static_cast<uintmax_t>(part.valid_length), ec);
      if (ec) throw std::runtime_error(fmt::format("Cannot truncate {}: {}", part.file.temp_path, ec.message()));
    }
    committed.push_back(part.file);
  }
  for (const PendingPartFiles& checkpoint : restored_.pending) {
    committed.insert(committed.end(), checkpoint.files.begin(), checkpoint.files.end());
  }
  commit(committed);
  restored_ = FileSystemSinkState();
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  processingTimeService().registerTimer(now + options_.check_interval_ms, [this](int64_t time) { onProcessingTime(time); });
}

FileSystemSinkOperator::Bucket& FileSystemSinkOperator::bucketOf(const std::string& partition) {
  auto it = buckets_.find(partition);
  if (it != buckets_.end()) return *it->second;
  auto bucket = std::make_unique<Bucket>();
  bucket->partition = partition;
  bucket->directory = partition.empty() ? options_.base_path : options_.base_path + "/" + partition;
  return *buckets_.emplace(partition, std::move(bucket)).first->second;
}

void FileSystemSinkOperator::openPart(Bucket& bucket, int64_t now) {
  const std::string name = partFileName(sink_uuid_, info().subtask_index, part_counter_++);
  bucket.part.target_path = bucket.directory + "/" + name;
  bucket.part.temp_path = bucket.directory + "/" + inProgressFileName(name);
  Result<Path> path = Path::parse(bucket.part.temp_path);
  check(path.status());
  Result<std::unique_ptr<FSDataOutputStream>> stream = file_system_->create(*path, WriteMode::kNoOverwrite);
  check(stream.status());
  bucket.stream = std::move(*stream);
  bucket.flushed = 0;
  bucket.creation_time = now;
  bucket.last_update_time = now;
  if (commit_predicate_ && !bucket.partition.empty()) {
    current_new_partitions_.insert(bucket.partition);
    in_progress_partitions_.try_emplace(bucket.partition, now);
  }
}

void FileSystemSinkOperator::flushBuffer(Bucket& bucket) {
  if (bucket.buffer.empty()) return;
  check(bucket.stream->write(bucket.buffer));
  bucket.flushed += static_cast<int64_t>(bucket.buffer.size());
  bucket.buffer.clear();
}

void FileSystemSinkOperator::closePart(Bucket& bucket) {
  flushBuffer(bucket);
  check(bucket.stream->sync());
  check(bucket.stream->close());
  bucket.stream.reset();
  pending_.push_back(bucket.part);
}

void FileSystemSinkOperator::processBatch(runtime::BatchBase& batch, int) {
  auto& chunks = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  std::vector<types::Value> partition_values(partition_positions_.size());
  types::Row row = types::Row::withPositions(types::RowKind::INSERT, data_positions_.size());
  for (const RowChunk& chunk : chunks.values) {
    if (!chunk.batch) continue;
    const types::ColumnBatch& rows = *chunk.batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string partition;
      if (!partition_positions_.empty()) {
        for (size_t p = 0; p < partition_positions_.size(); ++p) {
          partition_values[p] = rows.column(partition_positions_[p]).getValue(i);
        }
        partition = partitionPath(partition_keys_, partition_values, options_.default_partition_name);
      }
      Bucket& bucket = bucketOf(partition);
      // TableRollingPolicy#shouldRollOnEvent: the part is already over the size.
      if (bucket.isOpen() && bucket.size() > options_.file_size) closePart(bucket);
      if (!bucket.isOpen()) openPart(bucket, now);
      for (size_t f = 0; f < data_positions_.size(); ++f) row.setField(f, rows.column(data_positions_[f]).getValue(i));
      check(encoder_->encode(row, bucket.buffer));
      bucket.buffer.push_back('\n');
      bucket.last_update_time = now;
      if (bucket.buffer.size() >= kFlushThreshold) flushBuffer(bucket);
    }
  }
}

void FileSystemSinkOperator::onProcessingTime(int64_t now) {
  for (auto& [partition, bucket] : buckets_) {
    if (!bucket->isOpen()) continue;
    if (now - bucket->creation_time >= options_.rollover_interval_ms ||
        now - bucket->last_update_time >= options_.inactivity_interval_ms) {
      closePart(*bucket);
    }
  }
  processingTimeService().registerTimer(now + options_.check_interval_ms, [this](int64_t time) { onProcessingTime(time); });
}

void FileSystemSinkOperator::closePartFileForPartitions() {
  const int64_t now = processingTimeService().getCurrentProcessingTime();
  for (auto it = in_progress_partitions_.begin(); it != in_progress_partitions_.end();) {
    Result<bool> committable =
        commit_predicate_->isPartitionCommittable(it->first, it->second, now, currentWatermark());
    check(committable.status());
    if (!*committable) {
      ++it;
      continue;
    }
    Bucket& bucket = *buckets_.at(it->first);
    if (bucket.isOpen()) closePart(bucket);
    it = in_progress_partitions_.erase(it);
  }
}

Result<std::vector<std::string>> FileSystemSinkOperator::snapshotOperatorState(int64_t checkpoint_id) {
  if (commit_predicate_) closePartFileForPartitions();
  FileSystemSinkState state;
  for (auto& [partition, bucket] : buckets_) {
    if (!bucket->isOpen()) continue;
    // TableRollingPolicy#shouldRollOnCheckpoint for row formats: only a part over the size.
    if (bucket->size() > options_.file_size) {
      closePart(*bucket);
      continue;
    }
    flushBuffer(*bucket);
    EDDY_RETURN_IF_ERROR(bucket->stream->sync());
    state.in_progress.push_back(InProgressPartFile{bucket->part, bucket->flushed});
  }
  if (!pending_.empty()) {
    std::vector<PartFile>& files = pending_per_checkpoint_[checkpoint_id];
    files.insert(files.end(), pending_.begin(), pending_.end());
    pending_.clear();
  }
  state.part_counter = part_counter_;
  for (const auto& [id, files] : pending_per_checkpoint_) state.pending.push_back(PendingPartFiles{id, files});
  if (!current_new_partitions_.empty()) {
    new_partitions_[checkpoint_id].merge(current_new_partitions_);
    current_new_partitions_.clear();
  }
  if (!restored_partitions_.empty()) {
    state.new_partitions.push_back(NewPartitions{0, {restored_partitions_.begin(), restored_partitions_.end()}});
  }
  for (const auto& [id, partitions] : new_partitions_) {
    state.new_partitions.push_back(NewPartitions{id, {partitions.begin(), partitions.end()}});
  }
  return std::vector<std::string>{state.toBytes()};
}

void FileSystemSinkOperator::notifyCheckpointComplete(int64_t checkpoint_id) {
  auto end = pending_per_checkpoint_.upper_bound(checkpoint_id);
  for (auto it = pending_per_checkpoint_.begin(); it != end; ++it) commit(it->second);
  pending_per_checkpoint_.erase(pending_per_checkpoint_.begin(), end);
  if (commit_predicate_) emitPartitionCommitInfo(checkpoint_id);
}

void FileSystemSinkOperator::emitPartitionCommitInfo(int64_t checkpoint_id) {
  PartitionCommitInfo message{checkpoint_id, info().subtask_index, info().parallelism, {}};
  std::set<std::string> partitions = std::move(restored_partitions_);
  restored_partitions_.clear();
  auto end = new_partitions_.upper_bound(checkpoint_id);
  for (auto it = new_partitions_.begin(); it != end; ++it) partitions.insert(it->second.begin(), it->second.end());
  new_partitions_.erase(new_partitions_.begin(), end);
  message.partitions.assign(partitions.begin(), partitions.end());
  runtime::RecordBatch<PartitionCommitInfo> batch;
  batch.add(message, runtime::kNoTimestamp);
  static_cast<runtime::Output<PartitionCommitInfo>*>(output())->emitBatch(batch);
}

void FileSystemSinkOperator::finish() {
  // The end of a bounded input commits everything, as Flink's final checkpoint does.
  for (auto& [partition, bucket] : buckets_) {
    if (bucket->isOpen()) closePart(*bucket);
  }
  for (const auto& [id, files] : pending_per_checkpoint_) commit(files);
  pending_per_checkpoint_.clear();
  commit(pending_);
  pending_.clear();
  if (commit_predicate_) {
    new_partitions_[kEndOfInputCheckpointId].merge(current_new_partitions_);
    current_new_partitions_.clear();
    emitPartitionCommitInfo(kEndOfInputCheckpointId);
  }
}

void FileSystemSinkOperator::close() {
  // Failing or cancelled: in-progress files stay hidden; a restore truncates or ignores them.
  for (auto& [partition, bucket] : buckets_) {
    if (bucket->isOpen()) (void)bucket->stream->close();
    bucket->stream.reset();
  }
}

void FileSystemSinkOperator::commit(const std::vector<PartFile>& files) {
  for (const PartFile& file : files) {
    Result<Path> from = Path::parse(file.temp_path);
    Result<Path> to = Path::parse(file.target_path);
    check(from.status());
    check(to.status());
    Result<bool> exists = file_system_->exists(*from);
    check(exists.status());
    // Committing is idempotent: a file renamed before a failure is already visible.
    if (*exists) check(file_system_->rename(*from, *to));
  }
}

}  // namespace eddy::sql
