#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

FlinkJoinType flinkJoinType(JoinType type) {
  switch (type) {
    case JoinType::kLeft: return FlinkJoinType::kLeft;
    case JoinType::kRight: return FlinkJoinType::kRight;
    case JoinType::kFull: return FlinkJoinType::kFull;
    case JoinType::kComma:
    case JoinType::kInner:
    case JoinType::kCross: break;
  }
  return FlinkJoinType::kInner;
}

int fieldIndex(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

BoundExprPtr ref(const LogicalType& type, int index) {
  return BoundExpr::inputRef(index, type.typeAt(static_cast<size_t>(index)), {});
}

// COALESCE(a, b) as the binder writes it: CASE WHEN a IS NOT NULL THEN a ELSE b END.
BoundExprPtr coalesce(BoundExprPtr a, BoundExprPtr b, const LogicalType& type) {
  std::vector<BoundExprPtr> test;
  test.push_back(binder::copyOf(*a));
  std::vector<BoundExprPtr> operands;
  operands.push_back(BoundExpr::call(BuiltInFunction::kIsNotNull, DataTypes::BOOLEAN().notNull(), std::move(test), {}));
  operands.push_back(binder::castTo(std::move(a), type));
  operands.push_back(binder::castTo(std::move(b), type));
  return BoundExpr::call(BuiltInFunction::kCase, type, std::move(operands), {});
}

}  // namespace

std::vector<std::string> effectiveNames(const Relation& relation) {
  if (relation.names.size() == relation.node->output_type.fieldCount()) return relation.names;
  return relation.node->output_type.fieldNames();
}

