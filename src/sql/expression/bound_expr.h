#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types/logical_type.h"
#include "eddy/types/value.h"
#include "sql/expression/built_in_function.h"
#include "sql/parser/source_position.h"

namespace eddy::sql {

struct BoundExpr;
struct UserDefinedCall;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

// A typed, resolved scalar expression, as Calcite's RexNode after Flink's validation: an
// input field by index, a literal, or a call of a built-in function whose operands already
// have the types the function computes in (the binder inserts the implicit CASTs). The
// evaluator runs it over columnar batches. Plain data owned through unique_ptr;
// thread-compatible.
struct BoundExpr {
  enum class Kind { kInputRef, kLiteral, kCall };

  BoundExpr(Kind kind, types::LogicalType type, SourcePosition position)
      : kind(kind), type(std::move(type)), position(position) {}

  static BoundExprPtr inputRef(int index, types::LogicalType type, SourcePosition position);
  static BoundExprPtr literal(types::Value value, types::LogicalType type, SourcePosition position);
  static BoundExprPtr call(BuiltInFunction function, types::LogicalType type, std::vector<BoundExprPtr> operands,
                           SourcePosition position);

  // A digest as Calcite's RexNode#toString: "$0", "1", "+($0, 1)", "CAST($1):BIGINT".
  std::string toString() const;

  Kind kind;
  types::LogicalType type;
  SourcePosition position;
  int input_index = -1;    // kInputRef
  types::Value value;      // kLiteral
  BuiltInFunction function = BuiltInFunction::kCast;  // kCall
  std::vector<BoundExprPtr> operands;                 // kCall
  // The time unit of EXTRACT, FLOOR/CEIL ... TO, TIMESTAMPADD and TIMESTAMPDIFF
  // ("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", ...).
  std::string unit;
  // kUserDefinedScalar: the function and its overload (udf_call.h).
  std::shared_ptr<const UserDefinedCall> udf;
};

}  // namespace eddy::sql
