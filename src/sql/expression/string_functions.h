#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// String functions of Flink's list that build a new string, as its SqlFunctionUtils and
// Calcite's SqlFunctions compute them. Characters are UTF-8 code points. Each appends its
// result to `out` and returns false when the result is NULL. Stateless.
namespace eddy::sql::string_functions {

// REPEAT(s, n): s n times; empty for n <= 0.
void repeat(std::string_view text, int32_t times, std::string& out);
// OVERLAY(s PLACING r FROM start [FOR length]); length < 0 means r's length.
void overlay(std::string_view text, std::string_view placing, int32_t start, int32_t length, std::string& out);
// LEFT/RIGHT(s, n): the first or last n characters; empty for n <= 0.
void left(std::string_view text, int32_t count, std::string& out);
void right(std::string_view text, int32_t count, std::string& out);
// TO_BASE64 and FROM_BASE64 (RFC 4648 with padding); FROM_BASE64 gives NULL for invalid input.
void toBase64(std::string_view bytes, std::string& out);
bool fromBase64(std::string_view text, std::string& out);
// CHR(n): the character with code n & 0xFF; empty for a negative n (SqlFunctionUtils#chr).
void chr(int64_t code, std::string& out);
// TRANSLATE(s, from, to): each character of `from` in s becomes the one at its index in
// `to`, or is removed when `to` is shorter.
void translate(std::string_view text, std::string_view from, std::string_view to, std::string& out);
// BIN(n): n in binary, two's complement for negatives (Long#toBinaryString).
void bin(int64_t value, std::string& out);
// HEX(n) / HEX(s): upper-case hex of n (Long#toHexString) or of s's bytes.
void hex(int64_t value, std::string& out);
void hex(std::string_view bytes, std::string& out);

}  // namespace eddy::sql::string_functions
