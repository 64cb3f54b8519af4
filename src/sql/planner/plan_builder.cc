#include "sql/planner/plan_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "eddy/types/column_batch.h"
#include "eddy/types/data_types.h"
#include "sql/expression/expression_evaluator.h"
#include "eddy/common/configuration.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/aggregate_udf_call.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

BoundExprPtr inlineInputRefs(const BoundExpr& expr, const std::vector<BoundExprPtr>& definitions) {
  if (expr.kind == BoundExpr::Kind::kInputRef) return binder::copyOf(*definitions[expr.input_index]);
  BoundExprPtr copy = binder::copyOf(expr);
  for (size_t i = 0; i < copy->operands.size(); ++i) copy->operands[i] = inlineInputRefs(*expr.operands[i], definitions);
  return copy;
}

namespace {

bool isIdentity(const std::vector<BoundExprPtr>& projections, const PlanNode& input, const std::vector<std::string>& names) {
  if (projections.size() != input.output_type.fieldCount()) return false;
  for (size_t i = 0; i < projections.size(); ++i) {
    if (projections[i]->kind != BoundExpr::Kind::kInputRef || projections[i]->input_index != static_cast<int>(i)) {
      return false;
    }
    if (input.output_type.fields()[i].name != names[i]) return false;
  }
  return true;
}

}  // namespace

PlanNodePtr makeCalc(PlanNodePtr input, std::vector<BoundExprPtr> projections, BoundExprPtr condition,
                     const std::vector<std::string>& names) {
  if (input->kind == PlanNode::Kind::kCalc) {
    // Fuse: express the new projections and condition over the lower Calc's input.
    std::vector<BoundExprPtr> fused;
    for (const BoundExprPtr& p : projections) fused.push_back(inlineInputRefs(*p, input->projections));
    BoundExprPtr fused_condition = condition ? inlineInputRefs(*condition, input->projections) : nullptr;
    if (input->condition && fused_condition) {
      std::vector<BoundExprPtr> operands;
      operands.push_back(std::move(input->condition));
      operands.push_back(std::move(fused_condition));
      const bool nullable = binder::anyNullable(operands);
      fused_condition = BoundExpr::call(BuiltInFunction::kAnd, DataTypes::BOOLEAN().copy(nullable),
                                        std::move(operands), {});
    } else if (input->condition) {
      fused_condition = std::move(input->condition);
    }
    PlanNodePtr below = std::move(input->inputs[0]);
    // The rowtime of the fused Calc is found from `below`, so forward refs are inlined.
    return makeCalc(std::move(below), std::move(fused), std::move(fused_condition), names);
  }
  if (!condition && isIdentity(projections, *input, names)) return input;
  auto calc = std::make_unique<PlanNode>(PlanNode::Kind::kCalc);
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < projections.size(); ++i) {
    fields.push_back(DataTypes::FIELD(names[i], projections[i]->type));
    if (calc->rowtime_field < 0 && projections[i]->kind == BoundExpr::Kind::kInputRef &&
        projections[i]->input_index == input->rowtime_field) {
      calc->rowtime_field = static_cast<int>(i);
    }
  }
  calc->output_type = DataTypes::ROW(std::move(fields));
  calc->projections = std::move(projections);
  calc->condition = std::move(condition);
  calc->inputs.push_back(std::move(input));
  return calc;
}

PlanNodePtr makeExchange(PlanNodePtr input, std::vector<int> keys) {
  auto exchange = std::make_unique<PlanNode>(PlanNode::Kind::kExchange);
  exchange->output_type = input->output_type;
  exchange->rowtime_field = input->rowtime_field;
  exchange->keys = std::move(keys);
  exchange->inputs.push_back(std::move(input));
  return exchange;
}

