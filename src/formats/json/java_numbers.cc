#include "formats/json/java_numbers.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace eddy::formats::json {

namespace {

Status forInputString(std::string_view s) { return InvalidArgument(fmt::format("For input string: \"{}\"", s)); }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The decimal grammar of FloatingDecimal#readJavaFormatString after the sign: digits with
// an optional point (at least one digit), an optional exponent, an optional type suffix.
// Writes the text strtod reads (without the suffix) into `clean`.
bool scanJavaDecimal(std::string_view s, std::string& clean) {
  size_t i = 0;
  size_t digits = 0;
  while (i < s.size() && isDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < s.size() && isDigit(s[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  clean.assign(s.substr(0, i));
  if (i < s.size() && (s[i] == 'f' || s[i] == 'F' || s[i] == 'd' || s[i] == 'D')) ++i;
  return i == s.size();
}

template <typename F>
Result<F> parseJavaFloating(std::string_view s) {
  s = javaTrim(s);
  if (s.empty()) return InvalidArgument("empty String");
  std::string_view body = s;
  bool negative = false;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "NaN") return std::numeric_limits<F>::quiet_NaN();
  if (body == "Infinity") return negative ? -std::numeric_limits<F>::infinity() : std::numeric_limits<F>::infinity();
  std::string clean;
  if (!scanJavaDecimal(body, clean)) return forInputString(s);
  // strtod/strtof round correctly and give infinity or zero beyond the range, as Java does.
  F value;
  if constexpr (std::is_same_v<F, float>) {
    value = std::strtof(clean.c_str(), nullptr);
  } else {
    value = std::strtod(clean.c_str(), nullptr);
  }
  return negative ? -value : value;
}

void appendDigitsWithPoint(const std::string& digits, int64_t scale, std::string& out) {
  // REQUIRES: scale > 0.
  const int64_t length = static_cast<int64_t>(digits.size());
  if (length > scale) {
    out.append(digits, 0, static_cast<size_t>(length - scale));
    out.push_back('.');
    out.append(digits, static_cast<size_t>(length - scale));
  } else {
    out += "0.";
    out.append(static_cast<size_t>(scale - length), '0');
    out += digits;
  }
}

}  // namespace

std::string_view javaTrim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

Result<int64_t> parseJavaInteger(std::string_view s, int64_t min, int64_t max) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return forInputString(s);
  // Accumulate negatively, as the JDK does, so that the minimum fits.
  const int64_t limit = negative ? min : -max;
  const int64_t multiply_min = limit / 10;
  int64_t value = 0;
  for (; i < s.size(); ++i) {
    if (!isDigit(s[i])) return forInputString(s);
    const int digit = s[i] - '0';
    if (value < multiply_min) return forInputString(s);
    value *= 10;
    if (value < limit + digit) return forInputString(s);
    value -= digit;
  }
  return negative ? value : -value;
}

Result<int64_t> parseJavaShortInteger(std::string_view s, int64_t min, int64_t max) {
  EDDY_ASSIGN_OR_RETURN(int64_t value,
                        parseJavaInteger(s, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
  if (value < min || value > max) return InvalidArgument(fmt::format("Value out of range. Value:\"{}\" Radix:10", s));
  return value;
}

Result<double> parseJavaDouble(std::string_view s) { return parseJavaFloating<double>(s); }
Result<float> parseJavaFloat(std::string_view s) { return parseJavaFloating<float>(s); }

Result<BigDecimalText> BigDecimalText::parse(std::string_view s) {
  if (s.empty()) return InvalidArgument("Character array is missing \"exponent\" mark 'e' or 'E'.");
  BigDecimalText result;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    result.negative = s[0] == '-';
    i = 1;
  }
  bool seen_point = false;
  bool seen_digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (isDigit(c)) {
      seen_digit = true;
      if (!result.digits.empty() || c != '0') result.digits.push_back(c);
      if (seen_point) ++result.scale;
    } else if (c == '.') {
      if (seen_point) return InvalidArgument("Character array contains more than one decimal point.");
      seen_point = true;
    } else if (c == 'e' || c == 'E') {
      break;
    } else {
      return InvalidArgument(fmt::format(
          "Character {} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.", c));
    }
  }
  if (!seen_digit) return InvalidArgument("No digits found.");
  if (i < s.size()) {
    ++i;
    bool exponent_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exponent_negative = s[i++] == '-';
    if (i == s.size()) return InvalidArgument("No exponent digits.");
    int64_t exponent = 0;
    for (; i < s.size(); ++i) {
      if (!isDigit(s[i])) return InvalidArgument("Exponent contains non-digit character.");
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > std::numeric_limits<int32_t>::max()) return InvalidArgument("Exponent overflow.");
    }
    result.scale -= exponent_negative ? -exponent : exponent;
  }
  if (result.digits.empty()) result.negative = false;
  return result;
}

BigDecimalText BigDecimalText::fromUnscaled(__int128 unscaled, int scale) {
  BigDecimalText result;
  result.negative = unscaled < 0;
  unsigned __int128 magnitude = result.negative ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(unscaled)
                                                : static_cast<unsigned __int128>(unscaled);
  while (magnitude > 0) {
    result.digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  result.digits.assign(result.digits.rbegin(), result.digits.rend());
  result.scale = scale;
  return result;
}

void BigDecimalText::stripTrailingZeros() {
  if (digits.empty()) {
    scale = 0;
    return;
  }
  while (digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
}

void BigDecimalText::appendTo(std::string& out) const {
  const std::string coefficient = digits.empty() ? "0" : digits;
  if (negative) out.push_back('-');
  const int64_t adjusted = -scale + static_cast<int64_t>(coefficient.size()) - 1;
  if (scale == 0) {
    out += coefficient;
  } else if (scale > 0 && adjusted >= -6) {
    appendDigitsWithPoint(coefficient, scale, out);
  } else {
    out.push_back(coefficient[0]);
    if (coefficient.size() > 1) {
      out.push_back('.');
      out.append(coefficient, 1);
    }
    if (adjusted != 0) out += fmt::format("E{}{}", adjusted > 0 ? "+" : "", adjusted);
  }
}

void BigDecimalText::appendPlainTo(std::string& out) const {
  const std::string coefficient = digits.empty() ? "0" : digits;
  if (negative) out.push_back('-');
  if (scale <= 0) {
    out += coefficient;
    if (!digits.empty()) out.append(static_cast<size_t>(-scale), '0');
  } else {
    appendDigitsWithPoint(coefficient, scale, out);
  }
}

}  // namespace eddy::formats::json
