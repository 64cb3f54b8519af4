#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/formats/csv/csv_format_options.h"

namespace eddy::formats::csv {

// Splits one CSV line into its field texts as Jackson's CsvDecoder reads a record: a field
// that starts with the quote character runs to the closing quote (a doubled quote is one
// quote; text after the closing quote up to the delimiter is kept); the escape character,
// inside or outside quotes, takes the next character literally, turning 0 n r t into NUL,
// newline, carriage return and tab. The first `count` entries of `fields` are set (the
// vectors only grow, so their strings keep their capacity from line to line);
// `is_null[i]` tells whether field i equals the null literal. An empty line has no fields.
// InvalidArgument with Jackson's message for an unclosed quote or an escape at the end of
// the line.
Status splitCsvLine(std::string_view line, const CsvFormatOptions& options, std::vector<std::string>& fields,
                    std::vector<bool>& is_null, size_t& count);

}  // namespace eddy::formats::csv
