#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "eddy/datastream.h"

namespace eddy {
namespace {

template <typename T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class Tokenizer final : public FlatMapFunction<std::string, std::string> {
 public:
  void flatMap(const std::string& line, Collector<std::string>& out) override {
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      if (end > start) out.collect(line.substr(start, end - start));
      start = end + 1;
    }
  }
};

TEST(DataStreamTest, MapFilterChain) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto result = env->fromElements(1, 2, 3, 4, 5, 6)
                    .map([](const int& x) { return x * 10; })
                    .filter([](const int& x) { return x != 30; })
                    .executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<int>{10, 20, 40, 50, 60}));
}

TEST(DataStreamTest, FlatMapWithFunctionObjectAndLambda) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto words = env->fromElements(std::string("to be or"), std::string("not to be")).flatMap(Tokenizer());
  auto lengths = words.flatMap([](const std::string& w, Collector<size_t>& out) { out.collect(w.size()); });
  auto result = lengths.executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(*result, (std::vector<size_t>{2, 2, 2, 3, 2, 2}));
}

TEST(DataStreamTest, ParallelMapAcrossNetworkKeepsEveryRecord) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(4);
  std::vector<int64_t> input(100000);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int64_t>(i);
  auto result = env->fromCollection(input).rebalance().map([](const int64_t& x) { return x + 1; }).executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  std::vector<int64_t> expected(input.size());
  for (size_t i = 0; i < input.size(); ++i) expected[i] = static_cast<int64_t>(i) + 1;
  EXPECT_EQ(sorted(*result), expected);
}

TEST(DataStreamTest, UnionMergesStreams) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto a = env->fromElements(1, 2);
  auto b = env->fromElements(3);
  auto c = env->fromElements(4, 5);
  auto result = a.union_(b, c).executeAndCollect();
  ASSERT_TRUE(result.ok()) << result.status().toString();
  EXPECT_EQ(sorted(*result), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(DataStreamTest, ThrowingUserFunctionFailsJobNamingOperator) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(2);
  auto stream = env->fromElements(1, 2, 3)
                    .rebalance()
                    .map([](const int& x) -> int {
                      if (x == 2) throw std::runtime_error("cannot handle 2");
                      return x;
                    })
                    .name("Fragile Map");
  auto result = stream.executeAndCollect("failing job");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUserFunctionError);
  EXPECT_EQ(result.status().message(), "Job 'failing job' failed: operator 'Fragile Map' failed: cannot handle 2");
}

TEST(DataStreamTest, ForwardEdgeBetweenDifferentParallelismIsRejected) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto stream = env->fromElements(1, 2, 3).forward().map([](const int& x) { return x; }).setParallelism(2);
  auto result = stream.executeAndCollect();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("Forward partitioning does not allow change of parallelism"),
            std::string::npos);
}

}  // namespace
}  // namespace eddy
