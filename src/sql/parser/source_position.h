#pragma once

namespace eddy::sql {

// Where a node is in the SQL text, as Calcite's SqlParserPos: the 1-based line and column
// of its first character and of its last one (columns count characters, not bytes). The
// end is 0/0 when unknown (positions made by hand, not by the parser); messages then
// point at the start only.
struct SourcePosition {
  int line = 1;
  int column = 1;
  int end_line = 0;
  int end_column = 0;

  // The start alone, without the end.
  SourcePosition start() const { return SourcePosition{line, column}; }
  // Whether the node covers more than its first character (Calcite prints "From line a,
  // column b to line c, column d" then, and "At line a, column b" otherwise).
  bool spansRange() const { return end_line > 0 && (end_line != line || end_column != column); }

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

}  // namespace eddy::sql
