// A job for the session cluster tests: an unbounded, rate-limited sequence 0, 1, 2, … keyed
// by i % 3 into running counts (uid "counts"), checkpointed every 100 ms; each count is
// appended as a line "(k<key>,<count>)" to the file named by the first argument as soon as
// it is written, so a test sees where the job got to.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "api/tests/appending_lines_sink.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

using namespace eddy;

using Count = std::pair<std::string, int64_t>;

extern "C" int eddyMain(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: cluster_test_job <output file>\n");
    return 2;
  }
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->enableCheckpointing(100);
  auto identity = [](int64_t i) { return i; };
  env->fromSource(connectors::makeDataGeneratorSource(identity, connectors::DataGeneratorSource<int64_t>::kUnbounded,
                                                      connectors::RateLimiterStrategy::perSecond(200)),
                  WatermarkStrategy<int64_t>::noWatermarks(), "Sequence Source")
      .uid("sequence")
      .map([](const int64_t& i) { return Count("k" + std::to_string(i % 3), 1); })
      .keyBy([](const Count& c) { return c.first; })
      .sum<1>()
      .uid("counts")
      .sinkTo(testing::appendingLinesSink<Count>(
                  argv[1], [](const Count& c) { return "(" + c.first + "," + std::to_string(c.second) + ")"; }),
              "Count File");
  auto result = env->execute("cluster test counts");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
