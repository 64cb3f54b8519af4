#include "sql/connectors/jdbc/jdbc_filter_pushdown.h"

#include <fmt/format.h>

namespace eddy::sql {

namespace {

const char* binaryOperator(BuiltInFunction function) {
  switch (function) {
    case BuiltInFunction::kEquals: return "=";
    case BuiltInFunction::kNotEquals: return "<>";
    case BuiltInFunction::kLessThan: return "<";
    case BuiltInFunction::kLessThanOrEqual: return "<=";
    case BuiltInFunction::kGreaterThan: return ">";
    case BuiltInFunction::kGreaterThanOrEqual: return ">=";
    case BuiltInFunction::kAnd: return "AND";
    case BuiltInFunction::kOr: return "OR";
    case BuiltInFunction::kLike: return "LIKE";
    default: return nullptr;
  }
}

class Visitor {
 public:
  Visitor(const types::LogicalType& physical_type, const connectors::jdbc::JdbcDialect& dialect)
      : physical_type_(physical_type), dialect_(dialect) {}

  std::optional<ParameterizedPredicate> visit(const BoundExpr& expr) const {
    switch (expr.kind) {
      case BoundExpr::Kind::kInputRef:
        return ParameterizedPredicate{fieldName(expr), {}, {}};
      case BoundExpr::Kind::kLiteral:
        if (!dialect_.validate(expr.type).ok()) return std::nullopt;
        return ParameterizedPredicate{"?", {expr.value}, {expr.type}};
      case BoundExpr::Kind::kCall:
        return visitCall(expr);
    }
    return std::nullopt;
  }

 private:
  std::optional<ParameterizedPredicate> visitCall(const BoundExpr& call) const {
    if (call.function == BuiltInFunction::kIsNull || call.function == BuiltInFunction::kIsNotNull) {
      if (call.operands[0]->kind != BoundExpr::Kind::kInputRef) return std::nullopt;
      return ParameterizedPredicate{
          fmt::format("({} {})", fieldName(*call.operands[0]),
                      call.function == BuiltInFunction::kIsNull ? "IS NULL" : "IS NOT NULL"),
          {},
          {}};
    }
    const char* op = binaryOperator(call.function);
    const bool junction = call.function == BuiltInFunction::kAnd || call.function == BuiltInFunction::kOr;
    if (op == nullptr || call.operands.size() < 2 || (!junction && call.operands.size() != 2)) return std::nullopt;
    // An AND or OR of more than two operands combines them left to right, as a chain of
    // binary calls would.
    std::optional<ParameterizedPredicate> result = visit(*call.operands[0]);
    for (size_t i = 1; result && i < call.operands.size(); ++i) {
      std::optional<ParameterizedPredicate> right = visit(*call.operands[i]);
      if (!right) return std::nullopt;
      result->predicate = fmt::format("({} {} {})", result->predicate, op, right->predicate);
      result->parameters.insert(result->parameters.end(), right->parameters.begin(), right->parameters.end());
      result->parameter_types.insert(result->parameter_types.end(), right->parameter_types.begin(),
                                     right->parameter_types.end());
    }
    return result;
  }

  std::string fieldName(const BoundExpr& ref) const {
    return dialect_.quoteIdentifier(physical_type_.fields()[static_cast<size_t>(ref.input_index)].name);
  }

  const types::LogicalType& physical_type_;
  const connectors::jdbc::JdbcDialect& dialect_;
};

}  // namespace

std::optional<ParameterizedPredicate> toParameterizedPredicate(const BoundExpr& filter,
                                                               const types::LogicalType& physical_type,
                                                               const connectors::jdbc::JdbcDialect& dialect) {
  // A bare column or literal is no filter (Flink's visitor only accepts calls at the top).
  if (filter.kind != BoundExpr::Kind::kCall) return std::nullopt;
  return Visitor(physical_type, dialect).visit(filter);
}

std::string withPredicates(const std::string& query, bool has_where,
                           const std::vector<ParameterizedPredicate>& predicates) {
  std::string out = query;
  for (size_t i = 0; i < predicates.size(); ++i) {
    out += (i == 0 && !has_where) ? " WHERE " : " AND ";
    out += "(" + predicates[i].predicate + ")";
  }
  return out;
}

}  // namespace eddy::sql
