#include "eddy/common/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cctype>
#include <cstdlib>

#include "eddy/common/configuration.h"

namespace eddy::log {

namespace {

struct LevelEntry {
  Level level;
  std::string_view name;
  spdlog::level::level_enum spdlog_level;
};

constexpr std::array<LevelEntry, 6> kLevels = {{
    {Level::kTrace, "TRACE", spdlog::level::trace},
    {Level::kDebug, "DEBUG", spdlog::level::debug},
    {Level::kInfo, "INFO", spdlog::level::info},
    {Level::kWarn, "WARN", spdlog::level::warn},
    {Level::kError, "ERROR", spdlog::level::err},
    {Level::kOff, "OFF", spdlog::level::off},
}};

const LevelEntry& entryOf(Level level) { return kLevels[static_cast<size_t>(level)]; }

// %*: the level as log4j's %-5p prints it ("INFO ", "WARN ", "ERROR").
class Log4jLevelFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string_view name = "ERROR";
    for (const LevelEntry& entry : kLevels) {
      if (entry.spdlog_level == msg.level) name = entry.name;
    }
    dest.append(name.data(), name.data() + name.size());
    for (size_t i = name.size(); i < 5; ++i) dest.push_back(' ');
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<Log4jLevelFlag>(); }
};

std::unique_ptr<spdlog::formatter> makeFormatter() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<Log4jLevelFlag>('*').set_pattern(std::string(kPattern));
  return formatter;
}

std::shared_ptr<spdlog::logger> makeLogger() {
  auto logger = std::make_shared<spdlog::logger>(std::string(kLoggerName),
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(makeFormatter());
  logger->set_level(spdlog::level::info);
  return logger;
}

}  // namespace

Result<Level> parseLevel(std::string_view name) {
  for (const LevelEntry& entry : kLevels) {
    if (entry.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(name[i])) == entry.name[i];
    }
    if (same) return entry.level;
  }
  return InvalidArgument(
      fmt::format("Invalid log level '{}': expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF", name));
}

std::string_view levelName(Level level) { return entryOf(level).name; }

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> kLogger = makeLogger();
  return *kLogger;
}

void setLevel(Level level) { logger().set_level(entryOf(level).spdlog_level); }

Level level() {
  spdlog::level::level_enum current = logger().level();
  for (const LevelEntry& entry : kLevels) {
    if (entry.spdlog_level == current) return entry.level;
  }
  return Level::kInfo;
}

bool isEnabled(Level level) { return level != Level::kOff && logger().should_log(entryOf(level).spdlog_level); }

Status configure(const Configuration& conf) {
  if (const char* env = std::getenv("EDDY_LOG_LEVEL"); env != nullptr && env[0] != '\0') {
    Result<Level> parsed = parseLevel(env);
    if (!parsed.ok()) return parsed.status().withContext("EDDY_LOG_LEVEL");
    setLevel(*parsed);
    return Status::OK();
  }
  EDDY_ASSIGN_OR_RETURN(std::string name, conf.get(LoggingOptions::kLogLevel));
  Result<Level> parsed = parseLevel(name);
  if (!parsed.ok()) return parsed.status().withContext(LoggingOptions::kLogLevel.key());
  setLevel(*parsed);
  return Status::OK();
}

void setSinks(std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks) {
  logger().sinks() = std::move(sinks);
  logger().set_formatter(makeFormatter());
}

void write(Level level, std::string_view message) {
  logger().log(entryOf(level).spdlog_level, spdlog::string_view_t(message.data(), message.size()));
}

void logConfiguration(const Configuration& conf) {
  for (const auto& [key, value] : conf.toLoggableMap()) info("Loading configuration property: {}, {}", key, value);
}

}  // namespace eddy::log
