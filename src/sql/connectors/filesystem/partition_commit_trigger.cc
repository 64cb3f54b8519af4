#include "sql/connectors/filesystem/partition_commit_trigger.h"

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::sql {

namespace {

constexpr int32_t kVersion = 1;

std::string watermarksText(const std::map<int64_t, int64_t>& watermarks) {
  std::string text = "{";
  for (const auto& [id, watermark] : watermarks) {
    if (text.size() > 1) text += ", ";
    text += fmt::format("{}={}", id, watermark);
  }
  return text + "}";
}

}  // namespace

void PartitionCommitTrigger::addPartition(const std::string& partition, int64_t current_proc_time) {
  if (partition.find_first_not_of(" \t\n\r") == std::string::npos) return;
  pending_partitions_.try_emplace(partition, current_proc_time);
}

Result<std::vector<std::string>> PartitionCommitTrigger::committablePartitions(int64_t checkpoint_id,
                                                                               int64_t current_proc_time) {
  int64_t watermark = 0;
  if (type_ == PartitionCommitTriggerType::kPartitionTime) {
    auto it = watermarks_.find(checkpoint_id);
    if (it == watermarks_.end()) {
      return Internal(fmt::format("Checkpoint({}) has not been snapshot. The watermark information is: {}.",
                                  checkpoint_id, watermarksText(watermarks_)));
    }
    watermark = it->second;
    watermarks_.erase(watermarks_.begin(), std::next(it));
  }
  std::vector<std::string> committable;
  for (auto it = pending_partitions_.begin(); it != pending_partitions_.end();) {
    EDDY_ASSIGN_OR_RETURN(bool ready,
                          predicate_.isPartitionCommittable(it->first, it->second, current_proc_time, watermark));
    if (ready) {
      committable.push_back(it->first);
      it = pending_partitions_.erase(it);
    } else {
      ++it;
    }
  }
  return committable;
}

std::vector<std::string> PartitionCommitTrigger::endInput() {
  std::vector<std::string> partitions;
  for (const auto& [partition, time] : pending_partitions_) partitions.push_back(partition);
  pending_partitions_.clear();
  return partitions;
}

std::string PartitionCommitTrigger::snapshotState(int64_t checkpoint_id, int64_t watermark) {
  if (type_ == PartitionCommitTriggerType::kPartitionTime) watermarks_[checkpoint_id] = watermark;
  types::DataOutputSerializer out;
  out.writeInt(kVersion);
  out.writeInt(static_cast<int32_t>(pending_partitions_.size()));
  for (const auto& [partition, time] : pending_partitions_) {
    out.writeInt(static_cast<int32_t>(partition.size()));
    out.write(partition);
    out.writeLong(time);
  }
  out.writeInt(static_cast<int32_t>(watermarks_.size()));
  for (const auto& [id, mark] : watermarks_) {
    out.writeLong(id);
    out.writeLong(mark);
  }
  return std::string(out.data());
}

Status PartitionCommitTrigger::restoreState(const std::string& bytes) {
  types::DataInputDeserializer in(bytes);
  int32_t version = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(version));
  if (version != kVersion) return Corruption(fmt::format("unknown partition commit state version {}", version));
  int32_t count = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(count));
  if (count < 0) return Corruption("negative count in partition commit state");
  for (int32_t i = 0; i < count; ++i) {
    int32_t size = 0;
    EDDY_RETURN_IF_ERROR(in.readInt(size));
    if (size < 0) return Corruption("negative string length in partition commit state");
    std::string partition;
    EDDY_RETURN_IF_ERROR(in.readFully(static_cast<size_t>(size), partition));
    int64_t time = 0;
    EDDY_RETURN_IF_ERROR(in.readLong(time));
    pending_partitions_.try_emplace(std::move(partition), time);
  }
  EDDY_RETURN_IF_ERROR(in.readInt(count));
  if (count < 0) return Corruption("negative count in partition commit state");
  for (int32_t i = 0; i < count; ++i) {
    int64_t id = 0;
    int64_t mark = 0;
    EDDY_RETURN_IF_ERROR(in.readLong(id));
    EDDY_RETURN_IF_ERROR(in.readLong(mark));
    watermarks_[id] = mark;
  }
  return Status::OK();
}

}  // namespace eddy::sql
