#pragma once

#include <cstdint>
#include <string>

#include "eddy/types/timestamp_data.h"

namespace eddy::types {

// The strings Java's toString gives for the objects Flink puts in a Row, so that Eddy's
// Row::toString matches Flink's character for character (print sinks, tests, logs).

// Double#toString and Float#toString with the shortest round-trip digits (JDK 19+):
// "1.0", "0.001", "1.0E7", "1.234E-5", "NaN", "-Infinity".
void appendJavaDouble(double value, std::string& out);
void appendJavaFloat(float value, std::string& out);

// LocalDate#toString of days since 1970-01-01: "2024-01-02".
void appendLocalDate(int64_t epoch_day, std::string& out);
// LocalTime#toString: "12:34", "12:34:56", "12:34:56.789", "12:34:56.000001".
void appendLocalTime(int64_t nano_of_day, std::string& out);
// LocalDateTime#toString of a TIMESTAMP: "2024-01-02T12:34:56.789".
void appendLocalDateTime(TimestampData timestamp, std::string& out);
// Instant#toString of a TIMESTAMP_LTZ: "2024-01-02T12:34:56.789Z" (seconds always shown).
void appendInstant(TimestampData timestamp, std::string& out);
// Period#toString of an INTERVAL YEAR TO MONTH as Flink converts it: "P1Y2M", "P0D".
void appendPeriod(int32_t total_months, std::string& out);
// Duration#toString of an INTERVAL DAY TO SECOND in milliseconds: "PT1H30M", "PT-0.5S".
void appendDuration(int64_t millis, std::string& out);

}  // namespace eddy::types
