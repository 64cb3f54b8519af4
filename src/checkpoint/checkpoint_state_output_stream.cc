#include "eddy/checkpoint/checkpoint_state_output_stream.h"

#include "eddy/common/check.h"
#include "eddy/common/checksum.h"

namespace eddy::checkpoint {

CheckpointStateOutputStream::CheckpointStateOutputStream(std::shared_ptr<FileSystem> fs, Path path,
                                                         std::unique_ptr<FSDataOutputStream> out)
    : fs_(std::move(fs)), path_(std::move(path)), out_(std::move(out)) {}

CheckpointStateOutputStream::~CheckpointStateOutputStream() {
  if (closed_) return;
  // Abandoned (the snapshot failed or was cancelled): nothing will refer to the file.
  (void)out_->close();
  (void)fs_->remove(path_, false);
}

Status CheckpointStateOutputStream::write(std::string_view bytes) {
  EDDY_CHECK(!closed_);
  EDDY_RETURN_IF_ERROR(out_->write(bytes));
  checksum_ = crc32c::extend(checksum_, bytes);
  size_ += static_cast<int64_t>(bytes.size());
  return Status::OK();
}

Result<StreamStateHandle> CheckpointStateOutputStream::closeAndGetHandle() {
  EDDY_CHECK(!closed_);
  Status status = out_->sync();
  if (status.ok()) status = out_->close();
  if (!status.ok()) return status;  // the destructor deletes the partial file
  closed_ = true;
  return StreamStateHandle{path_, size_, checksum_};
}

}  // namespace eddy::checkpoint
