#include "sql/planner/push_filter_into_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/plan_join.h"

namespace eddy::sql {

namespace {

using types::DataTypes;

// Above this many conjuncts an OR is not distributed (Flink bounds CNF the same way with
// 'table.optimizer.cnf-nodes-limit'; an unbounded expansion is exponential).
constexpr size_t kMaxCnfConjuncts = 64;

// Flink's 'partition.default-name': the directory value of a NULL partition value.
constexpr const char* kDefaultPartitionName = "__DEFAULT_PARTITION__";

bool isCall(const BoundExpr& expr, BuiltInFunction function) {
  return expr.kind == BoundExpr::Kind::kCall && expr.function == function;
}

// OR(left, right), as CNF distributes it.
BoundExprPtr disjunction(BoundExprPtr left, BoundExprPtr right) {
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(left));
  operands.push_back(std::move(right));
  const bool nullable = binder::anyNullable(operands);
  return BoundExpr::call(BuiltInFunction::kOr, DataTypes::BOOLEAN().copy(nullable), std::move(operands), {});
}

void appendCnf(const BoundExpr& expr, std::vector<BoundExprPtr>& out) {
  if (isCall(expr, BuiltInFunction::kAnd)) {
    for (const BoundExprPtr& operand : expr.operands) appendCnf(*operand, out);
    return;
  }
  if (isCall(expr, BuiltInFunction::kOr)) {
    // (a1 AND a2) OR b == (a1 OR b) AND (a2 OR b), operand by operand.
    std::vector<BoundExprPtr> product;
    product.push_back(nullptr);
    for (const BoundExprPtr& operand : expr.operands) {
      std::vector<BoundExprPtr> conjuncts;
      appendCnf(*operand, conjuncts);
      if (product.size() * conjuncts.size() > kMaxCnfConjuncts) {
        out.push_back(binder::copyOf(expr));
        return;
      }
      std::vector<BoundExprPtr> next;
      for (const BoundExprPtr& left : product) {
        for (const BoundExprPtr& right : conjuncts) {
          if (!left) {
            next.push_back(binder::copyOf(*right));
            continue;
          }
          next.push_back(disjunction(binder::copyOf(*left), binder::copyOf(*right)));
        }
      }
      product = std::move(next);
    }
    for (BoundExprPtr& conjunct : product) out.push_back(std::move(conjunct));
    return;
  }
  out.push_back(binder::copyOf(expr));
}

// True when every input reference of `expr` is below `limit` (a physical field).
bool readsOnlyBelow(const BoundExpr& expr, int limit) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return expr.input_index < limit;
  return std::all_of(expr.operands.begin(), expr.operands.end(),
                     [&](const BoundExprPtr& operand) { return readsOnlyBelow(*operand, limit); });
}

bool readsOnly(const BoundExpr& expr, const std::vector<bool>& fields) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return fields[static_cast<size_t>(expr.input_index)];
  return std::all_of(expr.operands.begin(), expr.operands.end(),
                     [&](const BoundExprPtr& operand) { return readsOnly(*operand, fields); });
}

// False for what depends on when or where it runs (PROCTIME(), CURRENT_WATERMARK,
// UNIX_TIMESTAMP(), a user-defined function): partitions are pruned once, while planning.
bool evaluableWhilePlanning(const BoundExpr& expr) {
  if (expr.kind == BoundExpr::Kind::kCall) {
    switch (expr.function) {
      case BuiltInFunction::kProctime:
      case BuiltInFunction::kCurrentWatermark:
      case BuiltInFunction::kUserDefinedScalar:
        return false;
      case BuiltInFunction::kUnixTimestamp:
        if (expr.operands.empty()) return false;
        break;
      default:
        break;
    }
  }
  return std::all_of(expr.operands.begin(), expr.operands.end(),
                     [](const BoundExprPtr& operand) { return evaluableWhilePlanning(*operand); });
}

