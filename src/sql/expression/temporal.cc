#include "sql/expression/temporal.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace eddy::sql::temporal {

namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {"January", "February", "March",     "April",
                                                          "May",     "June",     "July",      "August",
                                                          "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDayNames = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// Reads 1..max_digits digits at `pos`; nullopt when there is none.
std::optional<int64_t> readNumber(std::string_view text, size_t& pos, size_t max_digits) {
  const size_t start = pos;
  int64_t value = 0;
  while (pos < text.size() && pos - start < max_digits && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return value;
}

bool validDate(int64_t year, int64_t month, int64_t day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, static_cast<int>(month));
}

// Reads "hh:mm[:ss[.fffffffff]]" into nanoseconds of the day.
std::optional<int64_t> readTime(std::string_view text, size_t& pos) {
  auto hour = readNumber(text, pos, 2);
  if (!hour || pos >= text.size() || text[pos] != ':') return std::nullopt;
  ++pos;
  auto minute = readNumber(text, pos, 2);
  if (!minute) return std::nullopt;
  int64_t second = 0;
  int64_t nanos = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    auto s = readNumber(text, pos, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const size_t start = pos;
      auto fraction = readNumber(text, pos, 9);
      if (!fraction) return std::nullopt;
      nanos = *fraction;
      for (size_t digits = pos - start; digits < 9; ++digits) nanos *= 10;
    }
  }
  if (*hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  return ((*hour * 60 + *minute) * 60 + second) * 1'000'000'000 + nanos;
}

std::optional<int64_t> readDate(std::string_view text, size_t& pos) {
  auto year = readNumber(text, pos, 4);
  if (!year || pos >= text.size() || text[pos] != '-') return std::nullopt;
  ++pos;
  auto month = readNumber(text, pos, 2);
  if (!month || pos >= text.size() || text[pos] != '-') return std::nullopt;
  ++pos;
  auto day = readNumber(text, pos, 2);
  if (!day || !validDate(*year, *month, *day)) return std::nullopt;
  return daysFromCivil(*year, static_cast<int>(*month), static_cast<int>(*day));
}

void appendPadded(int64_t value, int width, std::string& out) { out += fmt::format("{:0{}d}", value, width); }

void appendFraction(int64_t nano_of_second, int precision, std::string& out) {
  if (precision <= 0) return;
  std::string digits = fmt::format("{:09d}", nano_of_second);
  out.push_back('.');
  out.append(digits, 0, static_cast<size_t>(precision));
}

// The pattern split into runs of one letter ("yyyy") and literal text.
struct PatternToken {
  char letter;  // 0 for literal text
  int count;
  std::string_view literal;
};

template <typename F>
Status forEachToken(std::string_view pattern, F&& f) {
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t end = pattern.find('\'', i + 1);
      if (end == std::string_view::npos) return InvalidArgument(fmt::format("Unterminated quote in pattern '{}'", pattern));
      if (end == i + 1) {
        EDDY_RETURN_IF_ERROR(f(PatternToken{0, 1, "'"}));
      } else {
        EDDY_RETURN_IF_ERROR(f(PatternToken{0, 1, pattern.substr(i + 1, end - i - 1)}));
      }
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < pattern.size() && pattern[j] == c) ++j;
      EDDY_RETURN_IF_ERROR(f(PatternToken{c, static_cast<int>(j - i), {}}));
      i = j;
    } else {
      EDDY_RETURN_IF_ERROR(f(PatternToken{0, 1, pattern.substr(i, 1)}));
      ++i;
    }
  }
  return Status::OK();
}

Status unknownLetter(char letter) { return InvalidArgument(fmt::format("Unknown pattern letter: {}", letter)); }

}  // namespace



int daysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<int32_t> parseDate(std::string_view text) {
  text = trim(text);
  size_t pos = 0;
  auto days = readDate(text, pos);
  if (!days || pos != text.size()) return std::nullopt;
  return static_cast<int32_t>(*days);
}

