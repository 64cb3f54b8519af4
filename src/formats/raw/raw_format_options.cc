#include "eddy/formats/raw/raw_format_options.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

namespace eddy::formats::raw {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// Java's names of UTF-8 (Charset.forName accepts them in any case).
constexpr std::array<std::string_view, 3> kUtf8Names = {"UTF-8", "UTF8", "UNICODE-1-1-UTF-8"};
// The other charsets every Java runtime has (StandardCharsets): valid in Flink, not here.
constexpr std::array<std::string_view, 6> kOtherStandardCharsets = {"US-ASCII", "ISO-8859-1", "UTF-16",
                                                                    "UTF-16BE", "UTF-16LE",   "UTF-32"};

}  // namespace

Result<RawFormatOptions> RawFormatOptions::fromTableOptions(const std::map<std::string, std::string>& options) {
  RawFormatOptions out;
  if (auto it = options.find("charset"); it != options.end()) {
    const std::string name = upper(it->second);
    if (std::find(kOtherStandardCharsets.begin(), kOtherStandardCharsets.end(), name) != kOtherStandardCharsets.end()) {
      return NotSupported(fmt::format("the 'raw.charset' {}: only UTF-8 is supported", it->second));
    }
    if (std::find(kUtf8Names.begin(), kUtf8Names.end(), name) == kUtf8Names.end()) {
      return InvalidArgument(fmt::format("Unsupported 'raw.charset' name: {}.", it->second));
    }
    out.charset = it->second;
  }
  if (auto it = options.find("endianness"); it != options.end()) {
    const std::string name = upper(it->second);
    if (name == "BIG-ENDIAN") {
      out.big_endian = true;
    } else if (name == "LITTLE-ENDIAN") {
      out.big_endian = false;
    } else {
      return InvalidArgument(fmt::format(
          "Unsupported endianness name: {}. Valid values of 'raw.endianness' option are 'big-endian' and "
          "'little-endian'.",
          it->second));
    }
  }
  return out;
}

}  // namespace eddy::formats::raw
