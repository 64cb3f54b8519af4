#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/types/civil_date.h"
#include "eddy/common/result.h"
#include "eddy/types/timestamp_data.h"

namespace eddy::sql::temporal {

// Dates, times and timestamps as Flink's DateTimeUtils reads and writes them. Days count
// from 1970-01-01 in the proleptic Gregorian calendar; a TIMESTAMP is a local date-time kept
// as if in UTC. Stateless; allocation-free except where a std::string is filled.

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

using types::CivilDate;
using types::civilFromDays;
using types::daysFromCivil;
using types::floorDiv;
using types::floorMod;
int daysInMonth(int64_t year, int month);

// "2024-01-02" (one-digit month and day accepted, surrounding blanks ignored).
std::optional<int32_t> parseDate(std::string_view text);
// "12:34", "12:34:56", "12:34:56.789": milliseconds of the day.
std::optional<int32_t> parseTime(std::string_view text);
// "2024-01-02 12:34:56.123456789", "2024-01-02T12:34", "2024-01-02".
std::optional<types::TimestampData> parseTimestamp(std::string_view text);
// The number of fraction digits of a timestamp or time string, for literal types.
int fractionDigits(std::string_view text);

// "2024-01-02".
void appendDate(int64_t epoch_days, std::string& out);
// "12:34:56" plus `precision` fraction digits.
void appendTime(int64_t millis_of_day, int precision, std::string& out);
// "2024-01-02 12:34:56" plus `precision` fraction digits, as a CAST to STRING prints it.
void appendTimestamp(types::TimestampData timestamp, int precision, std::string& out);

// Java date-time patterns (DateTimeFormatter/SimpleDateFormat letters y M d H h k K m s S a E
// D, quoted text) as DATE_FORMAT, TO_TIMESTAMP, TO_DATE and FROM_UNIXTIME use them.
// InvalidArgument names an unknown pattern letter.
Status formatTimestamp(types::TimestampData timestamp, std::string_view pattern, std::string& out);
std::optional<types::TimestampData> parseTimestamp(std::string_view text, std::string_view pattern);

// The session time zone of 'table.local-time-zone' as a fixed offset: "UTC", "GMT", "Z",
// "+08:00", "UTC+8", "GMT-03:30". Region ids (Europe/Berlin) are NotSupported until Eddy has
// a time-zone database.
struct SessionTimeZone {
  int32_t offset_seconds = 0;

  static Result<SessionTimeZone> of(std::string_view id);
};

}  // namespace eddy::sql::temporal
