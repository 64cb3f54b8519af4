#pragma once

namespace eddy::sql {

// Where a node starts in the SQL text: 1-based line and column (columns count characters,
// not bytes), as Calcite's SqlParserPos.
struct SourcePosition {
  int line = 1;
  int column = 1;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

}  // namespace eddy::sql
