#include "eddy/types/civil_date.h"
#include "java_to_string.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace eddy::types {

namespace {

constexpr int64_t kNanosPerMilli = 1'000'000;
constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;


// Java's rule over shortest digits: plain notation for 1e-3 <= |v| < 1e7, else d.dddE±n.
template <typename F>
void appendJavaFloating(F value, std::string& out) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (value == 0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  if (text.front() == '-') {
    out.push_back('-');
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    } else {
      const size_t int_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_digits) {
        out += digits;
        out.append(int_digits - digits.size(), '0');
        out += ".0";
      } else {
        out.append(digits, 0, int_digits);
        out.push_back('.');
        out.append(digits, int_digits);
      }
    }
  } else {
    out.push_back(digits[0]);
    out.push_back('.');
    out += digits.size() > 1 ? digits.substr(1) : "0";
    out += fmt::format("E{}", exponent);
  }
}


// Fraction of a second in groups of three digits, as LocalTime#toString and ISO_INSTANT.
void appendNanoFraction(int64_t nanos, std::string& out) {
  if (nanos == 0) return;
  if (nanos % kNanosPerMilli == 0) {
    out += fmt::format(".{:03}", nanos / kNanosPerMilli);
  } else if (nanos % 1000 == 0) {
    out += fmt::format(".{:06}", nanos / 1000);
  } else {
    out += fmt::format(".{:09}", nanos);
  }
}

int64_t epochNanoOfDay(TimestampData timestamp, int64_t& epoch_day) {
  epoch_day = floorDiv(timestamp.millisecond, kSecondsPerDay * 1000);
  return floorMod(timestamp.millisecond, kSecondsPerDay * 1000) * kNanosPerMilli + timestamp.nano_of_millisecond;
}

}  // namespace

void appendJavaDouble(double value, std::string& out) { appendJavaFloating(value, out); }

void appendJavaFloat(float value, std::string& out) { appendJavaFloating(value, out); }

void appendLocalDate(int64_t epoch_day, std::string& out) {
  const CivilDate date = civilFromDays(epoch_day);
  if (date.year > 9999) {
    out += fmt::format("+{}", date.year);
  } else if (date.year < 0) {
    out += fmt::format("-{:04}", -date.year);
  } else {
    out += fmt::format("{:04}", date.year);
  }
  out += fmt::format("-{:02}-{:02}", date.month, date.day);
}

void appendLocalTime(int64_t nano_of_day, std::string& out) {
  const int64_t hour = nano_of_day / (3600 * kNanosPerSecond);
  const int64_t minute = nano_of_day / (60 * kNanosPerSecond) % 60;
  const int64_t second = nano_of_day / kNanosPerSecond % 60;
  const int64_t nanos = nano_of_day % kNanosPerSecond;
  out += fmt::format("{:02}:{:02}", hour, minute);
  if (second > 0 || nanos > 0) {
    out += fmt::format(":{:02}", second);
    appendNanoFraction(nanos, out);
  }
}

void appendLocalDateTime(TimestampData timestamp, std::string& out) {
  int64_t epoch_day = 0;
  const int64_t nano_of_day = epochNanoOfDay(timestamp, epoch_day);
  appendLocalDate(epoch_day, out);
  out.push_back('T');
  appendLocalTime(nano_of_day, out);
}

void appendInstant(TimestampData timestamp, std::string& out) {
  int64_t epoch_day = 0;
  const int64_t nano_of_day = epochNanoOfDay(timestamp, epoch_day);
  appendLocalDate(epoch_day, out);
  const int64_t seconds = nano_of_day / kNanosPerSecond;
  out += fmt::format("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  appendNanoFraction(nano_of_day % kNanosPerSecond, out);
  out.push_back('Z');
}

void appendPeriod(int32_t total_months, std::string& out) {
  const int32_t years = total_months / 12;
  const int32_t months = total_months % 12;
  if (total_months == 0) {
    out += "P0D";
    return;
  }
  out.push_back('P');
  if (years != 0) out += fmt::format("{}Y", years);
  if (months != 0) out += fmt::format("{}M", months);
}

void appendDuration(int64_t millis, std::string& out) {
  if (millis == 0) {
    out += "PT0S";
    return;
  }
  // Duration keeps seconds (floored) and a non-negative nano adjustment.
  const int64_t seconds = floorDiv(millis, 1000);
  const int64_t nanos = floorMod(millis, 1000) * kNanosPerMilli;
  const int64_t effective_seconds = seconds < 0 && nanos > 0 ? seconds + 1 : seconds;
  const int64_t hours = effective_seconds / 3600;
  const int64_t minutes = effective_seconds % 3600 / 60;
  const int64_t secs = effective_seconds % 60;
  const size_t start = out.size();
  out += "PT";
  if (hours != 0) out += fmt::format("{}H", hours);
  if (minutes != 0) out += fmt::format("{}M", minutes);
  if (secs == 0 && nanos == 0 && out.size() - start > 2) return;
  if (seconds < 0 && nanos > 0 && secs == 0) {
    out += "-0";
  } else {
    out += fmt::format("{}", secs);
  }
  if (nanos > 0) {
    std::string fraction = fmt::format("{}", seconds < 0 ? 2 * kNanosPerSecond - nanos : nanos + kNanosPerSecond);
    while (fraction.back() == '0') fraction.pop_back();
    fraction[0] = '.';
    out += fraction;
  }
  out.push_back('S');
}

}  // namespace eddy::types
