#include "sql/expression/cast_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace eddy::sql::cast_text {

void appendDecimal(__int128 unscaled, int scale, std::string& out) {
  char digits[48];
  int count = 0;
  unsigned __int128 magnitude = unscaled < 0 ? -static_cast<unsigned __int128>(unscaled) : unscaled;
  do {
    digits[count++] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  while (count <= scale) digits[count++] = '0';
  if (unscaled < 0) out.push_back('-');
  for (int i = count - 1; i >= 0; --i) {
    out.push_back(digits[i]);
    if (i == scale && scale > 0) out.push_back('.');
  }
}

void appendYearMonthInterval(int32_t months, std::string& out) {
  const int64_t total = months;
  const int64_t magnitude = total < 0 ? -total : total;
  out += fmt::format("{}{}-{:02d}", total < 0 ? '-' : '+', magnitude / 12, magnitude % 12);
}

void appendDayTimeInterval(int64_t millis, std::string& out) {
  const uint64_t magnitude = millis < 0 ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  out += fmt::format("{}{} {:02d}:{:02d}:{:02d}.{:03d}", millis < 0 ? '-' : '+', magnitude / 86400000,
                     magnitude / 3600000 % 24, magnitude / 60000 % 60, magnitude / 1000 % 60, magnitude % 1000);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::optional<int64_t> parseIntegral(std::string_view text, int64_t min, int64_t max) {
  text = trimmed(text);
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i == text.size()) return std::nullopt;
  unsigned __int128 value = 0;
  bool digits = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
    digits = true;
    if (value > static_cast<unsigned __int128>(UINT64_MAX)) return std::nullopt;
  }
  if (i < text.size()) {
    for (++i; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  const __int128 signed_value = negative ? -static_cast<__int128>(value) : static_cast<__int128>(value);
  if (signed_value < min || signed_value > max) return std::nullopt;
  return static_cast<int64_t>(signed_value);
}

std::optional<double> parseDouble(std::string_view text) {
  text = trimmed(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text == "NaN") return std::nan("");
  if (text == "Infinity") return HUGE_VAL;
  if (text == "-Infinity") return -HUGE_VAL;
  // from_chars would also read "inf" and "nan", which Java does not.
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> parseBoolean(std::string_view text) {
  text = trimmed(text);
  auto is = [&](std::string_view word) {
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  if (is("true") || is("t") || is("yes") || is("y") || is("1")) return true;
  if (is("false") || is("f") || is("no") || is("n") || is("0")) return false;
  return std::nullopt;
}

int64_t codePointCount(std::string_view text) {
  int64_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

size_t prefixBytes(std::string_view text, int64_t code_points) {
  int64_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == code_points) return i;
      ++seen;
    }
  }
  return text.size();
}

}  // namespace eddy::sql::cast_text
