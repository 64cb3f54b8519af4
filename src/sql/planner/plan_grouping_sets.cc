#include "sql/planner/plan_grouping_sets.h"

#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/parser/unparse.h"
#include "sql/planner/correlate_call.h"
#include "sql/planner/expand_rows_function.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using Set = std::vector<const Expr*>;

namespace {

bool isSetItem(const Expr& expr) {
  return expr.kind == ExprKind::kGroupingSets || expr.kind == ExprKind::kRollup || expr.kind == ExprKind::kCube;
}

// The expressions of one element of ROLLUP / CUBE / GROUPING SETS: a ROW spreads.
Set elementColumns(const Expr& element) {
  Set columns;
  if (element.kind == ExprKind::kRow) {
    for (const ExprPtr& operand : element.operands) columns.push_back(operand.get());
  } else {
    columns.push_back(&element);
  }
  return columns;
}

std::vector<Set> setsOfItem(const Expr& item) {
  if (item.kind == ExprKind::kRollup) {
    // ROLLUP(a, b) is GROUPING SETS ((a, b), (a), ()).
    std::vector<Set> sets;
    for (size_t n = item.operands.size() + 1; n-- > 0;) {
      Set set;
      for (size_t i = 0; i < n; ++i) {
        for (const Expr* column : elementColumns(*item.operands[i])) set.push_back(column);
      }
      sets.push_back(std::move(set));
    }
    return sets;
  }
  if (item.kind == ExprKind::kCube) {
    // CUBE(a, b) is GROUPING SETS ((a, b), (a), (b), ()).
    const size_t n = item.operands.size();
    std::vector<Set> sets;
    for (size_t mask = (size_t{1} << n); mask-- > 0;) {
      Set set;
      for (size_t i = 0; i < n; ++i) {
        if (mask & (size_t{1} << (n - 1 - i))) {
          for (const Expr* column : elementColumns(*item.operands[i])) set.push_back(column);
        }
      }
      sets.push_back(std::move(set));
    }
    return sets;
  }
  if (item.kind == ExprKind::kGroupingSets) {
    std::vector<Set> sets;
    for (const ExprPtr& operand : item.operands) {
      if (isSetItem(*operand)) {
        for (Set& set : setsOfItem(*operand)) sets.push_back(std::move(set));
      } else {
        sets.push_back(elementColumns(*operand));
      }
    }
    return sets;
  }
  return {elementColumns(item)};
}

std::string upperName(const Expr& call) {
  std::string name = call.names.back();
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

BoundExprPtr bigintLiteral(int64_t value, SourcePosition position) {
  return BoundExpr::literal(types::Value(value), DataTypes::BIGINT().notNull(), position);
}

BoundExprPtr arithmetic(BuiltInFunction function, BoundExprPtr a, BoundExprPtr b, SourcePosition position) {
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return BoundExpr::call(function, DataTypes::BIGINT().notNull(), std::move(operands), position);
}

}  // namespace

bool hasGroupingSets(const std::vector<ExprPtr>& group_by) {
  for (const ExprPtr& item : group_by) {
    if (isSetItem(*item)) return true;
  }
  return false;
}

void collectGroupingColumns(const Expr& item, std::vector<const Expr*>& out) {
  if (!isSetItem(item)) {
    for (const Expr* column : elementColumns(item)) out.push_back(column);
    return;
  }
  for (const ExprPtr& operand : item.operands) collectGroupingColumns(*operand, out);
}

std::vector<std::vector<bool>> groupingSetsOf(const std::vector<ExprPtr>& group_by,
                                              const std::map<std::string, int>& column_of, size_t columns) {
  std::vector<Set> product = {Set{}};
  for (const ExprPtr& item : group_by) {
    std::vector<Set> next;
    for (const Set& prefix : product) {
      for (const Set& set : setsOfItem(*item)) {
        Set joined = prefix;
        joined.insert(joined.end(), set.begin(), set.end());
        next.push_back(std::move(joined));
      }
    }
    product = std::move(next);
  }
  std::vector<std::vector<bool>> sets;
  for (const Set& set : product) {
    std::vector<bool> flags(columns, false);
    for (const Expr* column : set) flags[static_cast<size_t>(column_of.at(unparse(*column)))] = true;
    sets.push_back(std::move(flags));
  }
  return sets;
}

PlanNodePtr expandGroupingSets(PlanNodePtr below, size_t grouping_columns, std::vector<std::vector<bool>> sets) {
  const LogicalType input_type = below->output_type;
  const size_t input_count = input_type.fieldCount();
  std::vector<LogicalType> key_types;
  auto call = std::make_shared<CorrelateCall>();
  for (size_t i = 0; i < grouping_columns; ++i) {
    key_types.push_back(input_type.typeAt(i));
    call->arguments.push_back(BoundExpr::inputRef(static_cast<int>(i), input_type.typeAt(i), {}));
  }
  auto function = std::make_shared<const ExpandRowsFunction>(key_types, std::move(sets));
  const LogicalType produced = function->signatures()[0].result;
  call->name = ExpandRowsFunction::kName;
  call->function = function;

  std::vector<types::RowField> fields = input_type.fields();
  for (const types::RowField& field : produced.fields()) fields.push_back(field);
  auto correlate = std::make_unique<PlanNode>(PlanNode::Kind::kCorrelate);
  correlate->output_type = DataTypes::ROW(fields);
  correlate->correlate = std::move(call);
  correlate->inputs.push_back(std::move(below));

  // Back to the pre-projection's layout, the grouping columns and $e from the expansion.
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  for (size_t f = 0; f < input_count; ++f) {
    const size_t from = f <= grouping_columns ? input_count + f : f;
    projections.push_back(BoundExpr::inputRef(static_cast<int>(from), fields[from].type, {}));
    names.push_back(input_type.fields()[f].name);
  }
  return makeCalc(std::move(correlate), std::move(projections), nullptr, names);
}

std::optional<Result<BoundExprPtr>> bindGroupingFunction(const Expr& call, const std::map<std::string, int>& column_of,
                                                         size_t columns, std::optional<int> e_field) {
  if (call.kind != ExprKind::kFunctionCall || call.names.size() != 1 || call.over) return std::nullopt;
  const std::string name = upperName(call);
  if (name != "GROUPING" && name != "GROUPING_ID") return std::nullopt;
  if (call.operands.empty()) {
    return Result<BoundExprPtr>(validationError(
        call.position, fmt::format("Invalid number of arguments to function '{}'. Was expecting 1 arguments", name)));
  }
  BoundExprPtr result;
  const size_t m = call.operands.size();
  for (size_t j = 0; j < m; ++j) {
    auto it = column_of.find(unparse(*call.operands[j]));
    if (it == column_of.end()) {
      return Result<BoundExprPtr>(
          validationError(call.operands[j]->position, "Argument to GROUPING operator must be a grouped expression"));
    }
    if (!e_field) continue;
    // Bit (k - 1 - i) of $e, moved to bit (m - 1 - j).
    const int64_t divisor = int64_t{1} << (columns - 1 - static_cast<size_t>(it->second));
    BoundExprPtr e = BoundExpr::inputRef(*e_field, DataTypes::BIGINT().notNull(), call.position);
    BoundExprPtr bit = arithmetic(BuiltInFunction::kMod,
                                  arithmetic(BuiltInFunction::kDivide, std::move(e), bigintLiteral(divisor, call.position),
                                             call.position),
                                  bigintLiteral(2, call.position), call.position);
    if (m - 1 - j > 0) {
      bit = arithmetic(BuiltInFunction::kTimes, std::move(bit), bigintLiteral(int64_t{1} << (m - 1 - j), call.position),
                       call.position);
    }
    result = result ? arithmetic(BuiltInFunction::kPlus, std::move(result), std::move(bit), call.position) : std::move(bit);
  }
  if (!result) result = bigintLiteral(0, call.position);
  return Result<BoundExprPtr>(std::move(result));
}

}  // namespace eddy::sql