Result<Relation> QueryPlanner::planJoin(const TableRef& ref_node) {
  if (ref_node.left->kind == TableRefKind::kTable && ref_node.left->system_time) {
    return InvalidArgument("Temporal table join only support apply FOR SYSTEM_TIME AS OF on the right table.");
  }
  if (ref_node.right->kind == TableRefKind::kTable && ref_node.right->system_time) return planTemporalJoin(ref_node);
  if ((ref_node.right->kind == TableRefKind::kTableFunction && ref_node.right->lateral) ||
      ref_node.right->kind == TableRefKind::kUnnest) {
    return planLateralTable(ref_node);
  }
  EDDY_ASSIGN_OR_RETURN(Relation left, planFrom(*ref_node.left));
  EDDY_ASSIGN_OR_RETURN(Relation right, planFrom(*ref_node.right));
  const FlinkJoinType type = flinkJoinType(ref_node.join_type);
  const LogicalType left_type = left.node->output_type;
  const LogicalType right_type = right.node->output_type;
  const int left_count = static_cast<int>(left_type.fieldCount());

  const std::vector<std::string> left_names = effectiveNames(left);
  const std::vector<std::string> right_names = effectiveNames(right);
  // Identifiers resolve against the inputs' names; the output's own names are made unique.
  std::vector<std::string> original = left_names;
  original.insert(original.end(), right_names.begin(), right_names.end());
  std::vector<std::string> names = original;
  uniquifyNames(names);
  std::vector<std::string> qualifiers = left.qualifiers;
  qualifiers.insert(qualifiers.end(), right.qualifiers.begin(), right.qualifiers.end());
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < left_type.fieldCount(); ++i) fields.push_back(DataTypes::FIELD(names[i], left_type.typeAt(i)));
  for (size_t i = 0; i < right_type.fieldCount(); ++i) {
    fields.push_back(DataTypes::FIELD(names[static_cast<size_t>(left_count) + i], right_type.typeAt(i)));
  }
  auto combined = std::make_unique<PlanNode>(PlanNode::Kind::kJoin);
  combined->output_type = DataTypes::ROW(std::move(fields));

  // USING (a, b) and NATURAL: equality of the named columns, which appear once in the output.
  std::vector<std::string> common = ref_node.using_columns;
  if (ref_node.natural) {
    for (const std::string& name : left_names) {
      if (fieldIndex(right_names, name) >= 0) common.push_back(name);
    }
  }
  BoundExprPtr condition;
  std::vector<std::pair<int, int>> common_fields;
  if (!common.empty()) {
    std::vector<BoundExprPtr> parts;
    for (const std::string& name : common) {
      const int l = fieldIndex(left_names, name);
      const int r = fieldIndex(right_names, name);
      if (l < 0 || r < 0) {
        return validationError(ref_node.position, fmt::format("Column '{}' not found in any table", name));
      }
      common_fields.emplace_back(l, r);
      BoundExprPtr a = ref(left_type, l);
      BoundExprPtr b = BoundExpr::inputRef(left_count + r, right_type.typeAt(static_cast<size_t>(r)), {});
      EDDY_ASSIGN_OR_RETURN(LogicalType common_type, commonTypeOf({a->type, b->type}, ref_node.position));
      if (a->type.copy(true) != common_type.copy(true)) a = binder::castTo(std::move(a), common_type.copy(a->type.isNullable()));
      if (b->type.copy(true) != common_type.copy(true)) b = binder::castTo(std::move(b), common_type.copy(b->type.isNullable()));
      std::vector<BoundExprPtr> operands;
      operands.push_back(std::move(a));
      operands.push_back(std::move(b));
      const bool nullable = binder::anyNullable(operands);
      parts.push_back(BoundExpr::call(BuiltInFunction::kEquals, DataTypes::BOOLEAN().copy(nullable), std::move(operands), {}));
    }
    condition = makeConjunction(std::move(parts));
  } else if (ref_node.condition) {
    Relation scope{std::move(combined), qualifiers, original};
    ExpressionBinder binder = relationBinder(scope);
    EDDY_ASSIGN_OR_RETURN(condition, binder.bind(*ref_node.condition));
    if (condition->type.root() != types::LogicalTypeRoot::BOOLEAN) {
      return validationError(ref_node.condition->position, "JOIN condition must be a condition");
    }
  }

  EDDY_ASSIGN_OR_RETURN(PlanNodePtr join, makeJoin(type, std::move(left.node), std::move(right.node), std::move(condition), names));
  if (common_fields.empty()) return Relation{std::move(join), std::move(qualifiers), std::move(original)};

  // SELECT * of a USING join: the common columns first (COALESCE of both for a FULL join),
  // then the other columns of the left and of the right input, as Calcite expands it.
  const LogicalType& out = join->output_type;
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> projected_names;
  std::vector<std::string> projected_qualifiers;
  for (const auto& [l, r] : common_fields) {
    const int right_field = left_count + r;
    if (type == FlinkJoinType::kFull) {
      EDDY_ASSIGN_OR_RETURN(LogicalType common_type,
                            commonTypeOf({out.typeAt(static_cast<size_t>(l)), out.typeAt(static_cast<size_t>(right_field))},
                                         ref_node.position));
      projections.push_back(coalesce(ref(out, l), ref(out, right_field), common_type.copy(true)));
    } else {
      projections.push_back(ref(out, type == FlinkJoinType::kRight ? right_field : l));
    }
    projected_names.push_back(left_names[static_cast<size_t>(l)]);
    projected_qualifiers.push_back(qualifiers[static_cast<size_t>(l)]);
  }
  for (int f = 0; f < static_cast<int>(out.fieldCount()); ++f) {
    const bool used = std::any_of(common_fields.begin(), common_fields.end(),
                                  [&](const auto& c) { return c.first == f || left_count + c.second == f; });
    if (used) continue;
    projections.push_back(ref(out, f));
    projected_names.push_back(original[static_cast<size_t>(f)]);
    projected_qualifiers.push_back(qualifiers[static_cast<size_t>(f)]);
  }
  std::vector<std::string> unique_names = projected_names;
  uniquifyNames(unique_names);
  PlanNodePtr projected = makeCalc(std::move(join), std::move(projections), nullptr, unique_names);
  return Relation{std::move(projected), std::move(projected_qualifiers), std::move(projected_names)};
}

}  // namespace eddy::sql
