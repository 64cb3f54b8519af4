#include "connectors/jdbc/parameter_text.h"

#include <cmath>

#include <fmt/format.h>

#include "eddy/types/civil_date.h"

namespace eddy::connectors::jdbc {

void appendDateText(int64_t epoch_days, std::string& out) {
  types::CivilDate date = types::civilFromDays(epoch_days);
  fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

void appendTimeText(int64_t millis_of_day, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{:02d}:{:02d}:{:02d}.{:03d}", millis_of_day / 3600000,
                 millis_of_day / 60000 % 60, millis_of_day / 1000 % 60, millis_of_day % 1000);
}

void appendTimestampText(int64_t epoch_millis, int32_t nanos_of_milli, std::string& out) {
  int64_t days = types::floorDiv(epoch_millis, 86400000);
  int64_t millis_of_day = types::floorMod(epoch_millis, 86400000);
  appendDateText(days, out);
  fmt::format_to(std::back_inserter(out), " {:02d}:{:02d}:{:02d}.{:06d}", millis_of_day / 3600000,
                 millis_of_day / 60000 % 60, millis_of_day / 1000 % 60, millis_of_day % 1000 * 1000 + nanos_of_milli / 1000);
}

void appendPostgresText(const PreparedStatement& statement, const Parameter& parameter, std::string& out) {
  switch (parameter.type) {
    case ParameterType::kNull:
      return;
    case ParameterType::kBoolean:
      out += parameter.integer != 0 ? 't' : 'f';
      return;
    case ParameterType::kInt:
    case ParameterType::kLong:
      fmt::format_to(std::back_inserter(out), "{}", parameter.integer);
      return;
    case ParameterType::kFloat:
    case ParameterType::kDouble:
      if (std::isnan(parameter.floating)) {
        out += "NaN";
      } else if (std::isinf(parameter.floating)) {
        out += parameter.floating > 0 ? "Infinity" : "-Infinity";
      } else if (parameter.type == ParameterType::kFloat) {
        fmt::format_to(std::back_inserter(out), "{}", static_cast<float>(parameter.floating));
      } else {
        fmt::format_to(std::back_inserter(out), "{}", parameter.floating);
      }
      return;
    case ParameterType::kString:
    case ParameterType::kDecimal:
      out += statement.text(parameter);
      return;
    case ParameterType::kBytes:
      out += "\\x";
      for (unsigned char c : statement.text(parameter)) fmt::format_to(std::back_inserter(out), "{:02x}", c);
      return;
    case ParameterType::kDate:
      appendDateText(parameter.integer, out);
      return;
    case ParameterType::kTime:
      appendTimeText(parameter.integer, out);
      return;
    case ParameterType::kTimestamp:
      appendTimestampText(parameter.integer, parameter.nanos, out);
      return;
  }
}

}  // namespace eddy::connectors::jdbc
