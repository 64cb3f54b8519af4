// Throughput of a chained map → filter over primitive records, against a hand-written loop
// doing the same work (the baseline, measured in the same run). Reported as records/s.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "eddy/datastream.h"
#include "summing_sink.h"

namespace {

constexpr int64_t kRecords = 10'000'000;

// A bounded source of 0..n-1 that fills batches directly (no per-record allocation).
class SequenceSource final : public eddy::Source<int64_t> {
 public:
  explicit SequenceSource(int64_t n) : n_(n) {}
  eddy::Boundedness getBoundedness() const override { return eddy::Boundedness::kBounded; }
  std::unique_ptr<eddy::SourceReader<int64_t>> createReader(const eddy::SourceReaderContext&) override {
    return std::make_unique<Reader>(n_);
  }

 private:
  class Reader final : public eddy::SourceReader<int64_t> {
   public:
    explicit Reader(int64_t n) : n_(n) {}
    eddy::InputStatus pollNext(eddy::runtime::RecordBatch<int64_t>& out) override {
      int64_t end = std::min(n_, next_ + static_cast<int64_t>(eddy::runtime::kDefaultBatchSize));
      for (; next_ < end; ++next_) out.add(next_, eddy::runtime::kNoTimestamp);
      return next_ < n_ ? eddy::InputStatus::kMoreAvailable : eddy::InputStatus::kEndOfInput;
    }

   private:
    int64_t n_;
    int64_t next_ = 0;
  };
  int64_t n_;
};

using eddy::bench::SummingSink;

void BM_HandWrittenLoop(benchmark::State& state) {
  for (auto _ : state) {
    int64_t sum = 0;
    for (int64_t i = 0; i < kRecords; ++i) {
      int64_t v = i * 3;
      if (v % 2 == 0) sum += v;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
}
BENCHMARK(BM_HandWrittenLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ChainedMapFilter(benchmark::State& state) {
  for (auto _ : state) {
    auto env = eddy::StreamExecutionEnvironment::getExecutionEnvironment();
    auto sum = std::make_shared<std::atomic<int64_t>>(0);
    env->fromSource<int64_t>(std::make_shared<SequenceSource>(kRecords),
                             eddy::WatermarkStrategy<int64_t>::noWatermarks(), "Sequence")
        .map([](const int64_t& x) { return x * 3; })
        .filter([](const int64_t& x) { return x % 2 == 0; })
        .sinkTo(std::make_shared<SummingSink>(sum));
    auto result = env->execute("chained map filter");
    if (!result.ok()) state.SkipWithError(result.status().toString().c_str());
    benchmark::DoNotOptimize(sum->load());
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
}
BENCHMARK(BM_ChainedMapFilter)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
