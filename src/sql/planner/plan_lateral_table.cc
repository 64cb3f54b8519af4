// LATERAL TABLE(f(x)) and UNNEST(x) joined to the FROM item on its left: a Correlate node
// (UNNEST calls the built-in UnnestRowsFunction, as Flink's LogicalUnnestRule does).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/udf_call.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/correlate_call.h"
#include "sql/planner/logical_explain_digest.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"
#include "sql/planner/unnest_rows_function.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

bool isLiteralTrue(const Expr& expr) {
  return expr.kind == ExprKind::kLiteral && expr.literal_kind == LiteralKind::kBoolean &&
         (expr.text == "TRUE" || expr.text == "true");
}

// The fields a table function's result type gives: a ROW's fields, else one field named as
// Calcite names the column of a call without alias (SqlValidatorImpl.toStruct): EXPR$0.
std::vector<types::RowField> resultFields(const LogicalType& result) {
  if (result.root() == types::LogicalTypeRoot::ROW) return result.fields();
  return {DataTypes::FIELD("EXPR$0", result)};
}

}  // namespace

Result<Relation> QueryPlanner::planLateralTable(const TableRef& join) {
  const TableRef& function_ref = *join.right;
  const bool left_outer = join.join_type == JoinType::kLeft;
  if (join.join_type == JoinType::kRight || join.join_type == JoinType::kFull) {
    return NotSupported(fmt::format("At line {}, column {}: RIGHT and FULL joins with a LATERAL TABLE",
                                    join.position.line, join.position.column));
  }
  if (left_outer && (!join.condition || !isLiteralTrue(*join.condition))) {
    return validationError(join.condition ? join.condition->position : join.position,
                           "Currently, only literal TRUE is supported as predicate for a left outer join against a "
                           "lateral table.");
  }
  const bool unnest = function_ref.kind == TableRefKind::kUnnest;
  std::shared_ptr<const table::TableFunction> function;
  std::string name = UnnestRowsFunction::kName;
  SourcePosition call_position = function_ref.position;
  const std::vector<ExprPtr>* operands = &function_ref.unnest_args;
  if (unnest) {
    if (function_ref.unnest_args.size() != 1) {
      return NotSupported(fmt::format("At line {}, column {}: UNNEST of {} collections is not supported yet",
                                      function_ref.position.line, function_ref.position.column,
                                      function_ref.unnest_args.size()));
    }
  } else {
    const Expr& call = *function_ref.call;
    if (call.kind != ExprKind::kFunctionCall) {
      return validationError(call.position, "LATERAL TABLE expects a call of a table function");
    }
    name = call.names.back();
    call_position = call.position;
    operands = &call.operands;
    const table::UserDefinedFunction* found = lookupUserFunction(name);
    const auto* udtf = found ? std::get_if<std::shared_ptr<const table::TableFunction>>(found) : nullptr;
    if (udtf == nullptr) {
      return validationError(call.position, fmt::format("No match found for function signature {}(...)", name));
    }
    function = *udtf;
  }

  EDDY_ASSIGN_OR_RETURN(Relation left, planFrom(*join.left));
  ExpressionBinder binder = relationBinder(left);
  auto correlate = std::make_shared<CorrelateCall>();
  for (const ExprPtr& operand : *operands) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*operand));
    correlate->arguments.push_back(std::move(bound));
  }
  if (unnest) {
    Result<UnnestRowsFunction> unnest_rows =
        UnnestRowsFunction::create(correlate->arguments[0]->type, function_ref.with_ordinality);
    if (!unnest_rows.ok()) return validationError(function_ref.unnest_args[0]->position, unnest_rows.status().message());
    function = std::make_shared<const UnnestRowsFunction>(std::move(unnest_rows).value());
  }
  const std::vector<table::FunctionSignature> signatures = function->signatures();
  EDDY_ASSIGN_OR_RETURN(correlate->signature, chooseSignature(signatures, name, call_position, correlate->arguments));
  correlate->name = name;
  correlate->function = function;
  correlate->left_outer = left_outer;

  const std::vector<types::RowField> produced = resultFields(signatures[correlate->signature].result);
  if (!function_ref.column_aliases.empty() && function_ref.column_aliases.size() != produced.size()) {
    return validationError(function_ref.position,
                           fmt::format("List of column aliases must have same degree as table; table has {} columns, "
                                       "whereas alias list has {} columns",
                                       produced.size(), function_ref.column_aliases.size()));
  }

  // As in Calcite, the Correlate's fields keep the function's names; AS T(a, b) renames them
  // only for the identifiers and the * of the enclosing query (a Calc renames them there).
  const LogicalType& left_type = left.node->output_type;
  std::vector<std::string> original = effectiveNames(left);
  std::vector<std::string> names = original;
  for (size_t i = 0; i < produced.size(); ++i) {
    names.push_back(produced[i].name);
    original.push_back(function_ref.column_aliases.empty() ? produced[i].name : function_ref.column_aliases[i]);
  }
  uniquifyNames(names);
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < left_type.fieldCount(); ++i) fields.push_back(DataTypes::FIELD(names[i], left_type.typeAt(i)));
  for (size_t i = 0; i < produced.size(); ++i) {
    fields.push_back(DataTypes::FIELD(names[left_type.fieldCount() + i],
                                      left_outer ? produced[i].type.nullable() : produced[i].type));
  }
  std::vector<std::string> qualifiers = left.qualifiers;
  qualifiers.resize(fields.size(), function_ref.alias.value_or(""));

  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kCorrelate);
  node->output_type = DataTypes::ROW(std::move(fields));
  node->rowtime_field = left.node->rowtime_field;
  node->correlate = std::move(correlate);
  node->inputs.push_back(std::move(left.node));
  Relation out{std::move(node), std::move(qualifiers), std::move(original)};

  // [INNER] JOIN LATERAL TABLE(...) ON cond: the condition filters the joined rows.
  if (join.condition && !isLiteralTrue(*join.condition)) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr condition, relationBinder(out).bind(*join.condition));
    if (condition->type.root() != types::LogicalTypeRoot::BOOLEAN) {
      return validationError(join.condition->position, "JOIN condition must be a condition");
    }
    std::vector<BoundExprPtr> projections;
    const LogicalType& type = out.node->output_type;
    for (size_t i = 0; i < type.fieldCount(); ++i) {
      projections.push_back(BoundExpr::inputRef(static_cast<int>(i), type.typeAt(i), {}));
    }
    const std::vector<std::string> field_names = type.fieldNames();
    out.node = makeCalc(std::move(out.node), std::move(projections), std::move(condition), field_names);
  }
  return out;
}

