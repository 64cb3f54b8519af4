#include "eddy/types/civil_date.h"
#include "formats/json/time_formats.h"

#include <fmt/format.h>

namespace eddy::formats::json {

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerMilli = 1'000'000;
constexpr int64_t kNanosPerDay = 86'400 * kNanosPerSecond;
constexpr int64_t kMillisPerDay = 86'400'000;


using types::daysFromCivil;
using types::floorDiv;

bool isLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int monthLength(int64_t year, int64_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

constexpr const char* kMonthNames[] = {"JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
                                       "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};

// java.time's resolver styles: STRICT rejects Feb 30 and 24:00; SMART clamps the day to the
// month and reads "24:00:00" as the next midnight.
enum class ResolverStyle { STRICT, SMART };

// The fields one pattern parses.
struct ParsedFields {
  int64_t year = 1970;
  int64_t month = 1;
  int64_t day = 1;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t nano = 0;
};

// A cursor over the text with DateTimeFormatter's failure messages.
class TextParser {
 public:
  explicit TextParser(std::string_view text) : text_(text) {}

  Status failAt(size_t index) const {
    return InvalidArgument(fmt::format("Text '{}' could not be parsed at index {}", abbreviated(), index));
  }
  Status invalid(const std::string& cause) const {
    return InvalidArgument(fmt::format("Text '{}' could not be parsed: {}", abbreviated(), cause));
  }
  Status finish() const {
    if (pos_ == text_.size()) return Status::OK();
    return InvalidArgument(
        fmt::format("Text '{}' could not be parsed, unparsed text found at index {}", abbreviated(), pos_));
  }

  // Exactly `width` digits.
  Status fixed(int width, int64_t& value) {
    value = 0;
    for (int i = 0; i < width; ++i) {
      if (pos_ + i >= text_.size() || !isDigit(text_[pos_ + i])) return failAt(pos_);
      value = value * 10 + (text_[pos_ + i] - '0');
    }
    pos_ += width;
    return Status::OK();
  }

  // appendValue(YEAR, 4, 10, SignStyle.EXCEEDS_PAD) in strict parsing.
  Status year(int64_t& value) {
    const size_t sign_pos = pos_;
    bool negative = false;
    bool positive = false;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
      negative = text_[pos_] == '-';
      positive = !negative;
      ++pos_;
    }
    const size_t start = pos_;
    value = 0;
    while (pos_ < text_.size() && pos_ - start < 10 && isDigit(text_[pos_])) value = value * 10 + (text_[pos_++] - '0');
    const size_t digits = pos_ - start;
    if (digits < 4) return failAt(start);
    if (negative) {
      if (value == 0) return failAt(sign_pos);
      value = -value;
    } else if (positive ? digits <= 4 : digits > 4) {
      return failAt(positive ? sign_pos : start);
    }
    return Status::OK();
  }

  Status literal(char c, bool case_insensitive = false) {
    if (pos_ < text_.size() &&
        (text_[pos_] == c || (case_insensitive && (text_[pos_] | 0x20) == (c | 0x20)))) {
      ++pos_;
      return Status::OK();
    }
    return failAt(pos_);
  }

  bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  // appendFraction(NANO_OF_SECOND, 0, 9, true): an optional point and up to 9 digits.
  void fraction(int64_t& nano) {
    nano = 0;
    if (!peek('.')) return;
    ++pos_;
    int digits = 0;
    while (pos_ < text_.size() && digits < 9 && isDigit(text_[pos_])) {
      nano = nano * 10 + (text_[pos_++] - '0');
      ++digits;
    }
    for (; digits < 9; ++digits) nano *= 10;
  }

 private:
  static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  std::string abbreviated() const {
    return text_.size() > 64 ? std::string(text_.substr(0, 64)) + "..." : std::string(text_);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

Status parseDate(TextParser& parser, ParsedFields& fields) {
  EDDY_RETURN_IF_ERROR(parser.year(fields.year));
  EDDY_RETURN_IF_ERROR(parser.literal('-'));
  EDDY_RETURN_IF_ERROR(parser.fixed(2, fields.month));
  EDDY_RETURN_IF_ERROR(parser.literal('-'));
  return parser.fixed(2, fields.day);
}

// "HH:mm:ss" plus fraction (SQL_TIME_FORMAT), or ISO_LOCAL_TIME's "HH:mm[:ss[.fraction]]".
Status parseTime(TextParser& parser, ParsedFields& fields, bool seconds_optional) {
  EDDY_RETURN_IF_ERROR(parser.fixed(2, fields.hour));
  EDDY_RETURN_IF_ERROR(parser.literal(':'));
  EDDY_RETURN_IF_ERROR(parser.fixed(2, fields.minute));
  if (seconds_optional && !parser.peek(':')) return Status::OK();
  EDDY_RETURN_IF_ERROR(parser.literal(':'));
  EDDY_RETURN_IF_ERROR(parser.fixed(2, fields.second));
  parser.fraction(fields.nano);
  return Status::OK();
}

std::string invalidValue(const char* field, const char* range, int64_t value) {
  return fmt::format("Invalid value for {} (valid values {}): {}", field, range, value);
}

// Parsed#resolveDateFields for ISO dates: the epoch day.
Result<int64_t> resolveDate(const TextParser& parser, const ParsedFields& f, ResolverStyle style) {
  if (f.month < 1 || f.month > 12) return parser.invalid(invalidValue("MonthOfYear", "1 - 12", f.month));
  if (f.day < 1 || f.day > 31) return parser.invalid(invalidValue("DayOfMonth", "1 - 28/31", f.day));
  int64_t day = f.day;
  const int length = monthLength(f.year, f.month);
  if (day > length) {
    if (style == ResolverStyle::SMART) {
      day = length;
    } else if (f.month == 2 && day == 29) {
      return parser.invalid(fmt::format("Invalid date 'February 29' as '{}' is not a leap year", f.year));
    } else {
      return parser.invalid(fmt::format("Invalid date '{} {}'", kMonthNames[f.month - 1], day));
    }
  }
  return daysFromCivil(f.year, f.month, day);
}

// Parsed#resolveTime: nanoseconds of the day; `extra_days` is 1 for SMART's "24:00:00".
Result<int64_t> resolveTime(const TextParser& parser, const ParsedFields& f, ResolverStyle style, int64_t& extra_days) {
  extra_days = 0;
  if (f.minute > 59) return parser.invalid(invalidValue("MinuteOfHour", "0 - 59", f.minute));
  if (style == ResolverStyle::SMART && f.hour == 24 && f.minute == 0 && f.second == 0 && f.nano == 0) {
    extra_days = 1;
    return 0;
  }
  if (f.hour > 23) return parser.invalid(invalidValue("HourOfDay", "0 - 23", f.hour));
  if (f.second > 59) return parser.invalid(invalidValue("SecondOfMinute", "0 - 59", f.second));
  return ((f.hour * 60 + f.minute) * 60 + f.second) * kNanosPerSecond + f.nano;
}

void appendTwoDigits(int64_t v, std::string& out) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

// HH:mm:ss and the fraction without trailing zeros, as appendFraction(NANO, 0, 9, true).
void appendTime(int64_t nano_of_day, std::string& out) {
  const int64_t seconds = nano_of_day / kNanosPerSecond;
  appendTwoDigits(seconds / 3600, out);
  out.push_back(':');
  appendTwoDigits(seconds / 60 % 60, out);
  out.push_back(':');
  appendTwoDigits(seconds % 60, out);
  int64_t nano = nano_of_day % kNanosPerSecond;
  if (nano == 0) return;
  char digits[9];
  for (int i = 8; i >= 0; --i, nano /= 10) digits[i] = static_cast<char>('0' + nano % 10);
  int length = 9;
  while (digits[length - 1] == '0') --length;
  out.push_back('.');
  out.append(digits, static_cast<size_t>(length));
}

}  // namespace

Result<int32_t> parseIsoLocalDate(std::string_view text) {
  TextParser parser(text);
  ParsedFields fields;
  EDDY_RETURN_IF_ERROR(parseDate(parser, fields));
  EDDY_RETURN_IF_ERROR(parser.finish());
  EDDY_ASSIGN_OR_RETURN(int64_t day, resolveDate(parser, fields, ResolverStyle::STRICT));
  return static_cast<int32_t>(day);
}

Result<int64_t> parseSqlTime(std::string_view text) {
  TextParser parser(text);
  ParsedFields fields;
  EDDY_RETURN_IF_ERROR(parseTime(parser, fields, false));
  EDDY_RETURN_IF_ERROR(parser.finish());
  int64_t extra_days;
  return resolveTime(parser, fields, ResolverStyle::SMART, extra_days);
}

Result<types::TimestampData> parseTimestamp(std::string_view text, TimestampFormat format, bool local_time_zone) {
  TextParser parser(text);
  ParsedFields fields;
  const bool iso = format == TimestampFormat::ISO_8601;
  EDDY_RETURN_IF_ERROR(parseDate(parser, fields));
  // ISO_LOCAL_DATE_TIME (TIMESTAMP in ISO-8601) is case-insensitive and strict; the other
  // three are built with DateTimeFormatterBuilder, so case-sensitive and smart.
  const bool iso_local_date_time = iso && !local_time_zone;
  EDDY_RETURN_IF_ERROR(parser.literal(iso ? 'T' : ' ', iso_local_date_time));
  EDDY_RETURN_IF_ERROR(parseTime(parser, fields, iso));
  if (local_time_zone) EDDY_RETURN_IF_ERROR(parser.literal('Z'));
  EDDY_RETURN_IF_ERROR(parser.finish());
  const ResolverStyle style = iso_local_date_time ? ResolverStyle::STRICT : ResolverStyle::SMART;
  EDDY_ASSIGN_OR_RETURN(int64_t epoch_day, resolveDate(parser, fields, style));
  int64_t extra_days;
  EDDY_ASSIGN_OR_RETURN(int64_t nano_of_day, resolveTime(parser, fields, style, extra_days));
  const int64_t millis = (epoch_day + extra_days) * kMillisPerDay + nano_of_day / kNanosPerMilli;
  return types::TimestampData::fromEpochMillis(millis, static_cast<int32_t>(nano_of_day % kNanosPerMilli));
}

void appendIsoLocalDate(int64_t epoch_day, std::string& out) {
  const types::CivilDate date = types::civilFromDays(epoch_day);
  const int64_t y = date.year, m = date.month, d = date.day;
  if (y > 9999) {
    out += fmt::format("+{}", y);
  } else if (y < 0) {
    out += fmt::format("-{:04}", -y);
  } else {
    out += fmt::format("{:04}", y);
  }
  out.push_back('-');
  appendTwoDigits(m, out);
  out.push_back('-');
  appendTwoDigits(d, out);
}

void appendSqlTime(int64_t nano_of_day, std::string& out) { appendTime(nano_of_day, out); }

void appendTimestamp(types::TimestampData timestamp, TimestampFormat format, bool local_time_zone, std::string& out) {
  const int64_t epoch_day = floorDiv(timestamp.millisecond, kMillisPerDay);
  const int64_t nano_of_day =
      (timestamp.millisecond - epoch_day * kMillisPerDay) * kNanosPerMilli + timestamp.nano_of_millisecond;
  appendIsoLocalDate(epoch_day, out);
  out.push_back(format == TimestampFormat::ISO_8601 ? 'T' : ' ');
  appendTime(nano_of_day % kNanosPerDay, out);
  if (local_time_zone) out.push_back('Z');
}

}  // namespace eddy::formats::json
