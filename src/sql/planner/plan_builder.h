#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/expression/expression_binder.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// Builds plan nodes with the rules every part of the planner shares. Stateless functions.

// A Calc over `input` computing `projections` (named `names`) where `condition` holds
// (null for none). A Calc over a Calc fuses into one (the projections of the lower are
// inlined), and a Calc that projects every field unchanged disappears. The rowtime
// attribute stays with a field that forwards it.
PlanNodePtr makeCalc(PlanNodePtr input, std::vector<BoundExprPtr> projections, BoundExprPtr condition,
                     const std::vector<std::string>& names);

// A hash Exchange of `input` on `keys` (an empty list: everything to one subtask).
PlanNodePtr makeExchange(PlanNodePtr input, std::vector<int> keys);

// `expr` with every input reference i replaced by a copy of definitions[i].
BoundExprPtr inlineInputRefs(const BoundExpr& expr, const std::vector<BoundExprPtr>& definitions);

// A binder over `relation` that resolves `t`.`a` through the relation's qualifiers, and
// reports ambiguous and unknown columns and tables in Calcite's words.
ExpressionBinder relationBinder(const Relation& relation, ExpressionBinder::NodeResolver extra = nullptr);

// Resolves an identifier against the relation: the field index, or Calcite's error.
Result<int> resolveField(const Relation& relation, const Expr& identifier);

// Calcite's default alias of the i-th SELECT item without one: the column name of an
// identifier, else "EXPR$i".
std::string defaultAlias(const Expr& expr, size_t index);

// Evaluates a bound expression without input references (a literal, `INTERVAL '5' MINUTE`).
Result<types::Value> evaluateConstant(const BoundExpr& expr);

// True when `expr` calls an aggregate function (COUNT, SUM, ...) outside a subquery.
bool containsAggregateCall(const Expr& expr);
// The aggregate functions Eddy knows by name (upper case), whether it runs them or not.
bool isAggregateFunctionName(const std::string& upper_name);

// Makes output names unique as Calcite does: a repeated name gets a suffix "0", "1", ...
void uniquifyNames(std::vector<std::string>& names);

// The least restrictive type of `types` (Calcite's leastRestrictive), or Calcite's error.
Result<types::LogicalType> commonTypeOf(const std::vector<types::LogicalType>& types, SourcePosition position);

// A table's options as Flink prints them in errors, one "'key'='value'" a line, sorted,
// sensitive values (password, secret, ...) as ******.
std::string printOptions(const std::map<std::string, std::string>& options);

// `query` cast to the sink's physical row type where Flink casts implicitly; otherwise
// Flink's "Column types of query result and sink for '<table>' do not match." with the
// cause and both schemas. Strings keep their length unless `trim_pad`
// ('table.exec.sink.type-length-enforcer' = 'TRIM_PAD'; Flink's default IGNORE passes a
// string longer than its sink column's length as it is).
Result<PlanNodePtr> castToSinkType(PlanNodePtr query, const types::LogicalType& sink_type,
                                   const ObjectIdentifier& sink, bool trim_pad);

// The digest of an expression with field names, as Flink prints it in plans: "+(b, 1)".
std::string exprToString(const BoundExpr& expr, const std::vector<std::string>& field_names);

}  // namespace eddy::sql
