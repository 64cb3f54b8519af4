// `l JOIN r FOR SYSTEM_TIME AS OF l.t ON ...`: an event-time temporal join against a
// versioned table (primary key and rowtime), or at processing time a lookup join against a
// LookupTableSource (plan_lookup_join.h), with Flink's refusals for what it does not run.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"
#include "sql/planner/plan_lookup_join.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::TimestampKind;

Result<Relation> QueryPlanner::planTemporalJoin(const TableRef& ref) {
  const TableRef& versioned = *ref.right;
  if (ref.join_type != JoinType::kInner && ref.join_type != JoinType::kLeft) {
    return InvalidArgument("Temporal table join currently only support INNER JOIN and LEFT JOIN, but was " +
                           std::string(joinTypeName(ref.join_type == JoinType::kRight  ? FlinkJoinType::kRight
                                                    : ref.join_type == JoinType::kFull ? FlinkJoinType::kFull
                                                                                       : FlinkJoinType::kInner)));
  }
  EDDY_ASSIGN_OR_RETURN(Relation left, planFrom(*ref.left));
  bool proctime = false;
  {
    ExpressionBinder binder = relationBinder(left);
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr period, binder.bind(*versioned.system_time));
    const bool field = period->kind == BoundExpr::Kind::kInputRef;
    proctime = field && period->type.timestampKind() == TimestampKind::PROCTIME;
    if (!proctime && (!field || period->input_index != left.node->rowtime_field)) {
      return InvalidArgument(
          "Temporal table join currently only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field");
    }
  }
  EDDY_ASSIGN_OR_RETURN(ObjectIdentifier identifier, catalogs_.qualifyIdentifier(versioned.names));
  std::optional<ContextResolvedTable> resolved = catalogs_.getTable(identifier);
  if (!resolved) {
    return validationError(versioned.position, fmt::format("Object '{}' not found", fmt::join(versioned.names, ".")));
  }
  const auto* table = std::get_if<CatalogTable>(resolved->table);
  if (!table) return NotSupported("FOR SYSTEM_TIME AS OF on a view is not supported yet");
  if (proctime) {
    // Flink's LookupJoinRule: only a LookupTableSource can be joined at processing time.
    std::vector<types::RowField> physical;
    for (const CatalogColumn& column : table->columns) {
      if (column.kind == CatalogColumn::Kind::kPhysical) physical.push_back(DataTypes::FIELD(column.name, column.type));
    }
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<ScanTableSource> source,
                          createTableSource(identifier, *table, DataTypes::ROW(physical)));
    const auto* lookup = dynamic_cast<const LookupTableSource*>(source.get());
    if (!lookup) return NotSupported("Processing-time temporal join is not supported yet.");
    const FlinkJoinType type = ref.join_type == JoinType::kLeft ? FlinkJoinType::kLeft : FlinkJoinType::kInner;
    return planLookupJoin(type, std::move(left), identifier, *table, *lookup,
                          versioned.alias.value_or(versioned.names.back()), ref.condition.get());
  }
  EDDY_ASSIGN_OR_RETURN(Relation right,
                        planCatalogTable(identifier, *table, versioned.alias.value_or(versioned.names.back()), false));
  if (!table->primary_key) {
    return InvalidArgument("Temporal Table Join requires primary key in versioned table, but no primary key can be found.");
  }
  if (right.node->rowtime_field < 0) {
    return InvalidArgument("Event-Time Temporal Table Join requires both primary key and row time attribute in versioned "
                           "table, but no row time attribute can be found.");
  }

  const LogicalType left_type = left.node->output_type;
  const LogicalType right_type = right.node->output_type;
  std::vector<std::string> original = effectiveNames(left);
  for (const std::string& name : effectiveNames(right)) original.push_back(name);
  std::vector<std::string> names = original;
  uniquifyNames(names);
  std::vector<std::string> qualifiers = left.qualifiers;
  qualifiers.insert(qualifiers.end(), right.qualifiers.begin(), right.qualifiers.end());
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < left_type.fieldCount(); ++i) fields.push_back(DataTypes::FIELD(names[i], left_type.typeAt(i)));
  for (size_t i = 0; i < right_type.fieldCount(); ++i) {
    fields.push_back(DataTypes::FIELD(names[left_type.fieldCount() + i], right_type.typeAt(i)));
  }
  auto combined = std::make_unique<PlanNode>(PlanNode::Kind::kJoin);
  combined->output_type = DataTypes::ROW(std::move(fields));
  BoundExprPtr condition;
  if (ref.condition) {
    Relation scope{std::move(combined), qualifiers, original};
    ExpressionBinder binder = relationBinder(scope);
    EDDY_ASSIGN_OR_RETURN(condition, binder.bind(*ref.condition));
  }
  const TemporalJoinTimes times{left.node->rowtime_field, right.node->rowtime_field};
  const FlinkJoinType type = ref.join_type == JoinType::kLeft ? FlinkJoinType::kLeft : FlinkJoinType::kInner;
  EDDY_ASSIGN_OR_RETURN(PlanNodePtr join, makeJoin(type, std::move(left.node), std::move(right.node),
                                                   std::move(condition), names, times));
  // The versioned table is looked up by its primary key: every key column must be compared.
  for (const std::string& column : table->primary_key->columns) {
    int field = -1;
    for (size_t i = 0; i < right_type.fieldCount(); ++i) {
      if (right_type.fields()[i].name == column) field = static_cast<int>(i);
    }
    const std::vector<int>& keys = join->join.right_keys;
    if (std::find(keys.begin(), keys.end(), field) == keys.end()) {
      return InvalidArgument(fmt::format("Temporal table's primary key [{}] must be included in the equivalence condition "
                                         "of temporal join, but current temporal join condition is [{}].",
                                         fmt::join(table->primary_key->columns, ", "),
                                         describeJoin(*join)));
    }
  }
  return Relation{std::move(join), std::move(qualifiers), std::move(original)};
}

}  // namespace eddy::sql