Result<int> resolveField(const Relation& relation, const Expr& identifier) {
  const LogicalType& type = relation.node->output_type;
  const std::string& name = identifier.names.back();
  if (identifier.names.size() > 2) {
    return validationError(identifier.position, fmt::format("Table '{}' not found", identifier.names[identifier.names.size() - 2]));
  }
  const bool qualified = identifier.names.size() == 2;
  if (qualified) {
    bool table_known = false;
    for (const std::string& q : relation.qualifiers) table_known |= q == identifier.names[0];
    if (!table_known) return validationError(identifier.position, fmt::format("Table '{}' not found", identifier.names[0]));
  }
  int found = -1;
  const bool renamed = relation.names.size() == type.fieldCount();
  for (size_t i = 0; i < type.fieldCount(); ++i) {
    if ((renamed ? relation.names[i] : type.fields()[i].name) != name) continue;
    if (qualified && relation.qualifiers[i] != identifier.names[0]) continue;
    if (found >= 0) return validationError(identifier.position, fmt::format("Column '{}' is ambiguous", name));
    found = static_cast<int>(i);
  }
  if (found >= 0) return found;
  if (qualified) {
    return validationError(identifier.position,
                           fmt::format("Column '{}' not found in table '{}'", name, identifier.names[0]));
  }
  return validationError(identifier.position, fmt::format("Column '{}' not found in any table", name));
}

ExpressionBinder relationBinder(const Relation& relation, ExpressionBinder::NodeResolver extra) {
  const Relation* rel = &relation;
  return ExpressionBinder(relation.node->output_type,
                          [rel, extra](const Expr& expr) -> std::optional<Result<BoundExprPtr>> {
                            if (extra) {
                              std::optional<Result<BoundExprPtr>> resolved = extra(expr);
                              if (resolved) return resolved;
                            }
                            if (expr.kind != ExprKind::kIdentifier) return std::nullopt;
                            return binder::bindCompoundIdentifier(expr, [rel](const Expr& column) -> Result<BoundExprPtr> {
                              EDDY_ASSIGN_OR_RETURN(int field, resolveField(*rel, column));
                              return BoundExpr::inputRef(
                                  field, rel->node->output_type.typeAt(static_cast<size_t>(field)), column.position);
                            });
                          });
}

std::string defaultAlias(const Expr& expr, size_t index) {
  if (expr.kind == ExprKind::kIdentifier) return expr.names.back();
  return "EXPR$" + std::to_string(index);
}

Result<types::Value> evaluateConstant(const BoundExpr& expr) {
  types::ColumnBatch empty(DataTypes::ROW(std::vector<types::RowField>{}));
  empty.appendRowKind(types::RowKind::INSERT);
  ExpressionEvaluator evaluator(binder::copyOf(expr));
  EDDY_ASSIGN_OR_RETURN(types::ColumnVector column, evaluator.evaluate(empty));
  return column.getValue(0);
}

std::string exprToString(const BoundExpr& expr, const std::vector<std::string>& field_names) {
  const std::string digest = expr.toString();
  // One pass, so that a name holding "$0" (EXPR$0) is not replaced again.
  std::string text;
  for (size_t at = 0; at < digest.size();) {
    size_t end = at + 1;
    while (digest[at] == '$' && end < digest.size() && std::isdigit(static_cast<unsigned char>(digest[end]))) ++end;
    const size_t index = end > at + 1 ? std::stoul(digest.substr(at + 1, end - at - 1)) : field_names.size();
    if (index < field_names.size()) {
      text += field_names[index];
      at = end;
    } else {
      text += digest[at++];
    }
  }
  return text;
}

bool isAggregateFunctionName(const std::string& upper_name) {
  static const char* const kNames[] = {"COUNT",      "SUM",         "AVG",         "MIN",     "MAX",
                                       "FIRST_VALUE", "LAST_VALUE", "LISTAGG",     "STDDEV_POP",
                                       "STDDEV_SAMP", "VAR_POP",    "VAR_SAMP",    "COLLECT", "SUM0",
                                       "STDDEV",      "VARIANCE",   "BOOL_AND",    "BOOL_OR", "ARRAY_AGG"};
  for (const char* name : kNames) {
    if (upper_name == name) return true;
  }
  return userAggregateFunction(upper_name) != nullptr;
}

