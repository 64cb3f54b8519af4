#pragma once

#include <map>
#include <optional>
#include <string>

#include "eddy/common/result.h"

namespace eddy::formats::csv {

// The options of the CSV format with Flink's keys (CsvFormatOptions, written 'csv.<key>' in a
// table's WITH clause) and defaults. One struct serves the reader and the writer; each uses
// the options that concern it. A value type.
struct CsvFormatOptions {
  // 'csv.field-delimiter': the character between fields; Java escapes such as "\t" are
  // unescaped when read from table options.
  // Default: ','
  char field_delimiter = ',';
  // 'csv.disable-quote-character': no quoting at all; values are written as they are.
  // Default: false
  bool disable_quote_character = false;
  // 'csv.quote-character': encloses values that contain special characters.
  // Default: '"'
  char quote_character = '"';
  // 'csv.allow-comments': lines starting with '#' are skipped when reading.
  // Default: false
  bool allow_comments = false;
  // 'csv.ignore-parse-errors': a field that does not convert becomes null and a line that
  // does not parse is skipped, instead of failing.
  // Default: false
  bool ignore_parse_errors = false;
  // 'csv.array-element-delimiter': separates the elements of ARRAY and ROW fields.
  // Default: ";"
  std::string array_element_delimiter = ";";
  // 'csv.escape-character': escapes the next character, inside or outside quotes.
  // Default: none
  std::optional<char> escape_character;
  // 'csv.null-literal': the text read as null and written for null. Without it a null is
  // written as an empty field and an empty field is read as an empty string.
  // Default: none
  std::optional<std::string> null_literal;
  // 'csv.write-bigdecimal-in-scientific-notation': DECIMAL as BigDecimal#toString ("1E+5")
  // rather than #toPlainString ("100000").
  // Default: true
  bool write_bigdecimal_in_scientific_notation = true;

  // The options from a table's format options, keys without the "csv." prefix
  // ("field-delimiter" → "\t"), validated as Flink's CsvCommons: ValidationException
  // messages as InvalidArgument ("Option 'csv.field-delimiter' must be a string with single
  // character, but was: ;;", "Format cannot define a quote character and disabled quote
  // character at the same time."). Unknown keys are the caller's to reject.
  static Result<CsvFormatOptions> fromTableOptions(const std::map<std::string, std::string>& options);
};

}  // namespace eddy::formats::csv
