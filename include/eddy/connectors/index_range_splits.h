#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/result.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::connectors {

// The indexes [begin, end) of a sequence, as a source split (Flink's NumberSequenceSplit).
struct IndexRange {
  int64_t begin;
  int64_t end;

  // Two longs, begin then end.
  std::string toBytes() const {
    types::DataOutputSerializer out;
    out.writeLong(begin);
    out.writeLong(end);
    return std::string(out.data());
  }
  static Result<IndexRange> fromBytes(const std::string& bytes) {
    types::DataInputDeserializer in(bytes);
    IndexRange range{};
    EDDY_RETURN_IF_ERROR(in.readLong(range.begin));
    EDDY_RETURN_IF_ERROR(in.readLong(range.end));
    if (range.begin > range.end) return Corruption(fmt::format("invalid index range split [{}, {})", range.begin, range.end));
    return range;
  }
};

// The indexes [begin, end) that reader `subtask` of `parallelism` starts with: contiguous
// ranges, the first (count % parallelism) one longer, as Flink's NumberSequenceIterator
// splits a sequence. Every index in [0, count) belongs to exactly one reader.
inline IndexRange splitIndexRange(int64_t count, int subtask, int parallelism) {
  int64_t base = count / parallelism;
  int64_t extra = count % parallelism;
  int64_t begin = subtask * base + std::min<int64_t>(subtask, extra);
  return IndexRange{begin, begin + base + (subtask < extra ? 1 : 0)};
}

// The position of a reader over index ranges: the ranges still to read, the first one
// partly read. Readers of sequence-like sources (collections, data generators) keep one.
class IndexRangeCursor {
 public:
  explicit IndexRangeCursor(std::vector<IndexRange> ranges) : ranges_(ranges.begin(), ranges.end()) { skipEmpty(); }

  // Restores a cursor from split bytes (as snapshot() wrote them).
  static Result<IndexRangeCursor> fromSplits(const std::vector<std::string>& splits) {
    std::vector<IndexRange> ranges;
    for (const std::string& split : splits) {
      EDDY_ASSIGN_OR_RETURN(IndexRange range, IndexRange::fromBytes(split));
      ranges.push_back(range);
    }
    return IndexRangeCursor(std::move(ranges));
  }

  bool done() const { return ranges_.empty(); }
  // The next run of consecutive indexes, at most `max` long; advances past it.
  IndexRange take(int64_t max) {
    IndexRange& front = ranges_.front();
    IndexRange run{front.begin, std::min(front.end, front.begin + max)};
    front.begin = run.end;
    skipEmpty();
    return run;
  }
  // Indexes available before the current range ends (0 when done).
  int64_t availableInRange() const { return ranges_.empty() ? 0 : ranges_.front().end - ranges_.front().begin; }
  std::vector<std::string> snapshot() const {
    std::vector<std::string> splits;
    for (const IndexRange& range : ranges_) splits.push_back(range.toBytes());
    return splits;
  }

 private:
  void skipEmpty() {
    while (!ranges_.empty() && ranges_.front().begin >= ranges_.front().end) ranges_.pop_front();
  }
  std::deque<IndexRange> ranges_;
};

}  // namespace eddy::connectors
