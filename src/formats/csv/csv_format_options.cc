#include "eddy/formats/csv/csv_format_options.h"

#include <cctype>

#include <fmt/format.h>

#include "eddy/common/config_options.h"

namespace eddy::formats::csv {

namespace {

using Options = std::map<std::string, std::string>;

const std::string* find(const Options& options, const std::string& key) {
  auto it = options.find(key);
  return it == options.end() ? nullptr : &it->second;
}

// commons-lang3 StringEscapeUtils.unescapeJava for the escapes a delimiter can use:
// \t \b \n \r \f \' \" \\ and \uXXXX (ASCII only; a wider character is no single char here).
std::string unescapeJava(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    const char c = text[++i];
    switch (c) {
      case 't': out.push_back('\t'); break;
      case 'b': out.push_back('\b'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        unsigned code = 0;
        size_t digits = 0;
        while (digits < 4 && i + 1 + digits < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1 + digits]))) {
          const char h = text[i + 1 + digits];
          code = code * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
          ++digits;
        }
        if (digits < 4) {
          out += "\\u";
        } else {
          i += 4;
          // A character outside ASCII is more than one byte: never a single char here.
          out += code < 0x80 ? std::string(1, static_cast<char>(code)) : std::string("??");
        }
        break;
      }
      default: out.push_back(c); break;
    }
  }
  return out;
}

Result<char> singleCharacter(const Options& options, const std::string& key, bool unescape, char default_value) {
  const std::string* raw = find(options, key);
  if (raw == nullptr) return default_value;
  const std::string value = unescape ? unescapeJava(*raw) : *raw;
  if (value.size() != 1) {
    return InvalidArgument(
        fmt::format("Option 'csv.{}' must be a string with single character, but was: {}", key, *raw));
  }
  return value[0];
}

Result<bool> boolean(const Options& options, const std::string& key, bool default_value) {
  const std::string* raw = find(options, key);
  if (raw == nullptr) return default_value;
  Result<bool> value = ConfigValue<bool>::parse(*raw);
  if (!value.ok()) {
    return InvalidArgument(
        fmt::format("Could not parse value '{}' for key 'csv.{}': {}", *raw, key, value.status().message()));
  }
  return *value;
}

}  // namespace

Result<CsvFormatOptions> CsvFormatOptions::fromTableOptions(const Options& options) {
  CsvFormatOptions out;
  EDDY_ASSIGN_OR_RETURN(out.disable_quote_character, boolean(options, "disable-quote-character", false));
  if (out.disable_quote_character && find(options, "quote-character") != nullptr) {
    return InvalidArgument("Format cannot define a quote character and disabled quote character at the same time.");
  }
  EDDY_ASSIGN_OR_RETURN(out.field_delimiter, singleCharacter(options, "field-delimiter", true, ','));
  if (const std::string* delimiter = find(options, "array-element-delimiter")) {
    if (delimiter->size() != 1) {
      return InvalidArgument(fmt::format(
          "Option 'csv.array-element-delimiter' must be a string with single character, but was: {}", *delimiter));
    }
    out.array_element_delimiter = *delimiter;
  }
  EDDY_ASSIGN_OR_RETURN(out.quote_character, singleCharacter(options, "quote-character", false, '"'));
  if (find(options, "escape-character") != nullptr) {
    EDDY_ASSIGN_OR_RETURN(char escape, singleCharacter(options, "escape-character", false, '\\'));
    out.escape_character = escape;
  }
  EDDY_ASSIGN_OR_RETURN(out.allow_comments, boolean(options, "allow-comments", false));
  EDDY_ASSIGN_OR_RETURN(out.ignore_parse_errors, boolean(options, "ignore-parse-errors", false));
  if (const std::string* null_literal = find(options, "null-literal")) out.null_literal = *null_literal;
  EDDY_ASSIGN_OR_RETURN(out.write_bigdecimal_in_scientific_notation,
                        boolean(options, "write-bigdecimal-in-scientific-notation", true));
  return out;
}

}  // namespace eddy::formats::csv
