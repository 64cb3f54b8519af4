#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy::sql::cast_text {

// Values as text for CAST ... AS STRING, and text read back for CAST from STRING, with the
// rules of Flink's cast rules (CastRuleProvider) and BinaryStringDataUtil. Stateless;
// writers append to a caller's buffer.

// "12.30" for unscaled 1230 at scale 2.
void appendDecimal(__int128 unscaled, int scale, std::string& out);
// INTERVAL YEAR TO MONTH as Flink prints it: "+1-02"; INTERVAL DAY TO SECOND: "+1 02:03:04.000".
void appendYearMonthInterval(int32_t months, std::string& out);
void appendDayTimeInterval(int64_t millis, std::string& out);

// Leading and trailing whitespace removed, as BinaryStringData#trim before parsing.
std::string_view trimmed(std::string_view text);
// An integer, digits after a '.' dropped ("1.9" is 1); nullopt when malformed or beyond
// [min, max].
std::optional<int64_t> parseIntegral(std::string_view text, int64_t min, int64_t max);
// Double.parseDouble: "1.5", "-2e3", "NaN", "Infinity".
std::optional<double> parseDouble(std::string_view text);
// 'true', 't', 'yes', 'y', '1' and 'false', 'f', 'no', 'n', '0', in any case.
std::optional<bool> parseBoolean(std::string_view text);

// The number of code points of UTF-8 text, and the byte length of its first n code points.
int64_t codePointCount(std::string_view text);
size_t prefixBytes(std::string_view text, int64_t code_points);

}  // namespace eddy::sql::cast_text
