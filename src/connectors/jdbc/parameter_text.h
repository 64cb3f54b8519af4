#pragma once

#include <cstdint>
#include <string>

#include "eddy/connectors/jdbc/prepared_statement.h"

namespace eddy::connectors::jdbc {

// "2024-01-02" for days since the epoch.
void appendDateText(int64_t epoch_days, std::string& out);
// "12:34:56.789" for milliseconds of the day.
void appendTimeText(int64_t millis_of_day, std::string& out);
// "2024-01-02 12:34:56.789012": microseconds, as both servers keep (nanos are truncated).
void appendTimestampText(int64_t epoch_millis, int32_t nanos_of_milli, std::string& out);

// The text form of a non-null parameter as PostgreSQL reads it for any column type:
// t/f, numbers (Infinity, NaN), strings, \x hex for bytes, ISO dates and times.
void appendPostgresText(const PreparedStatement& statement, const Parameter& parameter, std::string& out);

}  // namespace eddy::connectors::jdbc
