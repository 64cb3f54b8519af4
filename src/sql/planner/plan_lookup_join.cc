#include "sql/planner/plan_lookup_join.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

// True when `expr` reads no field at or after `left_count` (constants included).
bool readsLeftOnly(const BoundExpr& expr, int left_count) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return expr.input_index < left_count;
  for (const BoundExprPtr& operand : expr.operands) {
    if (!readsLeftOnly(*operand, left_count)) return false;
  }
  return true;
}

// `left expression = right field`, either way round: the index of the right field (counted
// from the first right field) and the left operand, moved out of `part`; -1 otherwise.
int lookupKeyOf(BoundExpr& part, int left_count, BoundExprPtr& left_operand) {
  if (part.kind != BoundExpr::Kind::kCall || part.function != BuiltInFunction::kEquals) return -1;
  for (int side = 0; side < 2; ++side) {
    BoundExprPtr& right = part.operands[static_cast<size_t>(side)];
    BoundExprPtr& other = part.operands[static_cast<size_t>(1 - side)];
    if (right->kind == BoundExpr::Kind::kInputRef && right->input_index >= left_count &&
        readsLeftOnly(*other, left_count)) {
      left_operand = std::move(other);
      return right->input_index - left_count;
    }
  }
  return -1;
}

}  // namespace

Result<Relation> planLookupJoin(FlinkJoinType type, Relation left, const ObjectIdentifier& identifier,
                                const CatalogTable& table, const LookupTableSource& source,
                                const std::string& qualifier, const Expr* condition) {
  std::vector<types::RowField> physical;
  for (const CatalogColumn& column : table.columns) {
    if (column.kind != CatalogColumn::Kind::kPhysical) {
      return NotSupported("a lookup join against a table with computed or metadata columns is not supported yet");
    }
    physical.push_back(DataTypes::FIELD(column.name, column.type));
  }
  const LogicalType table_type = DataTypes::ROW(physical);
  const LogicalType left_type = left.node->output_type;
  const int left_count = static_cast<int>(left_type.fieldCount());

  std::vector<std::string> original = effectiveNames(left);
  for (const types::RowField& field : physical) original.push_back(field.name);
  std::vector<std::string> names = original;
  uniquifyNames(names);
  std::vector<std::string> qualifiers = left.qualifiers;
  qualifiers.resize(static_cast<size_t>(left_count));
  qualifiers.insert(qualifiers.end(), physical.size(), qualifier);

  std::vector<types::RowField> fields;
  for (int i = 0; i < left_count; ++i) fields.push_back(DataTypes::FIELD(names[static_cast<size_t>(i)], left_type.typeAt(static_cast<size_t>(i))));
  for (size_t i = 0; i < physical.size(); ++i) {
    const LogicalType column = type == FlinkJoinType::kLeft ? physical[i].type.copy(true) : physical[i].type;
    fields.push_back(DataTypes::FIELD(names[static_cast<size_t>(left_count) + i], column));
  }
  const LogicalType output_type = DataTypes::ROW(std::move(fields));

  BoundExprPtr bound;
  if (condition) {
    auto scope_node = std::make_unique<PlanNode>(PlanNode::Kind::kLookupJoin);
    scope_node->output_type = output_type;
    Relation scope{std::move(scope_node), qualifiers, original};
    ExpressionBinder binder = relationBinder(scope);
    EDDY_ASSIGN_OR_RETURN(bound, binder.bind(*condition));
  }

  auto spec = std::make_shared<LookupJoinSpec>();
  spec->table = identifier;
  spec->table_type = table_type;
  spec->join_type = type;
  spec->input_field_count = static_cast<size_t>(left_count);
  // The left side's key expressions; plain fields of the column's type are used as they are.
  std::vector<BoundExprPtr> computed;
  std::vector<BoundExprPtr> residual;
  for (BoundExprPtr& part : splitConjunction(std::move(bound))) {
    BoundExprPtr key;
    const int column = lookupKeyOf(*part, left_count, key);
    if (column < 0) {
      residual.push_back(std::move(part));
      continue;
    }
    const LogicalType& column_type = table_type.typeAt(static_cast<size_t>(column));
    spec->table_keys.push_back(column);
    if (key->kind == BoundExpr::Kind::kInputRef && key->type.copy(true) == column_type.copy(true)) {
      spec->input_keys.push_back(key->input_index);
      continue;
    }
    spec->input_keys.push_back(left_count + static_cast<int>(computed.size()));
    const LogicalType key_type = column_type.copy(key->type.isNullable());
    computed.push_back(binder::castTo(std::move(key), key_type));
  }
  if (spec->table_keys.empty()) {
    return InvalidArgument(fmt::format("Temporal table join requires an equality condition on fields of table [{}].",
                                       identifier.asSummaryString()));
  }
  spec->condition = makeConjunction(std::move(residual));
  EDDY_ASSIGN_OR_RETURN(spec->provider, source.getLookupRuntimeProvider(LookupContext{spec->table_keys}));

  PlanNodePtr input = std::move(left.node);
  if (!computed.empty()) {
    std::vector<BoundExprPtr> projections;
    std::vector<std::string> input_names = input->fieldNames();
    for (int i = 0; i < left_count; ++i) {
      projections.push_back(BoundExpr::inputRef(i, left_type.typeAt(static_cast<size_t>(i)), {}));
    }
    for (BoundExprPtr& key : computed) {
      input_names.push_back("$f" + std::to_string(projections.size()));
      projections.push_back(std::move(key));
    }
    input = makeCalc(std::move(input), std::move(projections), nullptr, input_names);
  }
  auto join = std::make_unique<PlanNode>(PlanNode::Kind::kLookupJoin);
  join->output_type = output_type;
  join->rowtime_field = input->rowtime_field;
  join->lookup = std::move(spec);
  join->inputs.push_back(std::move(input));
  return Relation{std::move(join), std::move(qualifiers), std::move(original)};
}

std::string describeLookupJoin(const PlanNode& node) {
  const LookupJoinSpec& spec = *node.lookup;
  const std::vector<std::string> input_names = node.inputs[0]->fieldNames();
  std::vector<std::string> keys;
  for (size_t k = 0; k < spec.table_keys.size(); ++k) {
    keys.push_back(spec.table_type.fields()[static_cast<size_t>(spec.table_keys[k])].name + "=" +
                   input_names[static_cast<size_t>(spec.input_keys[k])]);
  }
  std::string out = fmt::format("LookupJoin(table=[{}], joinType=[{}], lookup=[{}], ", spec.table.asSummaryString(),
                                joinTypeName(spec.join_type), fmt::join(keys, ", "));
  if (spec.condition) out += "joinCondition=[" + exprToString(*spec.condition, node.fieldNames()) + "], ";
  return out + fmt::format("select=[{}])", fmt::join(node.fieldNames(), ", "));
}

}  // namespace eddy::sql
