#include "formats/csv/csv_line_splitter.h"

namespace eddy::formats::csv {

namespace {

// CsvDecoder#_unescape.
char unescape(char c) {
  switch (c) {
    case '0': return '\0';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return c;
  }
}

}  // namespace

Status splitCsvLine(std::string_view line, const CsvFormatOptions& options, std::vector<std::string>& fields,
                    std::vector<bool>& is_null, size_t& count) {
  count = 0;
  if (line.empty()) return Status::OK();
  const char separator = options.field_delimiter;
  const bool quoting = !options.disable_quote_character;
  const char quote = options.quote_character;
  const bool escaping = options.escape_character.has_value();
  const char escape = escaping ? *options.escape_character : '\0';
  const size_t n = line.size();
  size_t pos = 0;
  while (true) {
    if (count == fields.size()) {
      fields.emplace_back();
      is_null.push_back(false);
    }
    std::string& field = fields[count];
    field.clear();
    if (quoting && pos < n && line[pos] == quote) {
      ++pos;
      while (true) {
        if (pos >= n) return InvalidArgument("Missing closing quote for value");
        const char c = line[pos++];
        if (c == quote) {
          if (pos < n && line[pos] == quote) {
            field.push_back(quote);
            ++pos;
            continue;
          }
          break;
        }
        if (escaping && c == escape) {
          if (pos >= n) return InvalidArgument("Unexpected EOF in escaped character");
          field.push_back(unescape(line[pos++]));
          continue;
        }
        field.push_back(c);
      }
    }
    while (pos < n && line[pos] != separator) {
      const char c = line[pos++];
      if (escaping && c == escape) {
        if (pos >= n) return InvalidArgument("Unexpected EOF in escaped character");
        field.push_back(unescape(line[pos++]));
        continue;
      }
      field.push_back(c);
    }
    is_null[count] = options.null_literal.has_value() && field == *options.null_literal;
    ++count;
    if (pos >= n) return Status::OK();
    ++pos;  // the separator
  }
}

}  // namespace eddy::formats::csv
