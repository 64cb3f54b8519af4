#include "sql/connectors/filesystem/partition_time_extractor.h"

#include <fmt/format.h>

#include "eddy/types/civil_date.h"
#include "sql/expression/temporal.h"

namespace eddy::sql {

namespace {

// Reads `min_digits`..`max_digits` decimal digits at `pos`.
std::optional<int64_t> readDigits(std::string_view text, size_t& pos, size_t min_digits, size_t max_digits) {
  size_t end = pos;
  int64_t value = 0;
  while (end < text.size() && end - pos < max_digits && text[end] >= '0' && text[end] <= '9') {
    value = value * 10 + (text[end] - '0');
    ++end;
  }
  if (end - pos < min_digits) return std::nullopt;
  pos = end;
  return value;
}

bool readLiteral(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// A date read leniently (LocalDate.of(year, 1, 1).plusMonths(month - 1).plusDays(day - 1)),
// as days since the epoch.
int64_t lenientEpochDays(int64_t year, int64_t month, int64_t day) {
  const int64_t months = year * 12 + (month - 1);
  const int month_of_year = static_cast<int>(types::floorMod(months, 12)) + 1;
  const int64_t days = types::daysFromCivil(types::floorDiv(months, 12), month_of_year, 1);
  return days + day - 1;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

std::optional<int64_t> PartitionTimeExtractor::parseDefault(std::string_view text) {
  size_t pos = 0;
  auto year = readDigits(text, pos, 1, 10);
  if (!year || !readLiteral(text, pos, '-')) return std::nullopt;
  auto month = readDigits(text, pos, 1, 2);
  if (!month || !readLiteral(text, pos, '-')) return std::nullopt;
  auto day = readDigits(text, pos, 1, 2);
  if (!day) return std::nullopt;
  const int64_t date_millis = lenientEpochDays(*year, *month, *day) * temporal::kMillisPerDay;
  if (pos == text.size()) return date_millis;
  if (!readLiteral(text, pos, ' ')) return std::nullopt;
  auto hour = readDigits(text, pos, 1, 2);
  if (!hour || !readLiteral(text, pos, ':')) return std::nullopt;
  auto minute = readDigits(text, pos, 1, 2);
  if (!minute || !readLiteral(text, pos, ':')) return std::nullopt;
  auto second = readDigits(text, pos, 1, 2);
  if (!second) return std::nullopt;
  int64_t millis = 0;
  if (pos < text.size()) {
    if (!readLiteral(text, pos, '.')) return std::nullopt;
    const size_t start = pos;
    auto fraction = readDigits(text, pos, 1, 9);
    if (!fraction || pos != text.size()) return std::nullopt;
    int64_t nanos = *fraction;
    for (size_t digits = pos - start; digits < 9; ++digits) nanos *= 10;
    millis = nanos / 1000000;
  }
  return date_millis + *hour * temporal::kMillisPerHour + *minute * temporal::kMillisPerMinute +
         *second * temporal::kMillisPerSecond + millis;
}

Result<int64_t> PartitionTimeExtractor::extract(const std::vector<std::string>& keys,
                                                const std::vector<std::string>& values) const {
  std::string text;
  if (!pattern_) {
    text = values.at(0);
  } else {
    text = *pattern_;
    for (size_t i = 0; i < keys.size(); ++i) replaceAll(text, "$" + keys[i], values.at(i));
  }
  std::optional<int64_t> millis;
  if (formatter_) {
    // LocalDateTime.parse, else LocalDate.parse at midnight: the pattern parser leaves
    // absent time fields at zero.
    std::optional<types::TimestampData> timestamp = temporal::parseTimestamp(text, *formatter_);
    if (timestamp) millis = timestamp->getMillisecond();
  } else {
    millis = parseDefault(text);
  }
  if (!millis) return InvalidArgument(fmt::format("Text '{}' could not be parsed as a partition time", text));
  return *millis;
}

}  // namespace eddy::sql
