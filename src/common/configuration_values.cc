// Parsing and printing of configuration values: numbers, booleans, Flink's durations and
// memory sizes, with Flink's rules and error messages.

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "eddy/common/config_options.h"

namespace eddy {

namespace {

std::string_view trim(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size() && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  size_t end = s.size();
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return s.substr(begin, end - begin);
}

std::string toLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Java's Integer/Long.parseLong: an optional sign and decimal digits, nothing else.
template <typename N>
Result<N> parseInteger(std::string_view text) {
  std::string_view digits = trim(text);
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  N value{};
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec == std::errc::invalid_argument || end != digits.data() + digits.size()) {
    return InvalidArgument(fmt::format("For input string: \"{}\"", text));
  }
  if (ec == std::errc::result_out_of_range) {
    return InvalidArgument(fmt::format("Value '{}' is out of range of a {}-bit integer", text, sizeof(N) * 8));
  }
  return value;
}

// A number followed by a unit label: the split Flink's TimeUtils and MemorySize share.
struct NumberAndUnit {
  int64_t value;
  std::string unit;  // lower case, trimmed
};

Result<NumberAndUnit> splitNumberAndUnit(std::string_view text) {
  std::string_view trimmed = trim(text);
  if (trimmed.empty()) return InvalidArgument("argument is an empty- or whitespace-only string");
  size_t pos = 0;
  while (pos < trimmed.size() && trimmed[pos] >= '0' && trimmed[pos] <= '9') ++pos;
  std::string_view number = trimmed.substr(0, pos);
  if (number.empty()) return InvalidArgument("text does not start with a number");
  int64_t value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc()) {
    return InvalidArgument(
        fmt::format("The value '{}' cannot be re represented as 64bit number (numeric overflow).", number));
  }
  return NumberAndUnit{value, toLower(trim(trimmed.substr(pos)))};
}

struct UnitLabels {
  std::string_view name;
  std::vector<std::string_view> labels;  // the first is the one used when printing
  int64_t multiplier;
};

std::string describeUnits(const std::vector<UnitLabels>& units, std::string_view separator) {
  std::string out;
  for (const UnitLabels& unit : units) {
    if (!out.empty()) out += separator;
    out += fmt::format("{}: ({})", unit.name, fmt::join(unit.labels, " | "));
  }
  return out;
}

const UnitLabels* findUnit(const std::vector<UnitLabels>& units, std::string_view label) {
  for (const UnitLabels& unit : units) {
    for (std::string_view l : unit.labels) {
      if (l == label) return &unit;
    }
  }
  return nullptr;
}

// Flink's TimeUtils.TimeUnit, largest first; multipliers in nanoseconds.
const std::vector<UnitLabels>& timeUnits() {
  static const std::vector<UnitLabels> kUnits = {
      {"DAYS", {"d", "day", "days"}, int64_t{86400} * 1000000000},
      {"HOURS", {"h", "hour", "hours"}, int64_t{3600} * 1000000000},
      {"MINUTES", {"min", "m", "minute", "minutes"}, int64_t{60} * 1000000000},
      {"SECONDS", {"s", "sec", "secs", "second", "seconds"}, 1000000000},
      {"MILLISECONDS", {"ms", "milli", "millis", "millisecond", "milliseconds"}, 1000000},
      {"MICROSECONDS", {"\u00b5s", "micro", "micros", "microsecond", "microseconds"}, 1000},
      {"NANOSECONDS", {"ns", "nano", "nanos", "nanosecond", "nanoseconds"}, 1},
  };
  return kUnits;
}

// Flink's MemorySize.MemoryUnit, smallest first; the second label is the one printed.
const std::vector<UnitLabels>& memoryUnits() {
  static const std::vector<UnitLabels> kUnits = {
      {"BYTES", {"b", "bytes"}, 1},
      {"KILO_BYTES", {"k", "kb", "kibibytes"}, int64_t{1} << 10},
      {"MEGA_BYTES", {"m", "mb", "mebibytes"}, int64_t{1} << 20},
      {"GIGA_BYTES", {"g", "gb", "gibibytes"}, int64_t{1} << 30},
      {"TERA_BYTES", {"t", "tb", "tebibytes"}, int64_t{1} << 40},
  };
  return kUnits;
}

}  // namespace

