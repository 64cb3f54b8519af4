#pragma once

#include <map>
#include <string>

#include "eddy/common/result.h"

namespace eddy::formats::raw {

// The options of the 'raw' format with Flink's keys (RawFormatOptions, written 'raw.<key>'
// in a table's WITH clause) and defaults. A value type.
struct RawFormatOptions {
  // 'raw.charset': the charset of STRING values. Only UTF-8 (and its aliases) is supported.
  // Default: "UTF-8"
  std::string charset = "UTF-8";
  // 'raw.endianness': the byte order of numeric values, 'big-endian' or 'little-endian'.
  // Default: big-endian
  bool big_endian = true;

  // The options from a table's format options, keys without the "raw." prefix, validated as
  // Flink's RawFormatFactory: "Unsupported endianness name: x. Valid values of
  // 'raw.endianness' option are 'big-endian' and 'little-endian'." and "Unsupported
  // 'raw.charset' name: x." (InvalidArgument). Unknown keys are the caller's to reject.
  static Result<RawFormatOptions> fromTableOptions(const std::map<std::string, std::string>& options);
};

}  // namespace eddy::formats::raw
