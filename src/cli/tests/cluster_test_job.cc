// A job for the session cluster tests: an unbounded, rate-limited sequence 0, 1, 2, … keyed
// by i % 3 into running counts (uid "counts"), checkpointed every 100 ms; each count is
// appended as a line "(k<key>,<count>)" to the file named by the first argument as soon as
// it is written, so a test sees where the job got to.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"

using namespace eddy;

namespace {

using Count = std::pair<std::string, int64_t>;

// Appends each batch to a file with one write, unbuffered.
class AppendingFileSink final : public Sink<Count> {
 public:
  explicit AppendingFileSink(std::string path) : path_(std::move(path)) {}

  std::unique_ptr<SinkWriter<Count>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(path_);
  }

 private:
  class Writer final : public SinkWriter<Count> {
   public:
    explicit Writer(const std::string& path) : fd_(open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644)) {
      if (fd_ < 0) throw std::runtime_error("cannot open " + path);
    }
    ~Writer() override { close(); }
    void write(const Count& count, int64_t) override {
      std::string line = "(" + count.first + "," + std::to_string(count.second) + ")\n";
      if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
        throw std::runtime_error("short write");
      }
    }
    void close() override {
      if (fd_ >= 0) ::close(fd_);
      fd_ = -1;
    }

   private:
    int fd_;
  };

  std::string path_;
};

}  // namespace

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
      .sinkTo(std::make_shared<AppendingFileSink>(argv[1]), "Count File");
  auto result = env->execute("cluster test counts");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
