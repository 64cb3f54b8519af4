#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/common/result.h"

// Java's number parsing and printing where Flink's JSON format relies on it, with the JDK's
// error messages, so that what Eddy accepts, rejects and prints matches Flink.
namespace eddy::formats::json {

// Integer.parseInt / Long.parseLong in radix 10 over [min, max]: an optional sign and ASCII
// digits. InvalidArgument `For input string: "<s>"`.
Result<int64_t> parseJavaInteger(std::string_view s, int64_t min, int64_t max);
// Byte.parseByte / Short.parseShort: parseInt, then `Value out of range. Value:"<s>" Radix:10`.
Result<int64_t> parseJavaShortInteger(std::string_view s, int64_t min, int64_t max);
// Double.parseDouble / Float.parseFloat: trims, accepts NaN, Infinity and a trailing f/F/d/D;
// "empty String" or `For input string: "<s>"` otherwise.
Result<double> parseJavaDouble(std::string_view s);
Result<float> parseJavaFloat(std::string_view s);
// Java's String#trim: drops chars <= ' ' at both ends.
std::string_view javaTrim(std::string_view s);

// A java.math.BigDecimal as text: sign, coefficient digits and scale (value =
// coefficient * 10^-scale).
struct BigDecimalText {
  bool negative = false;
  std::string digits;  // no leading zeros; empty for zero
  int64_t scale = 0;

  // new BigDecimal(String): InvalidArgument with the JDK's message when `s` is not a number.
  static Result<BigDecimalText> parse(std::string_view s);
  // The value of a DECIMAL's unscaled 128-bit integer and scale.
  static BigDecimalText fromUnscaled(__int128 unscaled, int scale);

  // BigDecimal#stripTrailingZeros (zero becomes BigDecimal.ZERO).
  void stripTrailingZeros();
  // BigDecimal#toString ("1.50", "2.7E-8", "1E+2") and #toPlainString ("0.000000027", "100").
  void appendTo(std::string& out) const;
  void appendPlainTo(std::string& out) const;
};

}  // namespace eddy::formats::json
