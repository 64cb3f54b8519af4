#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/datastream.h"

namespace eddy {
namespace {

TEST(EnvironmentConfigTest, FlinkPipelineKeysConfigureTheEnvironment) {
  Configuration conf;
  conf.setString("parallelism.default", "3");
  conf.setString("pipeline.max-parallelism", "256");
  conf.setString("pipeline.auto-watermark-interval", "50 ms");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  EXPECT_EQ(env->getParallelism(), 3);
  EXPECT_EQ(env->getMaxParallelism(), 256);
  EXPECT_EQ(env->graph().auto_watermark_interval_ms, 50);
  EXPECT_EQ(env->getConfiguration().getString("parallelism.default"), "3");
}

TEST(EnvironmentConfigTest, DefaultsAreFlinks) {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  EXPECT_EQ(env->getParallelism(), 1);
  EXPECT_EQ(env->getMaxParallelism(), -1);
  EXPECT_EQ(env->graph().auto_watermark_interval_ms, 200);
}

TEST(EnvironmentConfigTest, ABadValueFailsExecutionNamingTheKey) {
  Configuration conf;
  conf.setString("parallelism.default", "many");
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(conf);
  env->fromElements(1, 2).print();
  auto result = env->execute();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("'parallelism.default'"), std::string::npos) << result.status().toString();
}

TEST(EnvironmentConfigTest, DynamicPropertiesFromTheCliOverride) {
  setenv(kDynamicPropertiesEnv, "parallelism.default=4\npipeline.auto-watermark-interval=1 s\n", 1);
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  unsetenv(kDynamicPropertiesEnv);
  EXPECT_EQ(env->getParallelism(), 4);
  EXPECT_EQ(env->graph().auto_watermark_interval_ms, 1000);
}

}  // namespace
}  // namespace eddy