Result<std::chrono::nanoseconds> parseDuration(std::string_view text) {
  EDDY_ASSIGN_OR_RETURN(NumberAndUnit parts, splitNumberAndUnit(text));
  int64_t multiplier = 1000000;  // no label: milliseconds
  if (!parts.unit.empty()) {
    const UnitLabels* unit = findUnit(timeUnits(), parts.unit);
    if (unit == nullptr) {
      return InvalidArgument(fmt::format("Time interval unit label '{}' does not match any of the recognized units: {}",
                                         parts.unit, describeUnits(timeUnits(), ", ")));
    }
    multiplier = unit->multiplier;
  }
  if (parts.value > std::numeric_limits<int64_t>::max() / multiplier) {
    return InvalidArgument(fmt::format("The value '{}' cannot be represented as a duration (numeric overflow).",
                                       trim(text)));
  }
  return std::chrono::nanoseconds(parts.value * multiplier);
}

std::string formatWithHighestUnit(std::chrono::nanoseconds duration) {
  int64_t nanos = duration.count();
  if (nanos == 0) return "0 ms";
  for (const UnitLabels& unit : timeUnits()) {
    if (nanos % unit.multiplier == 0) return fmt::format("{} {}", nanos / unit.multiplier, unit.labels.front());
  }
  return fmt::format("{} ns", nanos);
}

Result<MemorySize> MemorySize::parse(std::string_view text) {
  EDDY_ASSIGN_OR_RETURN(NumberAndUnit parts, splitNumberAndUnit(text));
  int64_t multiplier = 1;
  if (!parts.unit.empty()) {
    const UnitLabels* unit = findUnit(memoryUnits(), parts.unit);
    if (unit == nullptr) {
      return InvalidArgument(fmt::format("Memory size unit '{}' does not match any of the recognized units: {}",
                                         parts.unit, describeUnits(memoryUnits(), " / ")));
    }
    multiplier = unit->multiplier;
  }
  if (parts.value > std::numeric_limits<int64_t>::max() / multiplier) {
    return InvalidArgument(fmt::format(
        "The value '{}' cannot be re represented as 64bit number of bytes (numeric overflow).", trim(text)));
  }
  return MemorySize(parts.value * multiplier);
}

std::string MemorySize::toString() const {
  const UnitLabels* highest = &memoryUnits().front();
  for (const UnitLabels& unit : memoryUnits()) {
    if (bytes_ % unit.multiplier != 0) break;
    highest = &unit;
  }
  return fmt::format("{} {}", bytes_ / highest->multiplier, highest->labels[1]);
}

Result<int32_t> ConfigValue<int32_t>::parse(std::string_view text) { return parseInteger<int32_t>(text); }
std::string ConfigValue<int32_t>::format(const int32_t& value) { return std::to_string(value); }

Result<int64_t> ConfigValue<int64_t>::parse(std::string_view text) { return parseInteger<int64_t>(text); }
std::string ConfigValue<int64_t>::format(const int64_t& value) { return std::to_string(value); }

Result<bool> ConfigValue<bool>::parse(std::string_view text) {
  std::string lower = toLower(trim(text));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return InvalidArgument(
      fmt::format("Unrecognized option for boolean: {}. Expected either true or false(case insensitive)", text));
}
std::string ConfigValue<bool>::format(const bool& value) { return value ? "true" : "false"; }

Result<double> ConfigValue<double>::parse(std::string_view text) {
  std::string trimmed(trim(text));
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(trimmed.c_str(), &end);
  if (trimmed.empty() || end != trimmed.c_str() + trimmed.size() || errno == ERANGE) {
    return InvalidArgument(fmt::format("For input string: \"{}\"", text));
  }
  return value;
}
// As Java's Double.toString for ordinary values: always a fraction ("2.0", "0.25").
std::string ConfigValue<double>::format(const double& value) {
  std::string out = fmt::format("{}", value);
  if (std::isfinite(value) && out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

Result<std::string> ConfigValue<std::string>::parse(std::string_view text) { return std::string(text); }
std::string ConfigValue<std::string>::format(const std::string& value) { return value; }

Result<std::chrono::nanoseconds> ConfigValue<std::chrono::nanoseconds>::parse(std::string_view text) {
  return parseDuration(text);
}
std::string ConfigValue<std::chrono::nanoseconds>::format(const std::chrono::nanoseconds& value) {
  return formatWithHighestUnit(value);
}

Result<MemorySize> ConfigValue<MemorySize>::parse(std::string_view text) { return MemorySize::parse(text); }
std::string ConfigValue<MemorySize>::format(const MemorySize& value) { return value.toString(); }

}  // namespace eddy
