#pragma once

#include <fmt/format.h>

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/common/status.h"

namespace spdlog {
class logger;
namespace sinks {
class sink;
}  // namespace sinks
}  // namespace spdlog

namespace eddy {
class Configuration;
}  // namespace eddy

// Eddy's log: one spdlog logger named "eddy", writing to stderr lines shaped like Flink's
// log4j default layout ("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n"):
//
//   2024-05-01 12:00:00,123 INFO  eddy<56 spaces> [] - Loading configuration property: a, 1
//
// eddy::log::info("x = {}", x) formats only when the level is enabled. Thread-safe, except
// setSinks, which must run before other threads log.
namespace eddy::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// The spdlog pattern of a line; %* is the level as log4j prints it, padded to 5.
inline constexpr std::string_view kPattern = "%Y-%m-%d %H:%M:%S,%e %* %-60n [] - %v";
inline constexpr std::string_view kLoggerName = "eddy";

// Log4j's level names, case-insensitive: TRACE, DEBUG, INFO, WARN, ERROR, OFF.
Result<Level> parseLevel(std::string_view name);
std::string_view levelName(Level level);

void setLevel(Level level);
Level level();
bool isEnabled(Level level);

// Sets the level from $EDDY_LOG_LEVEL if set, else from eddy.log.level (default INFO).
// A name that is not a level is InvalidArgument naming where it came from.
Status configure(const Configuration& conf);

// The "eddy" logger itself, for callers that need spdlog directly.
spdlog::logger& logger();
// Replaces where lines go (tests capture them with an ostream sink); each sink gets the
// Flink-shaped pattern.
void setSinks(std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks);

// Writes one already formatted line at `level`.
void write(Level level, std::string_view message);

// Logs every entry of `conf` as Flink's GlobalConfiguration does when it loads one,
// "Loading configuration property: key, value", secret values shown as "******".
void logConfiguration(const Configuration& conf);

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
  if (isEnabled(Level::kDebug)) write(Level::kDebug, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
  if (isEnabled(Level::kInfo)) write(Level::kInfo, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
  if (isEnabled(Level::kWarn)) write(Level::kWarn, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
  if (isEnabled(Level::kError)) write(Level::kError, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace eddy::log
