#pragma once

#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "slt_record.h"

namespace eddy::slt {

// Reads the text of a .test file (the format of test/sql/README.md) into records. Errors
// are InvalidArgument naming the line: "line 12: unknown record 'querry'". Stateless.
Result<std::vector<Record>> parseTestFile(std::string_view text);

// One line of an input block: `[+I|-U|+U|-D] cell, cell, ...` where a cell is NULL, a
// 'quoted' string ('' for a quote) or bare text trimmed of spaces; or
// `watermark <epoch millis | yyyy-MM-dd HH:mm:ss[.SSS]>` (a timestamp read as UTC).
Result<InputElement> parseInputLine(std::string_view line);

// One expected result line: cells separated by tabs, NULL for NULL, (empty) for ''.
CellRow parseResultLine(std::string_view line);

// The result-line form of one cell: NULL, (empty) or the text.
std::string formatCell(const Cell& cell);

}  // namespace eddy::slt
