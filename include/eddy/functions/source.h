#pragma once

#include <cstddef>
#include <cstdint>
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

// Which split each record of a polled batch came from, and which splits the reader took up
// or finished: what Flink's readers say through ReaderOutput.createOutputForSplit,
// SourceOutput.collect and ReaderOutput.releaseOutputForSplit, here once per batch. With it
// the SourceOperator generates watermarks per split, so that a split read far ahead of
// another does not make the other's records late. Splits are named by small ids the reader
// chooses (e.g. an index into its splits, never reused). Filled by the reader in
// pollNextWithSplits, read by the SourceOperator after it; used by one task thread.
class SplitRuns {
 public:
  // Consecutive records of one split: from the previous run's end (or 0) up to `end`.
  struct Run {
    int32_t split;
    size_t end;
  };

  // The reader now reads `split`: it holds the watermark back until its records let it
  // advance or it turns idle.
  void createOutputForSplit(int32_t split) { created_.push_back(split); }
  // `split` is finished and no longer holds the watermark back.
  void releaseOutputForSplit(int32_t split) { released_.push_back(split); }
  // The records of the batch from the previous run's end up to `end` came from `split`
  // (an empty or continuing run is merged away).
  void addRun(int32_t split, size_t end) {
    if (!runs_.empty() && runs_.back().split == split) {
      runs_.back().end = end;
    } else if (end > (runs_.empty() ? 0 : runs_.back().end)) {
      runs_.push_back(Run{split, end});
    }
  }

  const std::vector<int32_t>& created() const { return created_; }
  const std::vector<Run>& runs() const { return runs_; }
  const std::vector<int32_t>& released() const { return released_; }
  void clear() {
    created_.clear();
    runs_.clear();
    released_.clear();
  }

 private:
  std::vector<int32_t> created_;
  std::vector<Run> runs_;
  std::vector<int32_t> released_;
};

// Reads records for one parallel source instance, a batch at a time (Flink's SourceReader).
// pollNext appends up to runtime::kDefaultBatchSize records, with their timestamps or
// runtime::kNoTimestamp, and must not block for long. Used by one task thread.
template <typename T>
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  virtual InputStatus pollNext(runtime::RecordBatch<T>& out) = 0;
  // As pollNext, and says in `splits` which split each appended record came from (the
  // runs then cover the whole batch, and `out` starts empty). A reader of several splits
  // overrides this so that watermarks are generated per split; by default nothing is
  // tagged and one watermark generator sees all records.
  virtual InputStatus pollNextWithSplits(runtime::RecordBatch<T>& out, SplitRuns& splits) { return pollNext(out); }
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
