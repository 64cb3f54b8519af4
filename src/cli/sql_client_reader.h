#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eddy::cli {

// Splits what the SQL client reads, line by line, into statements: a statement ends at a
// ';' outside 'strings', `identifiers`, "identifiers", -- comments and /* comments */, as in
// Flink's SQL client, so a statement may span lines and a line may hold several.
// Statements are returned without their ';' and surrounding blank space; empty ones are
// dropped. Not thread-safe.
class SqlStatementReader {
 public:
  // Adds one line (without its line break) and returns the statements it completed.
  std::vector<std::string> addLine(std::string_view line);

  // Whether a statement has started but not ended (the client then prompts for more).
  bool pending() const;

  // The unfinished statement (a script's last statement may lack its ';'), then clears it.
  std::string takeRest();

  // Drops the unfinished statement (Ctrl-C at the prompt).
  void clear();

 private:
  enum class State { kCode, kString, kBackquoted, kDoubleQuoted, kLineComment, kBlockComment };

  std::string buffer_;
  State state_ = State::kCode;
};

}  // namespace eddy::cli
