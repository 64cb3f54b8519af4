#include "formats/json/jackson_text.h"

#include <fmt/format.h>

#include "formats/json/java_numbers.h"

namespace eddy::formats::json {

namespace {

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kPadding = -2;

int base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  if (c == '=') return kPadding;
  return -1;
}

// Base64Variant#_reportInvalidBase64.
Status invalidBase64(unsigned char c, int index, const char* detail = nullptr) {
  std::string message;
  if (c <= ' ') {
    message = fmt::format(
        "Illegal white space character (code 0x{:x}) as character #{} of 4-char base64 unit: can only used between "
        "units",
        c, index + 1);
  } else if (c == '=') {
    message = fmt::format(
        "Unexpected padding character ('=') as character #{} of 4-char base64 unit: padding only legal as 3rd or 4th "
        "character",
        index + 1);
  } else if (c >= 0x7f) {
    message = fmt::format("Illegal character (code 0x{:x}) in base64 content", c);
  } else {
    message = fmt::format("Illegal character '{}' (code 0x{:x}) in base64 content", static_cast<char>(c), c);
  }
  if (detail != nullptr) message += fmt::format(": {}", detail);
  return InvalidArgument(std::move(message));
}

Status missingPadding() {
  return InvalidArgument(
      "Unexpected end of base64-encoded String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' "
      "characters) at the end. This Base64Variant might have been incorrectly configured");
}

// Base64Variant#decode(String, ByteArrayBuilder).
Status decodeUnits(std::string_view s, std::string& out) {
  size_t ptr = 0;
  const size_t len = s.size();
  auto next = [&] { return static_cast<unsigned char>(s[ptr++]); };
  while (true) {
    unsigned char c;
    do {
      if (ptr >= len) return Status::OK();
      c = next();
    } while (c <= ' ');
    int bits = base64Value(c);
    if (bits < 0) return invalidBase64(c, 0);
    int data = bits;
    if (ptr >= len) return missingPadding();
    c = next();
    bits = base64Value(c);
    if (bits < 0) return invalidBase64(c, 1);
    data = (data << 6) | bits;
    if (ptr >= len) return missingPadding();
    c = next();
    bits = base64Value(c);
    if (bits < 0) {
      if (bits != kPadding) return invalidBase64(c, 2);
      if (ptr >= len) return missingPadding();
      c = next();
      if (c != '=') return invalidBase64(c, 3, "expected padding character '='");
      out.push_back(static_cast<char>(data >> 4));
      continue;
    }
    data = (data << 6) | bits;
    if (ptr >= len) return missingPadding();
    c = next();
    bits = base64Value(c);
    if (bits < 0) {
      if (bits != kPadding) return invalidBase64(c, 3);
      data >>= 2;
      out.push_back(static_cast<char>(data >> 8));
      out.push_back(static_cast<char>(data));
    } else {
      data = (data << 6) | bits;
      out.push_back(static_cast<char>(data >> 16));
      out.push_back(static_cast<char>(data >> 8));
      out.push_back(static_cast<char>(data));
    }
  }
}

}  // namespace

void appendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('"');
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') {
      out.push_back(ch);
      continue;
    }
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\b': out.push_back('b'); break;
      case '\t': out.push_back('t'); break;
      case '\n': out.push_back('n'); break;
      case '\f': out.push_back('f'); break;
      case '\r': out.push_back('r'); break;
      default:
        out += "u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.push_back('"');
}

void appendBase64(std::string_view bytes, std::string& out) {
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back(kBase64Alphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return;
  const unsigned v = (byte(i) << 16) | (rest == 2 ? byte(i + 1) << 8 : 0);
  out.push_back(kBase64Alphabet[(v >> 18) & 63]);
  out.push_back(kBase64Alphabet[(v >> 12) & 63]);
  out.push_back(rest == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=');
  out.push_back('=');
}

Result<std::string> decodeBase64(std::string_view text) {
  std::string bytes;
  const Status status = decodeUnits(javaTrim(text), bytes);
  if (!status.ok()) {
    return InvalidArgument(
        fmt::format("Cannot access contents of TextNode as binary due to broken Base64 encoding: {}", status.message()));
  }
  return bytes;
}

}  // namespace eddy::formats::json
