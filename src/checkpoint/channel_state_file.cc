#include "eddy/checkpoint/channel_state_file.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "eddy/checkpoint/stream_state_handle.h"

namespace eddy::checkpoint {

Result<std::vector<InputChannelStateHandle>> writeInputChannelState(const CheckpointStorageLocation& location,
                                                                    int64_t memory_threshold,
                                                                    std::vector<InputChannelStateHandle> channels) {
  int64_t total = 0;
  for (const InputChannelStateHandle& channel : channels) total += static_cast<int64_t>(channel.data.size());
  if (total <= memory_threshold) return channels;
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<CheckpointStateOutputStream> stream,
                        location.createCheckpointStateOutputStream(CheckpointedStateScope::kExclusive));
  for (InputChannelStateHandle& channel : channels) {
    channel.offset = stream->getPos();
    channel.size = static_cast<int64_t>(channel.data.size());
    EDDY_RETURN_IF_ERROR(stream->write(channel.data));
    channel.data.clear();
  }
  EDDY_ASSIGN_OR_RETURN(StreamStateHandle file, stream->closeAndGetHandle());
  for (InputChannelStateHandle& channel : channels) channel.file = file;
  return channels;
}

Status readInputChannelState(FileSystem& fs, std::vector<InputChannelStateHandle>& channels) {
  // The channels of a subtask share one file.
  std::map<std::string, std::string> files;
  for (InputChannelStateHandle& channel : channels) {
    if (!channel.file) continue;
    auto it = files.find(channel.file->path.toString());
    if (it == files.end()) {
      EDDY_ASSIGN_OR_RETURN(std::string bytes, readStateHandle(fs, *channel.file));
      it = files.emplace(channel.file->path.toString(), std::move(bytes)).first;
    }
    // The metadata reader checked that the range lies inside the file's recorded size.
    channel.data = it->second.substr(static_cast<size_t>(channel.offset), static_cast<size_t>(channel.size));
  }
  return Status::OK();
}

}  // namespace eddy::checkpoint
