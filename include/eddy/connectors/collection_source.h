#pragma once

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/connectors/index_range_splits.h"
#include "eddy/functions/source.h"

namespace eddy::connectors {

// A bounded source over an in-memory list (fromElements / fromCollection). Parallel
// instances split the list into contiguous ranges, in order; a checkpoint holds each
// reader's unread ranges.
template <typename T>
class CollectionSource final : public Source<T> {
 public:
  explicit CollectionSource(std::vector<T> elements) : elements_(std::make_shared<const std::vector<T>>(std::move(elements))) {}

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }

  std::unique_ptr<SourceReader<T>> createReader(const SourceReaderContext& context) override {
    auto n = static_cast<int64_t>(elements_->size());
    return std::make_unique<Reader>(elements_,
                                    IndexRangeCursor({splitIndexRange(n, context.subtask_index, context.parallelism)}));
  }

  // Continues from checkpointed positions in the list.
  Result<std::unique_ptr<SourceReader<T>>> restoreReader(const SourceReaderContext&,
                                                         const std::vector<std::string>& splits) override {
    EDDY_ASSIGN_OR_RETURN(IndexRangeCursor cursor, IndexRangeCursor::fromSplits(splits));
    return std::unique_ptr<SourceReader<T>>(std::make_unique<Reader>(elements_, std::move(cursor)));
  }

 private:
  class Reader final : public SourceReader<T> {
   public:
    Reader(std::shared_ptr<const std::vector<T>> elements, IndexRangeCursor cursor)
        : elements_(std::move(elements)), cursor_(std::move(cursor)) {}

    InputStatus pollNext(runtime::RecordBatch<T>& out) override {
      if (cursor_.done()) return InputStatus::kEndOfInput;
      IndexRange run = cursor_.take(static_cast<int64_t>(runtime::kDefaultBatchSize));
      for (int64_t i = run.begin; i < run.end; ++i) out.add((*elements_)[i], runtime::kNoTimestamp);
      return cursor_.done() ? InputStatus::kEndOfInput : InputStatus::kMoreAvailable;
    }

    Result<std::vector<std::string>> snapshotState(int64_t) override { return cursor_.snapshot(); }

   private:
    std::shared_ptr<const std::vector<T>> elements_;
    IndexRangeCursor cursor_;
  };

  std::shared_ptr<const std::vector<T>> elements_;
};

}  // namespace eddy::connectors