bool readsAnyField(const BoundExpr& expr) {
  return expr.kind == BoundExpr::Kind::kInputRef ||
         std::any_of(expr.operands.begin(), expr.operands.end(),
                     [](const BoundExprPtr& operand) { return readsAnyField(*operand); });
}

// "{dt=2024-01-01, hr=10}" as Flink prints a partition spec.
std::string partitionToString(const PartitionSpec& partition) {
  std::vector<std::string> entries;
  for (const auto& [key, value] : partition) entries.push_back(key + "=" + value);
  return fmt::format("{{{}}}", fmt::join(entries, ", "));
}

// The partitions of `partitions` for which `predicate` (over the physical row) is true;
// the partition values are cast from their text to the columns' types, the other columns
// are NULL (Flink's PartitionPruner).
Result<std::vector<PartitionSpec>> prunePartitions(const std::vector<PartitionSpec>& partitions,
                                                   const types::LogicalType& physical_type, BoundExprPtr predicate) {
  std::vector<types::RowField> text_fields;
  for (const types::RowField& field : physical_type.fields()) {
    text_fields.push_back(DataTypes::FIELD(field.name, DataTypes::STRING()));
  }
  types::ColumnBatch text(DataTypes::ROW(std::move(text_fields)));
  for (const PartitionSpec& partition : partitions) {
    for (size_t c = 0; c < physical_type.fieldCount(); ++c) {
      auto value = std::find_if(partition.begin(), partition.end(),
                                [&](const auto& entry) { return entry.first == physical_type.fields()[c].name; });
      if (value == partition.end() || value->second == kDefaultPartitionName) {
        text.column(c).appendNull();
      } else {
        text.column(c).appendString(value->second);
      }
    }
    text.appendRowKind(types::RowKind::INSERT);
  }
  types::ColumnBatch typed(physical_type.copy(true));
  for (size_t c = 0; c < physical_type.fieldCount(); ++c) {
    const types::LogicalType type = physical_type.typeAt(c).copy(true);
    ExpressionEvaluator cast(binder::castTo(BoundExpr::inputRef(static_cast<int>(c), DataTypes::STRING(), {}), type));
    EDDY_RETURN_IF_ERROR(cast.evaluate(text, typed.column(c)));
  }
  for (size_t i = 0; i < text.size(); ++i) typed.appendRowKind(types::RowKind::INSERT);
  ExpressionEvaluator evaluator(std::move(predicate));
  EDDY_ASSIGN_OR_RETURN(types::ColumnVector keep, evaluator.evaluate(typed));
  std::vector<PartitionSpec> kept;
  for (size_t i = 0; i < partitions.size(); ++i) {
    if (!keep.isNull(i) && keep.valueAt<int8_t>(i) != 0) kept.push_back(partitions[i]);
  }
  return kept;
}

// Moves the conjuncts over partition columns out of `offered` into the source's partition
// selection. Returns the digest "partitions=[...]", or nothing when none qualifies.
Result<std::optional<std::string>> pushPartitions(ScanTableSource& source, const types::LogicalType& physical_type,
                                                  std::vector<BoundExprPtr>& offered) {
  EDDY_ASSIGN_OR_RETURN(std::vector<PartitionSpec> partitions, source.listPartitions());
  std::vector<bool> partition_fields(physical_type.fieldCount(), false);
  for (const PartitionSpec& partition : partitions) {
    for (const auto& [key, value] : partition) {
      const int field = physical_type.fieldIndex(key);
      if (field >= 0) partition_fields[static_cast<size_t>(field)] = true;
    }
  }
  std::vector<BoundExprPtr> on_partitions;
  std::vector<BoundExprPtr> others;
  for (BoundExprPtr& conjunct : offered) {
    const bool on_partition =
        readsAnyField(*conjunct) && readsOnly(*conjunct, partition_fields) && evaluableWhilePlanning(*conjunct);
    (on_partition ? on_partitions : others).push_back(std::move(conjunct));
  }
  offered = std::move(others);
  if (on_partitions.empty()) return std::optional<std::string>();
  EDDY_ASSIGN_OR_RETURN(std::vector<PartitionSpec> kept,
                        prunePartitions(partitions, physical_type, makeConjunction(std::move(on_partitions))));
  source.applyPartitions(kept);
  std::vector<std::string> rendered;
  for (const PartitionSpec& partition : kept) rendered.push_back(partitionToString(partition));
  return std::optional<std::string>(fmt::format("partitions=[{}]", fmt::join(rendered, ", ")));
}

