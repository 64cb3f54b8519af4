#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "eddy/connectors/datagen_source.h"
#include "eddy/connectors/random_generator.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using connectors::DataGeneratorSource;
using connectors::makeDataGeneratorSource;
using connectors::RandomGenerator;
using connectors::RateLimiterStrategy;

std::vector<int64_t> runGenerator(int parallelism, int64_t count) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(parallelism);
  auto source = makeDataGeneratorSource([](int64_t i) { return i * 10; }, count);
  auto result = env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Generator Source")
                    .executeAndCollect();
  EXPECT_TRUE(result.ok()) << result.status().toString();
  std::vector<int64_t> values = result.ok() ? *result : std::vector<int64_t>{};
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<int64_t> expectedTimesTen(int64_t count) {
  std::vector<int64_t> expected(count);
  for (int64_t i = 0; i < count; ++i) expected[i] = i * 10;
  return expected;
}

TEST(DataGeneratorSourceJobTest, ParallelismOneProducesEveryIndexOnce) {
  EXPECT_EQ(runGenerator(1, 5000), expectedTimesTen(5000));
}

TEST(DataGeneratorSourceJobTest, ParallelismThreeProducesEveryIndexOnce) {
  EXPECT_EQ(runGenerator(3, 10001), expectedTimesTen(10001));
}

TEST(DataGeneratorSourceJobTest, StdFunctionGeneratorWithRandomFields) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  auto generate = [](int64_t i) {
    auto random = RandomGenerator::forIndex(42, i);
    return std::to_string(i) + ":" + std::to_string(random.nextLong(0, 999));
  };
  auto source = std::make_shared<DataGeneratorSource<std::string>>(generate, 100);
  auto result = env->fromSource<std::string>(source, WatermarkStrategy<std::string>::noWatermarks(), "Random")
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  std::vector<std::string> expected;
  for (int64_t i = 0; i < 100; ++i) expected.push_back(generate(i));
  std::vector<std::string> values = *result;
  std::sort(values.begin(), values.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(values, expected);
}

TEST(DataGeneratorSourceJobTest, RateLimitSlowsTheJob) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  // 40 records at 200 per second over two readers (100 each): the first record of each
  // reader is free, the other 19 take at least 190 ms.
  auto source = makeDataGeneratorSource([](int64_t i) { return i; }, 40, RateLimiterStrategy::perSecond(200));
  auto start = std::chrono::steady_clock::now();
  auto result = env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Limited").executeAndCollect();
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(result->size(), 40u);
  EXPECT_GE(elapsed, std::chrono::milliseconds(150));
}

}  // namespace
}  // namespace eddy
