#include "eddy/connectors/datagen_source.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace eddy::connectors {
namespace {

// Polls a reader to its end and returns everything it produced.
template <typename T>
std::vector<T> readAll(SourceReader<T>& reader) {
  std::vector<T> all;
  runtime::RecordBatch<T> batch;
  InputStatus status;
  do {
    batch.clear();
    status = reader.pollNext(batch);
    EXPECT_LE(batch.size(), runtime::kDefaultBatchSize);
    for (int64_t ts : batch.timestamps) EXPECT_EQ(ts, runtime::kNoTimestamp);
    all.insert(all.end(), batch.values.begin(), batch.values.end());
  } while (status == InputStatus::kMoreAvailable);
  EXPECT_EQ(status, InputStatus::kEndOfInput);
  return all;
}

TEST(DataGeneratorSourceTest, SplitsIndexesIntoContiguousRanges) {
  auto r0 = splitIndexRange(10, 0, 3);
  auto r1 = splitIndexRange(10, 1, 3);
  auto r2 = splitIndexRange(10, 2, 3);
  EXPECT_EQ(std::vector<int64_t>({r0.begin, r0.end, r1.begin, r1.end, r2.begin, r2.end}),
            std::vector<int64_t>({0, 4, 4, 7, 7, 10}));
  auto empty = splitIndexRange(2, 2, 3);
  EXPECT_EQ(empty.begin, 2);
  EXPECT_EQ(empty.end, 2);
  auto unbounded = splitIndexRange(INT64_MAX, 1, 2);
  EXPECT_EQ(unbounded.end, INT64_MAX);
}

TEST(DataGeneratorSourceTest, ReadersProduceTheirRangeInBatches) {
  DataGeneratorSource<std::string> source([](int64_t i) { return "r" + std::to_string(i); }, 2500);
  EXPECT_EQ(source.getBoundedness(), Boundedness::kBounded);
  std::vector<std::string> all;
  for (int subtask = 0; subtask < 2; ++subtask) {
    auto reader = source.createReader(SourceReaderContext{subtask, 2});
    auto part = readAll(*reader);
    ASSERT_EQ(part.size(), 1250u);
    all.insert(all.end(), part.begin(), part.end());
  }
  for (int64_t i = 0; i < 2500; ++i) ASSERT_EQ(all[i], "r" + std::to_string(i));
}

TEST(DataGeneratorSourceTest, MaxCountIsUnbounded) {
  auto source = makeDataGeneratorSource([](int64_t i) { return i; }, INT64_MAX);
  EXPECT_EQ(source->getBoundedness(), Boundedness::kContinuousUnbounded);
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<int64_t> batch;
  EXPECT_EQ(reader->pollNext(batch), InputStatus::kMoreAvailable);
  EXPECT_EQ(batch.size(), runtime::kDefaultBatchSize);
  EXPECT_EQ(batch.values.back(), static_cast<int64_t>(runtime::kDefaultBatchSize) - 1);
}

TEST(DataGeneratorSourceTest, RateLimitedReaderWaitsForPermits) {
  auto source = makeDataGeneratorSource([](int64_t i) { return i; }, 10, RateLimiterStrategy::perSecond(0.001));
  auto reader = source->createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<int64_t> batch;
  EXPECT_EQ(reader->pollNext(batch), InputStatus::kMoreAvailable);
  EXPECT_EQ(batch.values, runtime::Column<int64_t>{0});
  EXPECT_EQ(reader->pollNext(batch), InputStatus::kNothingAvailable);
  EXPECT_EQ(batch.size(), 1u);
}

}  // namespace
}  // namespace eddy::connectors
