#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// Reads the time of a partition from its values (Flink's DefaultPartTimeExtractor): the
// 'partition.time-extractor.timestamp-pattern' with each "$key" replaced by the key's value
// (or, without a pattern, the first value), parsed by the
// 'partition.time-extractor.timestamp-formatter' (or Flink's lenient default, a timestamp
// 'yyyy-M-d H:m:s[.fraction]' or a date at midnight). The result is a local date-time as
// milliseconds since the epoch read as if in UTC (a TIMESTAMP). Immutable; thread-safe.
class PartitionTimeExtractor {
 public:
  PartitionTimeExtractor(std::optional<std::string> pattern, std::optional<std::string> formatter)
      : pattern_(std::move(pattern)), formatter_(std::move(formatter)) {}

  // REQUIRES: `values` has a value per key.
  // InvalidArgument naming the text when it is not a timestamp.
  Result<int64_t> extract(const std::vector<std::string>& keys, const std::vector<std::string>& values) const;

  // DefaultPartTimeExtractor#toLocalDateTimeDefault: "2024-01-02 03:04:05[.fraction]" with
  // one- or two-digit fields, or a date "2024-01-02" at midnight; out-of-range fields roll
  // over (ResolverStyle.LENIENT).
  static std::optional<int64_t> parseDefault(std::string_view text);

 private:
  std::optional<std::string> pattern_;
  std::optional<std::string> formatter_;
};

}  // namespace eddy::sql
