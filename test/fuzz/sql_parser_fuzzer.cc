// libFuzzer target for the SQL parser: any input must give a statement list or an error,
// never a crash, a hang or a leak; what parses must print and parse back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/parser/sql_parser.h"
#include "sql/parser/unparse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);
  eddy::Result<std::vector<eddy::sql::Statement>> script = eddy::sql::SqlParser::parseScript(sql);
  if (!script.ok()) return 0;
  for (const eddy::sql::Statement& statement : *script) {
    const std::string printed = eddy::sql::unparse(statement);
    eddy::Result<eddy::sql::Statement> again = eddy::sql::SqlParser::parseStatement(printed);
    // The canonical form must parse back to itself. Its parentheses nest deeper than the
    // input may have, so it may exceed the nesting budget that the input stayed within.
    if (!again.ok() && again.status().message().find("nested too deeply") != std::string::npos) continue;
    if (!again.ok() || eddy::sql::unparse(*again) != printed) std::abort();
  }
  return 0;
}
