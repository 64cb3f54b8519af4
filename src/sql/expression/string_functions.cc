#include "sql/expression/string_functions.h"

#include <algorithm>
#include <array>

#include "sql/expression/cast_text.h"

namespace eddy::sql::string_functions {

namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t charBytes(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

void appendCodePoint(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

void appendHexDigits(uint64_t value, int bits_per_digit, std::string& out) {
  const uint64_t mask = (uint64_t{1} << bits_per_digit) - 1;
  int shift = 64 - bits_per_digit;  // REQUIRES: bits_per_digit divides 64
  while (shift > 0 && ((value >> shift) & mask) == 0) shift -= bits_per_digit;
  for (; shift >= 0; shift -= bits_per_digit) out.push_back("0123456789ABCDEF"[(value >> shift) & mask]);
}

}  // namespace

void repeat(std::string_view text, int32_t times, std::string& out) {
  for (int32_t i = 0; i < times; ++i) out.append(text);
}

void overlay(std::string_view text, std::string_view placing, int32_t start, int32_t length, std::string& out) {
  const int64_t chars = cast_text::codePointCount(text);
  const int64_t replaced = length < 0 ? cast_text::codePointCount(placing) : length;
  const int64_t head = std::clamp<int64_t>(start - 1, 0, chars);
  const int64_t tail = std::clamp<int64_t>(start - 1 + replaced, head, chars);
  out.append(text.substr(0, cast_text::prefixBytes(text, head)));
  out.append(placing);
  out.append(text.substr(cast_text::prefixBytes(text, tail)));
}

void left(std::string_view text, int32_t count, std::string& out) {
  if (count <= 0) return;
  out.append(text.substr(0, cast_text::prefixBytes(text, count)));
}

void right(std::string_view text, int32_t count, std::string& out) {
  if (count <= 0) return;
  const int64_t chars = cast_text::codePointCount(text);
  out.append(text.substr(cast_text::prefixBytes(text, std::max<int64_t>(chars - count, 0))));
}

void toBase64(std::string_view bytes, std::string& out) {
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64[(v >> shift) & 0x3F]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
  if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
  out.push_back(kBase64[(v >> 18) & 0x3F]);
  out.push_back(kBase64[(v >> 12) & 0x3F]);
  out.push_back(rest == 2 ? kBase64[(v >> 6) & 0x3F] : '=');
  out.push_back('=');
}

bool fromBase64(std::string_view text, std::string& out) {
  uint32_t bits = 0;
  int count = 0;
  size_t padding = 0;
  for (char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    const size_t value = kBase64.find(c);
    if (value == std::string_view::npos || padding > 0) return false;
    bits = (bits << 6) | static_cast<uint32_t>(value);
    if (++count == 4) {
      out.push_back(static_cast<char>(bits >> 16));
      out.push_back(static_cast<char>(bits >> 8));
      out.push_back(static_cast<char>(bits));
      bits = 0;
      count = 0;
    }
  }
  if (count == 1 || padding > 2) return false;
  if (count == 2) out.push_back(static_cast<char>(bits >> 4));
  if (count == 3) {
    out.push_back(static_cast<char>(bits >> 10));
    out.push_back(static_cast<char>(bits >> 2));
  }
  return true;
}

void chr(int64_t code, std::string& out) {
  if (code < 0) return;
  appendCodePoint(static_cast<uint32_t>(code & 0xFF), out);
}

void translate(std::string_view text, std::string_view from, std::string_view to, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    const size_t len = charBytes(static_cast<unsigned char>(text[i]));
    const std::string_view character = text.substr(i, len);
    i += len;
    size_t index = 0;
    size_t at = 0;
    bool found = false;
    while (at < from.size()) {
      const size_t from_len = charBytes(static_cast<unsigned char>(from[at]));
      if (from.substr(at, from_len) == character) {
        found = true;
        break;
      }
      at += from_len;
      ++index;
    }
    if (!found) {
      out.append(character);
      continue;
    }
    const size_t begin = cast_text::prefixBytes(to, static_cast<int64_t>(index));
    if (begin < to.size()) out.append(to.substr(begin, charBytes(static_cast<unsigned char>(to[begin]))));
  }
}

void bin(int64_t value, std::string& out) { appendHexDigits(static_cast<uint64_t>(value), 1, out); }

void hex(int64_t value, std::string& out) { appendHexDigits(static_cast<uint64_t>(value), 4, out); }

void hex(std::string_view bytes, std::string& out) {
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out.push_back("0123456789ABCDEF"[b >> 4]);
    out.push_back("0123456789ABCDEF"[b & 0xF]);
  }
}

}  // namespace eddy::sql::string_functions
