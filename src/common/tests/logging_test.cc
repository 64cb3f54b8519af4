#include "eddy/common/logging.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <string>

#include "eddy/common/configuration.h"

namespace eddy::log {
namespace {

// Captures the "eddy" logger's lines; restores its sinks and level afterwards.
class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_sinks_ = logger().sinks();
    saved_level_ = level();
    setSinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)});
    setLevel(Level::kInfo);
  }
  void TearDown() override {
    setSinks(saved_sinks_);
    setLevel(saved_level_);
    ::unsetenv("EDDY_LOG_LEVEL");
  }

  // The captured text with each line's timestamp replaced by "<ts>" after checking its shape.
  std::string lines() {
    std::string text = out_.str();
    static const std::regex kTimestamp(R"(^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} )", std::regex::multiline);
    std::string masked = std::regex_replace(text, kTimestamp, "<ts> ");
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), countOf(masked, "<ts> ")) << text;
    out_.str("");
    return masked;
  }

  static long countOf(const std::string& text, const std::string& part) {
    long n = 0;
    for (size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) ++n;
    return n;
  }

  // The part of a line after the timestamp, for a message at `level_text` (5 wide).
  static std::string line(const std::string& level_text, const std::string& message) {
    return "<ts> " + level_text + " eddy" + std::string(56, ' ') + " [] - " + message + "\n";
  }

  std::ostringstream out_;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> saved_sinks_;
  Level saved_level_ = Level::kInfo;
};

TEST_F(LoggingTest, LinesHaveFlinkLayout) {
  info("hello {}", 42);
  warn("careful: {}", "x");
  error("failed {} times", 3);
  EXPECT_EQ(lines(), line("INFO ", "hello 42") + line("WARN ", "careful: x") + line("ERROR", "failed 3 times"));
  EXPECT_EQ(logger().name(), "eddy");
}

TEST_F(LoggingTest, LevelFiltersMessages) {
  debug("hidden {}", 1);
  EXPECT_EQ(lines(), "");
  EXPECT_FALSE(isEnabled(Level::kDebug));
  setLevel(Level::kDebug);
  debug("shown {}", 2);
  EXPECT_EQ(lines(), line("DEBUG", "shown 2"));
  setLevel(Level::kError);
  warn("dropped");
  error("kept");
  EXPECT_EQ(lines(), line("ERROR", "kept"));
  setLevel(Level::kOff);
  error("nothing");
  EXPECT_EQ(lines(), "");
  EXPECT_FALSE(isEnabled(Level::kOff));
}

TEST_F(LoggingTest, ParsesLog4jLevelNames) {
  EXPECT_EQ(*parseLevel("debug"), Level::kDebug);
  EXPECT_EQ(*parseLevel("WARN"), Level::kWarn);
  EXPECT_EQ(*parseLevel("Trace"), Level::kTrace);
  EXPECT_EQ(*parseLevel("off"), Level::kOff);
  EXPECT_EQ(levelName(Level::kError), "ERROR");
  EXPECT_EQ(parseLevel("loud").status().message(),
            "Invalid log level 'loud': expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
}

TEST_F(LoggingTest, ConfigureFromConfigurationAndEnvironment) {
  ::unsetenv("EDDY_LOG_LEVEL");
  Configuration conf;
  ASSERT_TRUE(configure(conf).ok());
  EXPECT_EQ(level(), Level::kInfo);
  conf.setString("eddy.log.level", "debug");
  ASSERT_TRUE(configure(conf).ok());
  EXPECT_EQ(level(), Level::kDebug);
  ::setenv("EDDY_LOG_LEVEL", "error", 1);
  ASSERT_TRUE(configure(conf).ok());
  EXPECT_EQ(level(), Level::kError);
  ::setenv("EDDY_LOG_LEVEL", "noisy", 1);
  EXPECT_EQ(configure(conf).message(),
            "EDDY_LOG_LEVEL: Invalid log level 'noisy': expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
  ::unsetenv("EDDY_LOG_LEVEL");
  conf.setString("eddy.log.level", "loud");
  Status status = configure(conf);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "eddy.log.level: Invalid log level 'loud': expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
}

TEST_F(LoggingTest, LogConfigurationMasksSecrets) {
  Configuration conf;
  conf.setString("rest.port", "8081").setString("s3.secret-key", "abc").setString("a.token", "t");
  logConfiguration(conf);
  EXPECT_EQ(lines(), line("INFO ", "Loading configuration property: a.token, ******") +
                         line("INFO ", "Loading configuration property: rest.port, 8081") +
                         line("INFO ", "Loading configuration property: s3.secret-key, ******"));
}

TEST_F(LoggingTest, DeprecatedKeyReadLogsWarning) {
  Configuration conf;
  conf.setString("execution.buffer-timeout", "5 ms");
  ASSERT_TRUE(conf.get(ExecutionOptions::kBufferTimeout).ok());
  EXPECT_EQ(lines(), line("WARN ", "Config uses deprecated configuration key 'execution.buffer-timeout' instead of "
                                   "proper key 'execution.buffer-timeout.interval'"));
}

}  // namespace
}  // namespace eddy::log
