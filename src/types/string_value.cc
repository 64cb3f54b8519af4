#include "eddy/types/string_value.h"

#include <vector>

#include "eddy/common/result.h"

namespace eddy::types {

namespace {

constexpr uint32_t kHighBit = 0x80;

void writeVarint(uint32_t value, DataOutputSerializer& out) {
  while (value >= kHighBit) {
    out.writeByte(static_cast<int8_t>((value & 0x7F) | kHighBit));
    value >>= 7;
  }
  out.writeByte(static_cast<int8_t>(value));
}

Status readVarint(DataInputDeserializer& in, uint32_t& value) {
  uint8_t byte = 0;
  EDDY_RETURN_IF_ERROR(in.readUnsignedByte(byte));
  value = byte & 0x7F;
  for (int shift = 7; byte >= kHighBit; shift += 7) {
    if (shift > 28) return Corruption("string length or character varint is too long");
    EDDY_RETURN_IF_ERROR(in.readUnsignedByte(byte));
    value |= static_cast<uint32_t>(byte & 0x7F) << shift;
  }
  return Status::OK();
}

// Decodes one UTF-8 sequence at `i`; an invalid byte decodes to U+DC00 + byte.
uint32_t decodeUtf8(std::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  auto continuation = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && continuation(i + 1)) {
    const uint32_t cp = (b0 & 0x1Fu) << 6 | (byte(i + 1) & 0x3Fu);
    i += 2;
    return cp;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && continuation(i + 1) && continuation(i + 2)) {
    const uint32_t cp = (b0 & 0x0Fu) << 12 | (byte(i + 1) & 0x3Fu) << 6 | (byte(i + 2) & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      i += 3;
      return cp;
    }
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
    const uint32_t cp =
        (b0 & 0x07u) << 18 | (byte(i + 1) & 0x3Fu) << 12 | (byte(i + 2) & 0x3Fu) << 6 | (byte(i + 3) & 0x3Fu);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      i += 4;
      return cp;
    }
  }
  ++i;
  return 0xDC00u + b0;
}

void appendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool isAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<uint8_t>(c) >= kHighBit) return false;
  }
  return true;
}

}  // namespace

void writeStringValue(std::string_view text, DataOutputSerializer& out) {
  if (isAscii(text)) {
    writeVarint(static_cast<uint32_t>(text.size()) + 1, out);
    out.write(text);
    return;
  }
  std::vector<uint16_t> units;
  units.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const uint32_t cp = decodeUtf8(text, i);
    if (cp >= 0x10000) {
      units.push_back(static_cast<uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      units.push_back(static_cast<uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      units.push_back(static_cast<uint16_t>(cp));
    }
  }
  writeVarint(static_cast<uint32_t>(units.size()) + 1, out);
  for (uint16_t unit : units) writeVarint(unit, out);
}

Status readStringValue(DataInputDeserializer& in, std::string& text) {
  uint32_t length = 0;
  EDDY_RETURN_IF_ERROR(readVarint(in, length));
  if (length == 0) return Corruption("null string where a std::string is expected");
  --length;
  text.clear();
  for (uint32_t i = 0; i < length; ++i) {
    uint32_t unit = 0;
    EDDY_RETURN_IF_ERROR(readVarint(in, unit));
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < length) {
      uint32_t low = 0;
      EDDY_RETURN_IF_ERROR(readVarint(in, low));
      ++i;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        appendUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), text);
        continue;
      }
      appendUtf8(unit, text);
      unit = low;
    }
    if (unit >= 0xDC80 && unit <= 0xDCFF) {
      text.push_back(static_cast<char>(unit - 0xDC00));
    } else {
      appendUtf8(unit, text);
    }
  }
  return Status::OK();
}

}  // namespace eddy::types
