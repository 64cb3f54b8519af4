// LATERAL TABLE(f(x)), UNNEST(x) and `FOR SYSTEM_TIME AS OF` joined to the FROM item on
// their left, drawn as Calcite's SqlToRelConverter converts them: a LogicalCorrelate whose
// right input reads the left row's fields as `$cor0.<name>`, with the join condition pushed
// into a LogicalFilter over the right input; a LogicalJoin when the right input reads no
// field of the left (a table function of constants).
#include <fmt/format.h>

#include <set>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/udf_call.h"
#include "sql/planner/logical_explain_digest.h"
#include "sql/planner/logical_explain_rel.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;

namespace {

void collectInputRefs(const BoundExpr& expr, std::set<int>& out) {
  if (expr.kind == BoundExpr::Kind::kInputRef) out.insert(expr.input_index);
  for (const BoundExprPtr& operand : expr.operands) collectInputRefs(*operand, out);
}

// Calcite's name of an UNNEST argument's column: a column keeps its name, others EXPR$<i>.
std::string unnestArgumentName(const Expr& argument, size_t index) {
  if (argument.kind == ExprKind::kIdentifier && !argument.names.empty()) return argument.names.back();
  return "EXPR$" + std::to_string(index);
}

// Calcite's Uncollect row type: a ROW element's fields, KEY and VALUE of a MAP, EXPR$<i> for
// other elements, then ORDINALITY.
Result<std::vector<types::RowField>> uncollectFields(const std::vector<LogicalType>& collections,
                                                     bool with_ordinality) {
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < collections.size(); ++i) {
    const LogicalType& type = collections[i];
    if (type.root() == LogicalTypeRoot::MAP) {
      fields.push_back(DataTypes::FIELD("KEY", type.keyType()));
      fields.push_back(DataTypes::FIELD("VALUE", type.valueType()));
      continue;
    }
    if (type.root() != LogicalTypeRoot::ARRAY && type.root() != LogicalTypeRoot::MULTISET) {
      return InvalidArgument("UNNEST expects an ARRAY, MULTISET or MAP, but got " + type.asSummaryString());
    }
    const LogicalType& element = type.elementType();
    if (element.root() == LogicalTypeRoot::ROW) {
      for (const types::RowField& field : element.fields()) fields.push_back(field);
    } else {
      fields.push_back(DataTypes::FIELD("EXPR$" + std::to_string(i), element));
    }
  }
  if (with_ordinality) fields.push_back(DataTypes::FIELD("ORDINALITY", DataTypes::INT().notNull()));
  return fields;
}

Status checkAliasDegree(const TableRef& ref, size_t columns) {
  if (ref.column_aliases.size() == columns) return Status::OK();
  return InvalidArgument(fmt::format("List of column aliases must have same degree as table; table has {} columns, "
                                     "whereas alias list has {} columns",
                                     columns, ref.column_aliases.size()));
}

bool isWindowFunction(const TableRef& ref) {
  if (ref.kind != TableRefKind::kTableFunction || !ref.call || ref.call->names.empty()) return false;
  const std::string name = upperCase(ref.call->names.back());
  return name == "TUMBLE" || name == "HOP" || name == "CUMULATE" || name == "SESSION";
}

}  // namespace

bool isCorrelatedJoin(const TableRef& join) {
  const TableRef& right = *join.right;
  return (right.kind == TableRefKind::kTableFunction && !isWindowFunction(right)) ||
         right.kind == TableRefKind::kUnnest || (right.kind == TableRefKind::kTable && right.system_time);
}

Result<LogicalRel> LogicalRelBuilder::correlate(const TableRef& ref) {
  if (ref.join_type == JoinType::kRight || ref.join_type == JoinType::kFull) {
    return NotSupported("RIGHT and FULL correlated joins in the abstract syntax tree");
  }
  EDDY_ASSIGN_OR_RETURN(LogicalRel left, from(*ref.left));
  const size_t left_count = left.row_type.fieldCount();
  std::map<int, std::string> correlated;
  for (size_t i = 0; i < left_count; ++i) {
    correlated[static_cast<int>(i)] = "$cor0." + left.row_type.fields()[i].name;
  }
  std::set<int> required;
  const TableRef& right_ref = *ref.right;
  LogicalRel right;
  switch (right_ref.kind) {
    case TableRefKind::kUnnest: {
      EDDY_ASSIGN_OR_RETURN(right, unnest(right_ref, left, correlated, required));
      break;
    }
    case TableRefKind::kTableFunction: {
      EDDY_ASSIGN_OR_RETURN(right, tableFunctionScan(right_ref, left, correlated, required));
      break;
    }
    default: {
      EDDY_ASSIGN_OR_RETURN(right, namedTable(right_ref));
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr period, bind(*right_ref.system_time, left));
      collectInputRefs(*period, required);
      right.node = logicalNode("LogicalSnapshot(period=[" + rexDigest(*period, correlated) + "])", std::move(right.node));
      break;
    }
  }
  if (right_ref.alias) right.qualifiers.assign(right.names.size(), *right_ref.alias);

  const bool left_outer = ref.join_type == JoinType::kLeft;
  LogicalRel out = joinedRow(left, right, left_outer);

  // Calcite correlates only when the right input reads the left row; the ON condition then
  // filters the right input, the left's fields correlated and the right's at their own indices.
  const bool is_correlated = !required.empty();
  std::string condition = "true";
  if (ref.condition) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*ref.condition, out));
    std::set<int> used;
    collectInputRefs(*bound, used);
    std::map<int, std::string> shifted = correlated;
    for (int index : used) {
      if (index >= static_cast<int>(left_count)) {
        shifted[index] = "$" + std::to_string(index - static_cast<int>(left_count));
      } else if (is_correlated) {
        required.insert(index);
      }
    }
    condition = is_correlated ? rexDigest(*bound, shifted) : rexDigest(*bound);
  }
  const char* join_type = left_outer ? "left" : "inner";
  if (!is_correlated) {
    out.node = logicalNode(fmt::format("LogicalJoin(condition=[{}], joinType=[{}])", condition, join_type));
  } else {
    if (condition != "true") right = logicalFilter(std::move(right), condition);
    out.node = logicalNode(fmt::format("LogicalCorrelate(correlation=[$cor0], joinType=[{}], requiredColumns=[{{{}}}])",
                                       join_type, fmt::join(required, ", ")));
  }
  out.node->inputs.push_back(std::move(left.node));
  out.node->inputs.push_back(std::move(right.node));
  return out;
}

