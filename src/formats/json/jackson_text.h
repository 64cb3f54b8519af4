#pragma once

#include <string>
#include <string_view>

#include "eddy/common/result.h"

// The text forms of Jackson (the JSON library inside Flink) that Flink's JSON format shows:
// string escaping and base64, with Jackson's rules and error messages.
namespace eddy::formats::json {

// A JSON string in quotes as Jackson's generator writes it: '"' and '\\' escaped, control
// characters as \b \t \n \f \r or \u00XX, everything else (non-ASCII included) as is.
void appendJsonString(std::string_view text, std::string& out);

// Base64 with padding (Jackson's default variant, MIME-NO-LINEFEEDS), as a byte[] is written.
void appendBase64(std::string_view bytes, std::string& out);
// TextNode#binaryValue: the bytes of base64 text (trimmed, padding required, whitespace
// allowed between 4-char units); InvalidArgument with Jackson's message otherwise.
Result<std::string> decodeBase64(std::string_view text);

}  // namespace eddy::formats::json
