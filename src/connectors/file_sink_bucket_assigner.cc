#include <time.h>

#include <string>

#include "eddy/connectors/file_sink_policies.h"

namespace eddy::connectors {

std::string DateTimeBucketAssigner::getBucketId(int64_t current_processing_time) const {
  time_t seconds = static_cast<time_t>(current_processing_time / 1000);
  struct tm parts {};
  if (utc_) gmtime_r(&seconds, &parts);
  else localtime_r(&seconds, &parts);
  std::string out;
  auto two = [&out](int v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
  };
  for (size_t i = 0; i < format_.size();) {
    std::string_view rest = std::string_view(format_).substr(i);
    if (rest.starts_with("yyyy")) {
      out += std::to_string(parts.tm_year + 1900);
      i += 4;
    } else if (rest.starts_with("MM")) {
      two(parts.tm_mon + 1);
      i += 2;
    } else if (rest.starts_with("dd")) {
      two(parts.tm_mday);
      i += 2;
    } else if (rest.starts_with("HH")) {
      two(parts.tm_hour);
      i += 2;
    } else if (rest.starts_with("mm")) {
      two(parts.tm_min);
      i += 2;
    } else if (rest.starts_with("ss")) {
      two(parts.tm_sec);
      i += 2;
    } else {
      out += format_[i++];
    }
  }
  return out;
}

}  // namespace eddy::connectors