// Calcite's UNNEST: Uncollect over a projection of the collections from one empty row,
// renamed by a projection when the query names the columns (AS t(a, b)).
Result<LogicalRel> LogicalRelBuilder::unnest(const TableRef& ref, const LogicalRel& left,
                                             const std::map<int, std::string>& correlated, std::set<int>& required) {
  std::vector<std::string> items;
  std::vector<LogicalType> collections;
  for (size_t i = 0; i < ref.unnest_args.size(); ++i) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*ref.unnest_args[i], left));
    collectInputRefs(*bound, required);
    items.push_back(unnestArgumentName(*ref.unnest_args[i], i) + "=[" + rexDigest(*bound, correlated) + "]");
    collections.push_back(bound->type);
  }
  EDDY_ASSIGN_OR_RETURN(std::vector<types::RowField> fields, uncollectFields(collections, ref.with_ordinality));
  LogicalRel rel;
  rel.node = logicalNode(ref.with_ordinality ? "Uncollect(withOrdinality=[true])" : "Uncollect",
                         logicalNode(fmt::format("LogicalProject({})", fmt::join(items, ", ")),
                                     logicalNode("LogicalValues(tuples=[[{ 0 }]])")));
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  for (const types::RowField& field : fields) {
    names.push_back(field.name);
    types.push_back(field.type);
  }
  rel.row_type = DataTypes::ROW(std::move(fields));
  rel.names = names;
  rel.qualifiers.assign(names.size(), "");
  if (ref.column_aliases.empty() || ref.column_aliases == names) return rel;
  EDDY_RETURN_IF_ERROR(checkAliasDegree(ref, names.size()));
  std::vector<std::string> exprs;
  for (size_t i = 0; i < names.size(); ++i) exprs.push_back("$" + std::to_string(i));
  return logicalProject(std::move(rel), exprs, types, ref.column_aliases);
}

// LATERAL TABLE(f(x)): LogicalTableFunctionScan of the call. A ROW result is Calcite's
// peek_no_expand record of its fields, any other result one field EXPR$0; AS t(a, b)
// renames the fields without a node.
Result<LogicalRel> LogicalRelBuilder::tableFunctionScan(const TableRef& ref, const LogicalRel& left,
                                                        const std::map<int, std::string>& correlated,
                                                        std::set<int>& required) {
  const Expr& call = *ref.call;
  if (call.kind != ExprKind::kFunctionCall || call.names.empty()) {
    return InvalidArgument("LATERAL TABLE expects a call of a table function");
  }
  const std::string& name = call.names.back();
  const table::UserDefinedFunction* found = lookupUserFunction(name);
  const auto* function = found ? std::get_if<std::shared_ptr<const table::TableFunction>>(found) : nullptr;
  if (function == nullptr) return InvalidArgument(fmt::format("No match found for function signature {}(...)", name));
  std::vector<BoundExprPtr> arguments;
  std::vector<std::string> digests;
  for (const ExprPtr& operand : call.operands) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, bind(*operand, left));
    collectInputRefs(*bound, required);
    digests.push_back(rexDigest(*bound, correlated));
    arguments.push_back(std::move(bound));
  }
  const std::vector<table::FunctionSignature> signatures = (*function)->signatures();
  EDDY_ASSIGN_OR_RETURN(size_t signature, chooseSignature(signatures, name, call.position, arguments));
  const LogicalType& result = signatures[signature].result;
  LogicalRel rel;
  std::string row_type;
  if (result.root() == LogicalTypeRoot::ROW) {
    rel.row_type = result;
    row_type = "RecordType:peek_no_expand" + calciteRecordType(result).substr(std::string_view("RecordType").size());
  } else {
    rel.row_type = DataTypes::ROW({DataTypes::FIELD("EXPR$0", result)});
    row_type = calciteRecordType(rel.row_type);
  }
  rel.node = logicalNode(fmt::format("LogicalTableFunctionScan(invocation=[{}({})], rowType=[{}])", name,
                                     fmt::join(digests, ", "), row_type));
  if (!ref.column_aliases.empty()) {
    EDDY_RETURN_IF_ERROR(checkAliasDegree(ref, rel.row_type.fieldCount()));
    std::vector<types::RowField> fields = rel.row_type.fields();
    for (size_t i = 0; i < fields.size(); ++i) fields[i].name = ref.column_aliases[i];
    rel.row_type = DataTypes::ROW(std::move(fields));
  }
  rel.names = rel.row_type.fieldNames();
  rel.qualifiers.assign(rel.names.size(), "");
  return rel;
}

}  // namespace eddy::sql