// Flink's FilterPushDownSpec digest: the accepted filters joined pairwise as and(l, r).
std::string filterDigest(const std::vector<BoundExprPtr>& accepted, const std::vector<std::string>& names) {
  std::string joined;
  for (const BoundExprPtr& filter : accepted) {
    const std::string text = exprToString(*filter, names);
    joined = joined.empty() ? text : fmt::format("and({}, {})", joined, text);
  }
  return "filter=[" + joined + "]";
}

// Pushes what it can of `calc`'s condition into the scan below it; replaces `calc` by the
// scan when nothing is left for it to do.
Status pushIntoScan(PlanNodePtr& calc) {
  PlanNode& scan = *calc->inputs[0];
  ScanTableSource& source = *scan.source;
  const bool partitions = source.supportsPartitionPushDown();
  if (!partitions && !source.supportsFilterPushDown()) return Status::OK();

  const int physical_count = static_cast<int>(scan.physical_field_count);
  std::vector<types::RowField> physical_fields(scan.output_type.fields().begin(),
                                               scan.output_type.fields().begin() + physical_count);
  const types::LogicalType physical_type = DataTypes::ROW(physical_fields);
  std::vector<BoundExprPtr> offered;
  std::vector<BoundExprPtr> kept;  // over metadata fields: never offered
  for (BoundExprPtr& conjunct : conjunctiveNormalForm(*calc->condition)) {
    if (readsOnlyBelow(*conjunct, physical_count)) {
      offered.push_back(std::move(conjunct));
    } else {
      kept.push_back(std::move(conjunct));
    }
  }
  bool changed = false;
  if (partitions) {
    const size_t before = offered.size();
    EDDY_ASSIGN_OR_RETURN(std::optional<std::string> digest, pushPartitions(source, physical_type, offered));
    if (digest) scan.source_digests.push_back(*digest);
    changed = offered.size() != before;
  }
  if (source.supportsFilterPushDown() && !offered.empty()) {
    FilterPushDownResult result = source.applyFilters(std::move(offered));
    scan.source_digests.push_back(filterDigest(result.accepted, physical_type.fieldNames()));
    offered = std::move(result.remaining);
    changed = true;
  }
  if (!changed) return Status::OK();
  for (BoundExprPtr& conjunct : kept) offered.push_back(std::move(conjunct));
  const std::vector<std::string> names = calc->fieldNames();
  PlanNodePtr input = std::move(calc->inputs[0]);
  calc = makeCalc(std::move(input), std::move(calc->projections), makeConjunction(std::move(offered)), names);
  return Status::OK();
}

}  // namespace

std::vector<BoundExprPtr> conjunctiveNormalForm(const BoundExpr& condition) {
  std::vector<BoundExprPtr> conjuncts;
  appendCnf(condition, conjuncts);
  return conjuncts;
}

Status pushFiltersIntoTableSources(PlanNodePtr& root) {
  for (PlanNodePtr& input : root->inputs) EDDY_RETURN_IF_ERROR(pushFiltersIntoTableSources(input));
  if (root->kind == PlanNode::Kind::kCalc && root->condition &&
      root->inputs[0]->kind == PlanNode::Kind::kTableSourceScan) {
    return pushIntoScan(root);
  }
  return Status::OK();
}

}  // namespace eddy::sql
