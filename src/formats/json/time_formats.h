#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_format_options.h"
#include "eddy/types/timestamp_data.h"

// Flink's TimeFormats (flink-format-common) over java.time's parser, for the JSON format:
// the same texts accepted and rejected, the same DateTimeParseException messages ("Text
// '<text>' could not be parsed at index N", "... unparsed text found at index N", "...: Invalid
// value for MonthOfYear (valid values 1 - 12): 13"), the same printed forms.
namespace eddy::formats::json {

// DateTimeFormatter.ISO_LOCAL_DATE ("2024-01-02", strict) to days since 1970-01-01.
Result<int32_t> parseIsoLocalDate(std::string_view text);
// SQL_TIME_FORMAT ("12:34:56" with up to 9 fraction digits; "24:00:00" is midnight) to
// nanoseconds of the day.
Result<int64_t> parseSqlTime(std::string_view text);
// A TIMESTAMP ('local_time_zone' false) or TIMESTAMP_LTZ (true, a trailing 'Z') in Flink's SQL
// ("2024-01-02 12:34:56.789") or ISO-8601 ("2024-01-02T12:34:56.789") form.
Result<types::TimestampData> parseTimestamp(std::string_view text, TimestampFormat format, bool local_time_zone);

// ISO_LOCAL_DATE of days since 1970-01-01: "2024-01-02", "+10000-01-01".
void appendIsoLocalDate(int64_t epoch_day, std::string& out);
// SQL_TIME_FORMAT: "12:34:56", "12:34:56.5" (fraction digits without trailing zeros).
void appendSqlTime(int64_t nano_of_day, std::string& out);
// The forms parseTimestamp reads; seconds always shown, fraction without trailing zeros.
void appendTimestamp(types::TimestampData timestamp, TimestampFormat format, bool local_time_zone, std::string& out);

}  // namespace eddy::formats::json
