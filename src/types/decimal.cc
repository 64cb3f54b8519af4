#include "eddy/types/decimal.h"

#include <fmt/format.h>

#include <algorithm>

#include "eddy/common/check.h"

namespace eddy::types {

namespace {

__int128 pow10(int n) {
  __int128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

unsigned __int128 magnitude(__int128 v) {
  return v < 0 ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
               : static_cast<unsigned __int128>(v);
}

std::string digitsOf(unsigned __int128 v) {
  if (v == 0) return "0";
  std::string digits;
  while (v > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return {digits.rbegin(), digits.rend()};
}

}  // namespace

Decimal Decimal::fromUnscaled(__int128 unscaled, int precision, int scale) {
  EDDY_CHECK(precision >= 1 && precision <= kMaxPrecision);
  EDDY_CHECK(scale >= 0 && scale <= precision);
  EDDY_CHECK(magnitude(unscaled) < static_cast<unsigned __int128>(pow10(precision)));
  return Decimal(unscaled, precision, scale);
}

Result<Decimal> Decimal::fromString(std::string_view text, int precision, int scale) {
  EDDY_CHECK(precision >= 1 && precision <= kMaxPrecision);
  EDDY_CHECK(scale >= 0 && scale <= precision);
  auto invalid = [&] { return InvalidArgument(fmt::format("'{}' is not a decimal number.", text)); };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  // All significant digits, and how many of them are after the decimal point.
  std::string digits;
  long long fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (!digits.empty() || c != '0') digits.push_back(c);
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return invalid();
  if (pos < text.size()) {
    if (text[pos] != 'e' && text[pos] != 'E') return invalid();
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) exponent_negative = text[pos++] == '-';
    if (pos == text.size()) return invalid();
    long long exponent = 0;
    for (; pos < text.size(); ++pos) {
      if (text[pos] < '0' || text[pos] > '9' || exponent > 100000) return invalid();
      exponent = exponent * 10 + (text[pos] - '0');
    }
    fraction_digits += exponent_negative ? exponent : -exponent;
  }
  // Rescale to `scale`: append zeros, or drop digits rounding HALF_UP.
  bool round_up = false;
  if (fraction_digits <= scale) {
    if (!digits.empty()) digits.append(static_cast<size_t>(scale - fraction_digits), '0');
  } else {
    const long long drop = fraction_digits - scale;
    if (drop > static_cast<long long>(digits.size())) {
      digits.clear();
    } else {
      const size_t keep = digits.size() - static_cast<size_t>(drop);
      round_up = digits[keep] >= '5';
      digits.resize(keep);
    }
  }
  if (digits.size() > static_cast<size_t>(precision)) {
    return InvalidArgument(fmt::format("'{}' does not fit DECIMAL({}, {}).", text, precision, scale));
  }
  __int128 unscaled = 0;
  for (char c : digits) unscaled = unscaled * 10 + (c - '0');
  if (round_up) ++unscaled;
  if (unscaled >= pow10(precision)) {
    return InvalidArgument(fmt::format("'{}' does not fit DECIMAL({}, {}).", text, precision, scale));
  }
  return Decimal(negative ? -unscaled : unscaled, precision, scale);
}

std::string Decimal::toString() const {
  const std::string digits = digitsOf(magnitude(unscaled_));
  const size_t scale = static_cast<size_t>(scale_);
  // At least one digit before the point: "0.05", not ".05".
  const size_t padded = std::max(digits.size(), scale + 1);
  std::string text;
  text.reserve(padded + 2);
  if (unscaled_ < 0) text.push_back('-');
  for (size_t i = 0; i < padded; ++i) {
    if (scale > 0 && i == padded - scale) text.push_back('.');
    text.push_back(i < padded - digits.size() ? '0' : digits[i - (padded - digits.size())]);
  }
  return text;
}

}  // namespace eddy::types
