#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/types/logical_type.h"
#include "sql/parser/source_position.h"

namespace eddy::sql {

struct Expr;
struct Query;
struct WindowSpec;
using ExprPtr = std::unique_ptr<Expr>;

// What an Expr node is. Each kind documents which fields of Expr it uses; the others stay
// empty. Mirrors Calcite's SqlKind for the parts of Flink's dialect that Eddy accepts.
enum class ExprKind {
  kLiteral,         // literal_kind, text (and interval for INTERVAL literals)
  kIdentifier,      // names: `a`, `t`.`a`, `cat`.`db`.`t`.`a`
  kStar,            // names: the qualifier of `t`.* (empty for a bare *)
  kUnary,           // op, operands[0]: -x, +x, NOT x, x IS NULL, ...
  kBinary,          // op, operands[0..1]: arithmetic, comparison, AND, OR, ||, IS DISTINCT FROM
  kBetween,         // operands [value, low, high], negated, symmetric
  kLike,            // op (kLike or kSimilarTo), operands [value, pattern, escape?], negated
  kIn,              // operands [value, list...] or operands [value] and query; negated
  kExists,          // query
  kScalarSubquery,  // query
  kCase,            // operands [value or null, when1, then1, ..., else or null]
  kCast,            // operands[0], type; try_cast for TRY_CAST
  kExtract,         // text (time unit), operands[0]
  kFloorCeil,       // text ("FLOOR" or "CEIL"), operands[0], unit (time unit)
  kTimeUnit,        // text (time unit): the first argument of TIMESTAMPADD / TIMESTAMPDIFF
  kPosition,        // operands [needle, haystack]
  kTrim,            // text ("BOTH", "LEADING" or "TRAILING"), operands [characters or null, source]
  kSubstring,       // operands [value, from, length?]
  kOverlay,         // operands [value, placing, from, length?]
  kFunctionCall,    // names, quoted_name, operands, distinct, filter, over; niladic for CURRENT_DATE...
  kRow,             // operands; explicit_row when written ROW(...), not (a, b)
  kArray,           // operands: ARRAY[...]
  kMap,             // operands [key1, value1, key2, value2, ...]: MAP[...]
  kItem,            // operands [value, index]: a[1], m['k']
  kFieldAccess,     // operands[0], text (field name): f(x).field, a[1].field
  kDescriptor,      // operands (identifiers): DESCRIPTOR(ts)
  kTableArgument,   // names (the table), operands (PARTITION BY keys): TABLE t PARTITION BY k
  kNamedArgument,   // text (parameter name), operands[0]: DATA => TABLE t
  kGroupingSets,    // operands: GROUPING SETS (...)
  kRollup,          // operands: ROLLUP (...)
  kCube,            // operands: CUBE (...)
};

enum class LiteralKind {
  kExactNumeric,   // 12, 1.5
  kApproxNumeric,  // 1.5E3
  kString,         // 'it''s' (text holds it's)
  kBinaryString,   // X'0AFF' (text holds the hex digits)
  kBoolean,        // text TRUE or FALSE
  kUnknown,        // UNKNOWN
  kNull,           // NULL
  kDate,           // DATE '2020-01-01'
  kTime,           // TIME '12:00:00'
  kTimestamp,      // TIMESTAMP '2020-01-01 12:00:00'
  kInterval,       // INTERVAL '5' SECOND: text holds 5; negated for INTERVAL -'5' SECOND
};

enum class Operator {
  kNone,
  // Unary.
  kNegate, kPlus, kNot,
  kIsNull, kIsNotNull, kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown,
  // Binary.
  kOr, kAnd,
  kEquals, kNotEquals, kLessThan, kLessThanOrEqual, kGreaterThan, kGreaterThanOrEqual,
  kIsDistinctFrom, kIsNotDistinctFrom,
  kPlusBinary, kMinus, kMultiply, kDivide, kModulo, kConcat,
  kOverlaps,  // (start, end) OVERLAPS (start, end): operands are two kRow nodes
  // kLike nodes.
  kLike, kSimilarTo,
};

// The unit part of an INTERVAL literal: `SECOND`, `DAY(3) TO SECOND(3)`. Units are stored
// singular and upper case (Flink accepts MINUTES for MINUTE). Precisions are -1 when absent.
struct IntervalQualifier {
  std::string start_unit;
  int start_precision = -1;
  std::string end_unit;  // empty unless `TO unit`
  int end_precision = -1;
};

// A type written in DDL or CAST: its text as written and the type Eddy's LogicalTypeParser
// read from it.
struct DataTypeSpec {
  SourcePosition position;
  std::string text;
  types::LogicalType type;
};

// A node of a scalar expression, tagged by `kind`. Plain data owned through unique_ptr.
struct Expr {
  Expr(ExprKind kind, SourcePosition position);
  ~Expr();
  Expr(Expr&&) noexcept;
  Expr& operator=(Expr&&) noexcept;

  ExprKind kind;
  SourcePosition position;
  Operator op = Operator::kNone;
  LiteralKind literal_kind = LiteralKind::kNull;
  // Literal value, time unit, field name, named argument's name or trim specification.
  std::string text;
  // Identifier parts, function name parts or the table of a TABLE argument.
  std::vector<std::string> names;
  std::vector<ExprPtr> operands;
  std::unique_ptr<Query> query;
  std::unique_ptr<DataTypeSpec> type;
  std::unique_ptr<IntervalQualifier> interval;
  std::string unit;        // kFloorCeil: the unit after TO
  ExprPtr filter;          // kFunctionCall: FILTER (WHERE filter)
  std::unique_ptr<WindowSpec> over;  // kFunctionCall: OVER (...) or OVER w
  bool negated = false;    // NOT BETWEEN, NOT LIKE, NOT SIMILAR TO, NOT IN, INTERVAL -
  bool symmetric = false;  // BETWEEN SYMMETRIC
  bool distinct = false;   // f(DISTINCT x)
  bool try_cast = false;   // TRY_CAST
  bool explicit_row = false;
  bool quoted_name = false;  // the function name was written `quoted`
  bool niladic = false;      // CURRENT_TIMESTAMP written without parentheses
};

// An ORDER BY element: expression, direction and null ordering as written.
struct OrderItem {
  enum class Direction { kDefault, kAsc, kDesc };
  enum class NullOrder { kDefault, kFirst, kLast };

  ExprPtr expr;
  Direction direction = Direction::kDefault;
  NullOrder null_order = NullOrder::kDefault;
};

// One end of a window frame: UNBOUNDED PRECEDING, <offset> PRECEDING, CURRENT ROW, ...
struct WindowFrameBound {
  enum class Kind { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };

  Kind kind = Kind::kCurrentRow;
  ExprPtr offset;  // kPreceding and kFollowing
};

// The window of an OVER clause or of a WINDOW clause entry. `reference` names a window
// defined in the WINDOW clause (OVER w, or the base of (w ORDER BY ...)).
struct WindowSpec {
  SourcePosition position;
  std::optional<std::string> reference;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  bool has_frame = false;
  bool rows = false;     // ROWS, otherwise RANGE
  bool between = false;  // BETWEEN lower AND upper, otherwise only lower
  WindowFrameBound lower;
  WindowFrameBound upper;
};

}  // namespace eddy::sql
