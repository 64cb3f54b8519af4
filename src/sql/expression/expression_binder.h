#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "sql/expression/bound_expr.h"
#include "sql/parser/ast_expression.h"

namespace eddy::sql {

// Resolves a parsed scalar expression against one input row type and types it with Flink's
// rules: identifiers are matched case-sensitively to the input's fields (Flink's default
// lexical policy), operands are widened with implicit CASTs to the type an operator computes
// in, and BETWEEN, IN, COALESCE, NULLIF and IF become comparisons and CASE. Errors are
// InvalidArgument in Calcite's shape with the node's line and column (validation_error.h).
// Immutable after construction; thread-safe.
class ExpressionBinder {
 public:
  // REQUIRES: input_type is a ROW type.
  explicit ExpressionBinder(types::LogicalType input_type);
  // A hook the planner uses to resolve a node before the binder's own rules: qualified
  // identifiers, an aggregate call or group-window property computed by an operator below,
  // a grouped expression. Returns nullopt to bind the node as usual. Called for every node.
  using NodeResolver = std::function<std::optional<Result<BoundExprPtr>>(const Expr& expr)>;
  ExpressionBinder(types::LogicalType input_type, NodeResolver resolver);

  Result<BoundExprPtr> bind(const Expr& expr) const;

 private:
  Result<BoundExprPtr> bindIdentifier(const Expr& expr) const;
  Result<BoundExprPtr> bindLiteral(const Expr& expr) const;
  Result<BoundExprPtr> bindUnary(const Expr& expr) const;
  Result<BoundExprPtr> bindBinary(const Expr& expr) const;
  Result<BoundExprPtr> bindArithmetic(Operator op, SourcePosition position, BoundExprPtr left,
                                      BoundExprPtr right) const;
  Result<BoundExprPtr> bindComparison(BuiltInFunction function, SourcePosition position, BoundExprPtr left,
                                      BoundExprPtr right) const;
  Result<BoundExprPtr> bindConcat(SourcePosition position, BoundExprPtr left, BoundExprPtr right) const;
  Result<BoundExprPtr> bindLogical(BuiltInFunction function, SourcePosition position,
                                   std::vector<BoundExprPtr> operands) const;
  Result<BoundExprPtr> bindBetween(const Expr& expr) const;
  Result<BoundExprPtr> bindIn(const Expr& expr) const;
  Result<BoundExprPtr> bindLike(const Expr& expr) const;
  Result<BoundExprPtr> bindCase(const Expr& expr) const;
  Result<BoundExprPtr> bindCast(const Expr& expr) const;
  Result<BoundExprPtr> bindFunctionCall(const Expr& expr) const;
  Result<BoundExprPtr> bindSpecialCall(const Expr& expr) const;
  Result<BoundExprPtr> bindOverlay(const Expr& expr) const;
  Result<BoundExprPtr> bindOverlaps(const Expr& expr) const;
  // (row).field (bind_field_access.cc).
  Result<BoundExprPtr> bindFieldAccess(const Expr& expr) const;
  // ROW(...), (a, b), ARRAY[...] and MAP[...]; a[i] and m[k] (bind_collections.cc).
  Result<BoundExprPtr> bindConstructor(const Expr& expr) const;
  Result<BoundExprPtr> bindItem(const Expr& expr) const;
  // (SELECT ...) as a value: the input field the planner joined it into
  // (scalarSubqueryFieldName), or an error where the planner did not.
  Result<BoundExprPtr> bindScalarSubquery(const Expr& expr) const;
  // IFNULL, GREATEST and LEAST (bind_conditional.cc); nullopt for other names.
  std::optional<Result<BoundExprPtr>> bindConditionalFunction(std::string_view name, SourcePosition position,
                                                              std::vector<BoundExprPtr>& args) const;
  // TO_TIMESTAMP_LTZ and CONVERT_TZ (bind_time_zone.cc); nullopt for other names.
  std::optional<Result<BoundExprPtr>> bindTimeZoneFunction(std::string_view name, SourcePosition position,
                                                           std::vector<BoundExprPtr>& args) const;
  Result<std::vector<BoundExprPtr>> bindOperands(const Expr& expr) const;

  types::LogicalType input_type_;
  NodeResolver resolver_;
};

// The name of the input field that holds the value of the scalar subquery `subquery` once
// the planner has joined it to the input (plan_scalar_subquery.cc): "$SCALAR_QUERY$<line>$<column>".
std::string scalarSubqueryFieldName(const Expr& subquery);
// Whether `name` is such a field, which SELECT * does not show.
bool isScalarSubqueryFieldName(std::string_view name);

// Helpers shared by the binder's files.
namespace binder {

// A deep copy, for rewrites that use an operand twice (x BETWEEN a AND b is x >= a AND x <= b).
BoundExprPtr copyOf(const BoundExpr& expr);
// `expr` cast to `type` (no-op when it already has it); nullability follows the operand.
BoundExprPtr castTo(BoundExprPtr expr, const types::LogicalType& type);
// A CASE over (when, then)... pairs and an else operand, typed with their common type.
Result<BoundExprPtr> makeCase(SourcePosition position, std::vector<BoundExprPtr> whens,
                              std::vector<BoundExprPtr> thens, BoundExprPtr otherwise);
// Calcite's "Cannot apply 'op' to arguments of type '<A> op <B>'. Supported form(s): ...".
Status cannotApply(SourcePosition position, std::string_view op, std::string_view signature,
                   std::string_view supported);
// "'<A> op <B>'" for binary operators, "'OP(<A>, <B>)'" for functions.
std::string binarySignature(std::string_view op, const BoundExpr& left, const BoundExpr& right);
std::string callSignature(std::string_view name, const std::vector<BoundExprPtr>& operands);
bool anyNullable(const std::vector<BoundExprPtr>& operands);
// CURRENT_WATERMARK(rowtime), typed as the rowtime (bind_current_watermark.cc).
Result<BoundExprPtr> bindCurrentWatermark(SourcePosition position, std::vector<BoundExprPtr> args);
// JSON_VALUE, JSON_QUERY, JSON_EXISTS, IS JSON, JSON_STRING, JSON_OBJECT and JSON_ARRAY
// (bind_json_functions.cc); nullopt for other names. `name` is upper case.
std::optional<Result<BoundExprPtr>> bindJsonFunction(const ExpressionBinder& binder, const Expr& call,
                                                     const std::string& name);

// CARDINALITY, ELEMENT and ARRAY_CONTAINS (bind_collections.cc); nullopt for other names.
std::optional<Result<BoundExprPtr>> bindCollectionFunction(std::string_view name, SourcePosition position,
                                                           std::vector<BoundExprPtr>& args);
// Field `name` of a ROW value, typed nullable when the row is (bind_field_access.cc).
Result<BoundExprPtr> getField(BoundExprPtr row, const std::string& name, SourcePosition position);
// Binds an identifier that names a column, possibly table-qualified, or fails.
using ColumnResolver = std::function<Result<BoundExprPtr>(const Expr& identifier)>;
// An identifier as a column (through `resolve_column`) or, failing that, as Calcite reads
// `a.b.c` when `a.b` or `a` is a column: that column's nested fields. Returns the column
// error when no prefix is a column.
Result<BoundExprPtr> bindCompoundIdentifier(const Expr& identifier, const ColumnResolver& resolve_column);

}  // namespace binder
}  // namespace eddy::sql