std::optional<int32_t> parseTime(std::string_view text) {
  text = trim(text);
  size_t pos = 0;
  auto nanos = readTime(text, pos);
  if (!nanos || pos != text.size()) return std::nullopt;
  return static_cast<int32_t>(*nanos / 1'000'000);
}

std::optional<types::TimestampData> parseTimestamp(std::string_view text) {
  text = trim(text);
  size_t pos = 0;
  auto days = readDate(text, pos);
  if (!days) return std::nullopt;
  int64_t nanos = 0;
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
    ++pos;
    auto time = readTime(text, pos);
    if (!time) return std::nullopt;
    nanos = *time;
  }
  if (pos != text.size()) return std::nullopt;
  return types::TimestampData{*days * kMillisPerDay + nanos / 1'000'000, static_cast<int32_t>(nanos % 1'000'000)};
}

int fractionDigits(std::string_view text) {
  const size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) return 0;
  int digits = 0;
  for (size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++digits;
  return digits;
}

void appendDate(int64_t epoch_days, std::string& out) {
  const CivilDate date = civilFromDays(epoch_days);
  appendPadded(date.year, 4, out);
  out.push_back('-');
  appendPadded(date.month, 2, out);
  out.push_back('-');
  appendPadded(date.day, 2, out);
}

void appendTime(int64_t millis_of_day, int precision, std::string& out) {
  appendPadded(millis_of_day / kMillisPerHour, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / kMillisPerMinute % 60, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / kMillisPerSecond % 60, 2, out);
  appendFraction(millis_of_day % 1000 * 1'000'000, precision, out);
}

void appendTimestamp(types::TimestampData timestamp, int precision, std::string& out) {
  const int64_t days = floorDiv(timestamp.millisecond, kMillisPerDay);
  const int64_t millis = timestamp.millisecond - days * kMillisPerDay;
  appendDate(days, out);
  out.push_back(' ');
  appendTime(millis - millis % 1000, 0, out);
  appendFraction(millis % 1000 * 1'000'000 + timestamp.nano_of_millisecond, precision, out);
}

Status formatTimestamp(types::TimestampData timestamp, std::string_view pattern, std::string& out) {
  const int64_t days = floorDiv(timestamp.millisecond, kMillisPerDay);
  const int64_t millis = timestamp.millisecond - days * kMillisPerDay;
  const CivilDate date = civilFromDays(days);
  const int64_t hour = millis / kMillisPerHour;
  return forEachToken(pattern, [&](const PatternToken& token) -> Status {
    const int n = token.count;
    switch (token.letter) {
      case 0: out += token.literal; return Status::OK();
      case 'y':
      case 'u':
        if (n == 2) {
          appendPadded(floorMod(date.year, 100), 2, out);
        } else {
          appendPadded(date.year, n, out);
        }
        return Status::OK();
      case 'M':
        if (n >= 4) {
          out += kMonthNames[date.month - 1];
        } else if (n == 3) {
          out += kMonthNames[date.month - 1].substr(0, 3);
        } else {
          appendPadded(date.month, n, out);
        }
        return Status::OK();
      case 'd': appendPadded(date.day, n, out); return Status::OK();
      case 'D': appendPadded(days - daysFromCivil(date.year, 1, 1) + 1, n, out); return Status::OK();
      case 'H': appendPadded(hour, n, out); return Status::OK();
      case 'k': appendPadded(hour == 0 ? 24 : hour, n, out); return Status::OK();
      case 'K': appendPadded(hour % 12, n, out); return Status::OK();
      case 'h': appendPadded(hour % 12 == 0 ? 12 : hour % 12, n, out); return Status::OK();
      case 'm': appendPadded(millis / kMillisPerMinute % 60, n, out); return Status::OK();
      case 's': appendPadded(millis / kMillisPerSecond % 60, n, out); return Status::OK();
      case 'S': {
        const std::string nanos = fmt::format("{:09d}", millis % 1000 * 1'000'000 + timestamp.nano_of_millisecond);
        out.append(nanos, 0, static_cast<size_t>(std::min(n, 9)));
        for (int i = 9; i < n; ++i) out.push_back('0');
        return Status::OK();
      }
      case 'a': out += hour < 12 ? "AM" : "PM"; return Status::OK();
      case 'E': {
        const std::string_view name = kDayNames[floorMod(days + 3, 7)];
        out += n >= 4 ? name : name.substr(0, 3);
        return Status::OK();
      }
      default: return unknownLetter(token.letter);
    }
  });
}