namespace {

std::string upperName(const Expr& call) {
  std::string name = call.names.empty() ? std::string() : call.names.back();
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

bool containsAggregateCall(const Expr& expr) {
  if (expr.kind == ExprKind::kFunctionCall && !expr.over && expr.names.size() == 1 &&
      isAggregateFunctionName(upperName(expr))) {
    return true;
  }
  for (const ExprPtr& operand : expr.operands) {
    if (operand && containsAggregateCall(*operand)) return true;
  }
  return false;
}

void uniquifyNames(std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    int suffix = 0;
    for (size_t j = 0; j < i; ++j) {
      if (names[j] != names[i]) continue;
      std::string candidate;
      do {
        candidate = names[i] + std::to_string(suffix++);
      } while (std::find(names.begin(), names.end(), candidate) != names.end());
      names[i] = candidate;
      break;
    }
  }
}

Result<LogicalType> commonTypeOf(const std::vector<LogicalType>& types, SourcePosition position) {
  std::optional<LogicalType> common = type_rules::findCommonType(types);
  if (!common) return validationError(position, "Values passed to VALUES operator must have compatible types");
  return *common;
}

std::string printOptions(const std::map<std::string, std::string>& options) {
  std::string out;
  for (const auto& [key, value] : options) {
    if (!out.empty()) out += '\n';
    const bool hidden = GlobalConfiguration::isSensitive(key);
    out += "'" + key + "'='" + (hidden ? std::string(GlobalConfiguration::kHiddenContent) : value) + "'";
  }
  return out;
}

namespace {

std::string schemaString(const LogicalType& type) {
  std::string out = "[";
  for (size_t i = 0; i < type.fieldCount(); ++i) {
    if (i > 0) out += ", ";
    out += type.fields()[i].name + ": " + type.typeAt(i).asSummaryString();
  }
  return out + "]";
}

// Both character strings (CHAR/VARCHAR) or both binary strings (BINARY/VARBINARY): types
// whose values are the same bytes whatever the declared length.
bool sameStringFamily(const LogicalType& a, const LogicalType& b) {
  using types::LogicalTypeRoot;
  auto character = [](const LogicalType& t) {
    return t.root() == LogicalTypeRoot::CHAR || t.root() == LogicalTypeRoot::VARCHAR;
  };
  auto binary = [](const LogicalType& t) {
    return t.root() == LogicalTypeRoot::BINARY || t.root() == LogicalTypeRoot::VARBINARY;
  };
  return (character(a) && character(b)) || (binary(a) && binary(b));
}

}  // namespace

Result<PlanNodePtr> castToSinkType(PlanNodePtr query, const LogicalType& sink_type, const ObjectIdentifier& sink,
                                   bool trim_pad) {
  const LogicalType query_type = query->output_type;
  auto mismatch = [&](const std::string& cause) {
    return InvalidArgument(fmt::format(
        "Column types of query result and sink for '{}' do not match.\nCause: {}\n\nQuery schema: {}\nSink schema:  {}",
        sink.asSummaryString(), cause, schemaString(query_type), schemaString(sink_type)));
  };
  if (query_type.fieldCount() != sink_type.fieldCount()) return mismatch("Different number of columns.");
  std::vector<BoundExprPtr> casts;
  bool identity = true;
  for (size_t i = 0; i < sink_type.fieldCount(); ++i) {
    const LogicalType& from = query_type.typeAt(i);
    const LogicalType& to = sink_type.typeAt(i);
    if (from.copy(true) != to.copy(true) && !type_rules::supportsImplicitCast(from, to)) {
      return mismatch(fmt::format("Incompatible types for sink column '{}' at position {}.", sink_type.fields()[i].name, i));
    }
    const bool keep = from.copy(true) == to.copy(true) || (!trim_pad && sameStringFamily(from, to));
    identity &= keep;
    BoundExprPtr ref = BoundExpr::inputRef(static_cast<int>(i), from, {});
    casts.push_back(keep ? std::move(ref) : binder::castTo(std::move(ref), to.copy(from.isNullable())));
  }
  if (identity && query_type.fieldNames() == sink_type.fieldNames()) return query;
  return makeCalc(std::move(query), std::move(casts), nullptr, sink_type.fieldNames());
}

}  // namespace eddy::sql
