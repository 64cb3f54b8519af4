#pragma once

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/functions/source.h"

namespace eddy::connectors {

// A bounded source over an in-memory list (fromElements / fromCollection). Parallel
// instances split the list into contiguous ranges, in order.
template <typename T>
class CollectionSource final : public Source<T> {
 public:
  explicit CollectionSource(std::vector<T> elements) : elements_(std::make_shared<const std::vector<T>>(std::move(elements))) {}

  Boundedness getBoundedness() const override { return Boundedness::kBounded; }

  std::unique_ptr<SourceReader<T>> createReader(const SourceReaderContext& context) override {
    size_t n = elements_->size();
    size_t begin = n * context.subtask_index / context.parallelism;
    size_t end = n * (context.subtask_index + 1) / context.parallelism;
    return std::make_unique<Reader>(elements_, begin, end);
  }

 private:
  class Reader final : public SourceReader<T> {
   public:
    Reader(std::shared_ptr<const std::vector<T>> elements, size_t begin, size_t end)
        : elements_(std::move(elements)), next_(begin), end_(end) {}

    InputStatus pollNext(runtime::RecordBatch<T>& out) override {
      size_t stop = std::min(end_, next_ + runtime::kDefaultBatchSize);
      for (; next_ < stop; ++next_) out.add((*elements_)[next_], runtime::kNoTimestamp);
      return next_ < end_ ? InputStatus::kMoreAvailable : InputStatus::kEndOfInput;
    }

   private:
    std::shared_ptr<const std::vector<T>> elements_;
    size_t next_;
    size_t end_;
  };

  std::shared_ptr<const std::vector<T>> elements_;
};

}  // namespace eddy::connectors