std::optional<types::TimestampData> parseTimestamp(std::string_view text, std::string_view pattern) {
  int64_t year = 1970;
  int64_t month = 1;
  int64_t day = 1;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t nanos = 0;
  bool pm = false;
  bool twelve_hour = false;
  size_t pos = 0;
  const Status status = forEachToken(pattern, [&](const PatternToken& token) -> Status {
    const Status mismatch = InvalidArgument("mismatch");
    if (token.letter == 0) {
      if (text.substr(pos, token.literal.size()) != token.literal) return mismatch;
      pos += token.literal.size();
      return Status::OK();
    }
    if (token.letter == 'a') {
      const std::string_view marker = text.substr(pos, 2);
      if (marker != "AM" && marker != "PM") return mismatch;
      pm = marker == "PM";
      pos += 2;
      return Status::OK();
    }
    // Numbers: a run of two or more letters reads at most that many digits, so adjacent
    // fields parse (yyyyMMdd); a single letter reads any number of digits.
    const size_t width = token.count >= 2 ? static_cast<size_t>(token.count) : 9;
    auto number = readNumber(text, pos, width);
    if (!number) return mismatch;
    switch (token.letter) {
      case 'y': year = *number; return Status::OK();
      case 'M': month = *number; return Status::OK();
      case 'd': day = *number; return Status::OK();
      case 'H':
      case 'k': hour = *number; return Status::OK();
      case 'h':
      case 'K':
        hour = *number;
        twelve_hour = true;
        return Status::OK();
      case 'm': minute = *number; return Status::OK();
      case 's': second = *number; return Status::OK();
      case 'S': {
        nanos = *number;
        for (int digits = token.count; digits < 9; ++digits) nanos *= 10;
        return Status::OK();
      }
      default: return unknownLetter(token.letter);
    }
  });
  if (!status.ok() || pos != text.size()) return std::nullopt;
  if (twelve_hour) hour = hour % 12 + (pm ? 12 : 0);
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const int64_t millis = daysFromCivil(year, static_cast<int>(month), static_cast<int>(day)) * kMillisPerDay +
                         hour * kMillisPerHour + minute * kMillisPerMinute + second * kMillisPerSecond +
                         nanos / 1'000'000;
  return types::TimestampData{millis, static_cast<int32_t>(nanos % 1'000'000)};
}

Result<SessionTimeZone> SessionTimeZone::of(std::string_view id) {
  std::string_view offset = id;
  if (offset == "Z" || offset == "UTC" || offset == "GMT" || offset == "Etc/UTC") return SessionTimeZone{0};
  if (offset.starts_with("UTC") || offset.starts_with("GMT")) offset.remove_prefix(3);
  if (!offset.empty() && (offset[0] == '+' || offset[0] == '-')) {
    const int sign = offset[0] == '-' ? -1 : 1;
    size_t pos = 1;
    auto hours = readNumber(offset, pos, 2);
    int64_t minutes = 0;
    if (hours && pos < offset.size() && offset[pos] == ':') {
      ++pos;
      auto m = readNumber(offset, pos, 2);
      if (!m) hours.reset();
      minutes = m.value_or(0);
    }
    if (hours && pos == offset.size() && *hours <= 18 && minutes < 60) {
      return SessionTimeZone{static_cast<int32_t>(sign * (*hours * 3600 + minutes * 60))};
    }
  }
  return NotSupported(fmt::format("time zone '{}': Eddy supports UTC and fixed offsets such as '+08:00'", id));
}

}  // namespace eddy::sql::temporal
