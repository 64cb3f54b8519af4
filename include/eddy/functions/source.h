#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"

#include "eddy/runtime/record_batch.h"

namespace eddy {

// Whether a source ends by itself (Flink's Boundedness).
enum class Boundedness { kBounded, kContinuousUnbounded };

// What a reader's pollNext says about the input (Flink's InputStatus).
enum class InputStatus { kMoreAvailable, kNothingAvailable, kEndOfInput };

// What a reader knows about where it runs.
struct SourceReaderContext {
  int subtask_index = 0;
  int parallelism = 1;
};

// Reads records for one parallel source instance, a batch at a time (Flink's SourceReader).
// pollNext appends up to runtime::kDefaultBatchSize records, with their timestamps or
// runtime::kNoTimestamp, and must not block for long. Used by one task thread.
template <typename T>
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  virtual InputStatus pollNext(runtime::RecordBatch<T>& out) = 0;
  virtual void close() {}
  // The reader's position for a checkpoint (Flink's SourceReader.snapshotState): one opaque
  // string per split not yet finished. A reader that cannot be checkpointed says so.
  virtual Result<std::vector<std::string>> snapshotState(int64_t /*checkpoint_id*/) {
    return NotSupported("this source does not support checkpoints");
  }
  // The checkpoint with this id is complete (Flink's notifyCheckpointComplete), e.g. to
  // commit the positions it holds to an external system.
  virtual void notifyCheckpointComplete(int64_t /*checkpoint_id*/) {}
};

// A source of records of type T (Flink's Source). Each parallel instance gets its own
// reader; the source decides how the input is divided among them.
template <typename T>
class Source {
 public:
  virtual ~Source() = default;
  virtual Boundedness getBoundedness() const = 0;
  virtual std::unique_ptr<SourceReader<T>> createReader(const SourceReaderContext& context) = 0;
  // A reader that continues from splits taken from a checkpoint, possibly written by other
  // subtasks at another parallelism (Flink's addSplits on restore).
  virtual Result<std::unique_ptr<SourceReader<T>>> restoreReader(const SourceReaderContext& /*context*/,
                                                                  const std::vector<std::string>& /*splits*/) {
    return NotSupported("this source does not support restoring from a checkpoint");
  }
};

}  // namespace eddy
