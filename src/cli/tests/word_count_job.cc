// A job for the CLI tests, loaded by `eddy run`: counts words per key and prints them, or,
// with the argument "fail", fails in a map operator named "Exploding Map".
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

#include "eddy/datastream.h"

using namespace eddy;

extern "C" int eddyMain(int argc, char** argv) {
  bool fail = argc > 1 && std::string(argv[1]) == "fail";
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  std::printf("parallelism=%d\n", env->getParallelism());
  std::fflush(stdout);
  auto words = env->fromElements(std::string("a"), std::string("b"), std::string("a"));
  auto mapped = words.map([fail](const std::string& w) {
    if (fail) throw std::runtime_error("boom on " + w);
    return std::pair<std::string, int>(w, 1);
  });
  mapped.name("Exploding Map");
  mapped.keyBy([](const std::pair<std::string, int>& p) { return p.first; }).sum<1>().uid("counts").setParallelism(1).print();
  auto result = env->execute("word count");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