std::string describeCorrelate(const PlanNode& node) {
  const CorrelateCall& call = *node.correlate;
  std::vector<std::string> correlated;
  std::map<int, std::string> correlated_refs;
  for (const types::RowField& field : node.inputs[0]->output_type.fields()) {
    correlated_refs.emplace(static_cast<int>(correlated.size()), "$cor0." + field.name);
    correlated.push_back("$cor0." + field.name);
  }
  // The invocation is the call's RexNode digest; the correlate term joins the arguments with
  // "," (Flink's RelExplainUtil.correlateToString).
  std::vector<std::string> digests;
  std::vector<std::string> arguments;
  for (const BoundExprPtr& argument : call.arguments) {
    digests.push_back(rexDigest(*argument, correlated_refs));
    arguments.push_back(exprToString(*argument, correlated));
  }
  const std::string invocation = fmt::format("{}({})", call.name, fmt::join(digests, ", "));
  const std::string correlate = fmt::format("{}({})", call.name, fmt::join(arguments, ","));
  std::vector<std::string> row_type;
  for (const types::RowField& field : node.output_type.fields()) {
    row_type.push_back(type_rules::calciteTypeName(field.type) + " " + field.name);
  }
  return fmt::format("Correlate(invocation=[{}], correlate=[table({})], select=[{}], rowType=[RecordType({})], "
                     "joinType=[{}])",
                     invocation, correlate, fmt::join(node.output_type.fieldNames(), ","), fmt::join(row_type, ", "),
                     call.left_outer ? "LEFT" : "INNER");
}

}  // namespace eddy::sql
