#include <cctype>

#include "sql/parser/sql_writer.h"
#include "sql/parser/unparse.h"
#include "sql/parser/unparse_json.h"

namespace eddy::sql {

namespace {

std::string_view operatorText(Operator op) {
  switch (op) {
    case Operator::kNone: return "";
    case Operator::kNegate: return "-";
    case Operator::kPlus: return "+";
    case Operator::kNot: return "NOT ";
    case Operator::kIsNull: return " IS NULL";
    case Operator::kIsNotNull: return " IS NOT NULL";
    case Operator::kIsTrue: return " IS TRUE";
    case Operator::kIsNotTrue: return " IS NOT TRUE";
    case Operator::kIsFalse: return " IS FALSE";
    case Operator::kIsNotFalse: return " IS NOT FALSE";
    case Operator::kIsUnknown: return " IS UNKNOWN";
    case Operator::kIsNotUnknown: return " IS NOT UNKNOWN";
    case Operator::kOr: return " OR ";
    case Operator::kAnd: return " AND ";
    case Operator::kEquals: return " = ";
    case Operator::kNotEquals: return " <> ";
    case Operator::kLessThan: return " < ";
    case Operator::kLessThanOrEqual: return " <= ";
    case Operator::kGreaterThan: return " > ";
    case Operator::kGreaterThanOrEqual: return " >= ";
    case Operator::kIsDistinctFrom: return " IS DISTINCT FROM ";
    case Operator::kIsNotDistinctFrom: return " IS NOT DISTINCT FROM ";
    case Operator::kPlusBinary: return " + ";
    case Operator::kMinus: return " - ";
    case Operator::kMultiply: return " * ";
    case Operator::kDivide: return " / ";
    case Operator::kModulo: return " % ";
    case Operator::kConcat: return " || ";
    case Operator::kOverlaps: return " OVERLAPS ";
    case Operator::kLike: return " LIKE ";
    case Operator::kSimilarTo: return " SIMILAR TO ";
  }
  return "";
}

bool isPostfix(Operator op) { return op >= Operator::kIsNull && op <= Operator::kIsNotUnknown; }

void appendLiteral(std::string& out, const Expr& expr) {
  switch (expr.literal_kind) {
    case LiteralKind::kExactNumeric:
    case LiteralKind::kApproxNumeric:
    case LiteralKind::kBoolean:
    case LiteralKind::kUnknown:
    case LiteralKind::kNull:
      out += expr.text;
      return;
    case LiteralKind::kString:
      appendStringLiteral(out, expr.text);
      return;
    case LiteralKind::kBinaryString:
      out += "X'";
      out += expr.text;
      out += "'";
      return;
    case LiteralKind::kDate:
    case LiteralKind::kTime:
    case LiteralKind::kTimestamp:
      out += expr.literal_kind == LiteralKind::kDate ? "DATE " : expr.literal_kind == LiteralKind::kTime ? "TIME " : "TIMESTAMP ";
      appendStringLiteral(out, expr.text);
      return;
    case LiteralKind::kInterval: {
      out += expr.negated ? "INTERVAL -" : "INTERVAL ";
      appendStringLiteral(out, expr.text);
      const IntervalQualifier& qualifier = *expr.interval;
      out += " " + qualifier.start_unit;
      if (qualifier.start_precision >= 0) out += "(" + std::to_string(qualifier.start_precision) + ")";
      if (!qualifier.end_unit.empty()) {
        out += " TO " + qualifier.end_unit;
        if (qualifier.end_precision >= 0) out += "(" + std::to_string(qualifier.end_precision) + ")";
      }
      return;
    }
  }
}

void appendFunctionName(std::string& out, const Expr& call) {
  if (call.names.size() == 1 && !call.quoted_name) {
    for (char c : call.names[0]) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  } else {
    appendNames(out, call.names);
  }
}

void appendFunctionCall(std::string& out, const Expr& call) {
  if (appendJsonCall(out, call)) return;
  appendFunctionName(out, call);
  if (call.niladic) return;
  out += call.distinct ? "(DISTINCT " : "(";
  appendExprList(out, call.operands);
  out += ")";
  if (call.filter) {
    out += " FILTER (WHERE ";
    appendExpr(out, *call.filter);
    out += ")";
  }
  if (call.over) {
    out += " OVER ";
    if (call.over->reference && call.over->partition_by.empty() && call.over->order_by.empty() && !call.over->has_frame) {
      appendIdentifier(out, *call.over->reference);
    } else {
      appendWindowSpec(out, *call.over);
    }
  }
}

void appendFrameBound(std::string& out, const WindowFrameBound& bound) {
  using Kind = WindowFrameBound::Kind;
  switch (bound.kind) {
    case Kind::kUnboundedPreceding: out += "UNBOUNDED PRECEDING"; return;
    case Kind::kUnboundedFollowing: out += "UNBOUNDED FOLLOWING"; return;
    case Kind::kCurrentRow: out += "CURRENT ROW"; return;
    case Kind::kPreceding:
    case Kind::kFollowing:
      appendExpr(out, *bound.offset);
      out += bound.kind == Kind::kPreceding ? " PRECEDING" : " FOLLOWING";
      return;
  }
}

void appendCase(std::string& out, const Expr& expr) {
  out += "CASE";
  if (expr.operands[0]) {
    out += " ";
    appendExpr(out, *expr.operands[0]);
  }
  const size_t size = expr.operands.size();
  for (size_t i = 1; i + 2 < size; i += 2) {
    out += " WHEN ";
    appendExpr(out, *expr.operands[i]);
    out += " THEN ";
    appendExpr(out, *expr.operands[i + 1]);
  }
  if (expr.operands.back()) {
    out += " ELSE ";
    appendExpr(out, *expr.operands.back());
  }
  out += " END";
}

void appendSpecialCall(std::string& out, const Expr& expr) {
  const auto& args = expr.operands;
  switch (expr.kind) {
    case ExprKind::kCast:
      out += expr.try_cast ? "TRY_CAST(" : "CAST(";
      appendExpr(out, *args[0]);
      out += " AS " + expr.type->type.asSerializableString() + ")";
      return;
    case ExprKind::kExtract:
      out += "EXTRACT(" + expr.text + " FROM ";
      appendExpr(out, *args[0]);
      out += ")";
      return;
    case ExprKind::kFloorCeil:
      out += expr.text + "(";
      appendExpr(out, *args[0]);
      out += " TO " + expr.unit + ")";
      return;
    case ExprKind::kPosition:
      out += "POSITION(";
      appendExpr(out, *args[0]);
      out += " IN ";
      appendExpr(out, *args[1]);
      out += ")";
      return;
    case ExprKind::kTrim:
      out += "TRIM(" + (expr.text.empty() ? std::string("BOTH") : expr.text) + " ";
      if (args[0]) {
        appendExpr(out, *args[0]);
      } else {
        out += "' '";
      }
      out += " FROM ";
      appendExpr(out, *args[1]);
      out += ")";
      return;
    case ExprKind::kSubstring:
    case ExprKind::kOverlay:
      out += expr.kind == ExprKind::kSubstring ? "SUBSTRING(" : "OVERLAY(";
      appendExpr(out, *args[0]);
      for (size_t i = 1; i < args.size(); ++i) {
        const bool substring = expr.kind == ExprKind::kSubstring;
        static constexpr std::string_view kSubstringWords[] = {"", " FROM ", " FOR "};
        static constexpr std::string_view kOverlayWords[] = {"", " PLACING ", " FROM ", " FOR "};
        out += substring ? kSubstringWords[i] : kOverlayWords[i];
        appendExpr(out, *args[i]);
      }
      out += ")";
      return;
    default:
      return;
  }
}

}  // namespace

void appendIdentifier(std::string& out, std::string_view name) {
  out.push_back('`');
  for (char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  out.push_back('`');
}

void appendNames(std::string& out, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.push_back('.');
    appendIdentifier(out, names[i]);
  }
}

void appendIdentifierList(std::string& out, const std::vector<std::string>& names) {
  out.push_back('(');
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    appendIdentifier(out, names[i]);
  }
  out.push_back(')');
}

void appendStringLiteral(std::string& out, std::string_view value) {
  out.push_back('\'');
  for (char c : value) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  out.push_back('\'');
}

void appendExprList(std::string& out, const std::vector<ExprPtr>& exprs) {
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    appendExpr(out, *exprs[i]);
  }
}

void appendOrderItems(std::string& out, const std::vector<OrderItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    appendExpr(out, *items[i].expr);
    if (items[i].direction == OrderItem::Direction::kAsc) out += " ASC";
    if (items[i].direction == OrderItem::Direction::kDesc) out += " DESC";
    if (items[i].null_order == OrderItem::NullOrder::kFirst) out += " NULLS FIRST";
    if (items[i].null_order == OrderItem::NullOrder::kLast) out += " NULLS LAST";
  }
}

void appendWindowSpec(std::string& out, const WindowSpec& spec) {
  out.push_back('(');
  const size_t start = out.size();
  auto separate = [&out, start]() {
    if (out.size() > start) out.push_back(' ');
  };
  if (spec.reference) appendIdentifier(out, *spec.reference);
  if (!spec.partition_by.empty()) {
    separate();
    out += "PARTITION BY ";
    appendExprList(out, spec.partition_by);
  }
  if (!spec.order_by.empty()) {
    separate();
    out += "ORDER BY ";
    appendOrderItems(out, spec.order_by);
  }
  if (spec.has_frame) {
    separate();
    out += spec.rows ? "ROWS " : "RANGE ";
    if (spec.between) out += "BETWEEN ";
    appendFrameBound(out, spec.lower);
    if (spec.between) {
      out += " AND ";
      appendFrameBound(out, spec.upper);
    }
  }
  out.push_back(')');
}

void appendExpr(std::string& out, const Expr& expr) {
  const auto& args = expr.operands;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      appendLiteral(out, expr);
      return;
    case ExprKind::kIdentifier:
      appendNames(out, expr.names);
      return;
    case ExprKind::kStar:
      if (!expr.names.empty()) {
        appendNames(out, expr.names);
        out.push_back('.');
      }
      out.push_back('*');
      return;
    case ExprKind::kUnary:
      out.push_back('(');
      if (isPostfix(expr.op)) {
        appendExpr(out, *args[0]);
        out += operatorText(expr.op);
      } else {
        out += operatorText(expr.op);
        appendExpr(out, *args[0]);
      }
      out.push_back(')');
      return;
    case ExprKind::kBinary:
    case ExprKind::kLike:
      out.push_back('(');
      appendExpr(out, *args[0]);
      if (expr.negated) out += " NOT";
      out += operatorText(expr.op);
      appendExpr(out, *args[1]);
      if (args.size() > 2) {
        out += " ESCAPE ";
        appendExpr(out, *args[2]);
      }
      out.push_back(')');
      return;
    case ExprKind::kBetween:
      out.push_back('(');
      appendExpr(out, *args[0]);
      out += expr.negated ? " NOT BETWEEN " : " BETWEEN ";
      if (expr.symmetric) out += "SYMMETRIC ";
      appendExpr(out, *args[1]);
      out += " AND ";
      appendExpr(out, *args[2]);
      out.push_back(')');
      return;
    case ExprKind::kIn:
      out.push_back('(');
      appendExpr(out, *args[0]);
      out += expr.negated ? " NOT IN (" : " IN (";
      if (expr.query) {
        appendQuery(out, *expr.query);
      } else {
        for (size_t i = 1; i < args.size(); ++i) {
          if (i > 1) out += ", ";
          appendExpr(out, *args[i]);
        }
      }
      out += "))";
      return;
    case ExprKind::kExists:
      out += "(EXISTS (";
      appendQuery(out, *expr.query);
      out += "))";
      return;
    case ExprKind::kScalarSubquery:
      out += "(";
      appendQuery(out, *expr.query);
      out += ")";
      return;
    case ExprKind::kCase:
      appendCase(out, expr);
      return;
    case ExprKind::kCast:
    case ExprKind::kExtract:
    case ExprKind::kFloorCeil:
    case ExprKind::kPosition:
    case ExprKind::kTrim:
    case ExprKind::kSubstring:
    case ExprKind::kOverlay:
      appendSpecialCall(out, expr);
      return;
    case ExprKind::kTimeUnit:
      out += expr.text;
      return;
    case ExprKind::kFunctionCall:
      appendFunctionCall(out, expr);
      return;
    case ExprKind::kRow:
      out += expr.explicit_row ? "ROW(" : "(";
      appendExprList(out, args);
      out += ")";
      return;
    case ExprKind::kArray:
    case ExprKind::kMap:
      out += expr.kind == ExprKind::kArray ? "ARRAY[" : "MAP[";
      appendExprList(out, args);
      out += "]";
      return;
    case ExprKind::kItem:
      appendExpr(out, *args[0]);
      out += "[";
      appendExpr(out, *args[1]);
      out += "]";
      return;
    case ExprKind::kFieldAccess:
      // `(2).f`, not `2.f`, which reads as the number 2. and an alias.
      if (args[0]->kind == ExprKind::kLiteral) out += "(";
      appendExpr(out, *args[0]);
      if (args[0]->kind == ExprKind::kLiteral) out += ")";
      out += ".";
      appendIdentifier(out, expr.text);
      return;
    case ExprKind::kDescriptor:
      out += "DESCRIPTOR(";
      appendExprList(out, args);
      out += ")";
      return;
    case ExprKind::kTableArgument:
      out += "TABLE ";
      appendNames(out, expr.names);
      if (!args.empty()) {
        out += args.size() == 1 ? " PARTITION BY " : " PARTITION BY (";
        appendExprList(out, args);
        if (args.size() > 1) out += ")";
      }
      return;
    case ExprKind::kNamedArgument:
      appendIdentifier(out, expr.text);
      out += " => ";
      appendExpr(out, *args[0]);
      return;
    case ExprKind::kGroupingSets:
    case ExprKind::kRollup:
    case ExprKind::kCube:
      out += expr.kind == ExprKind::kGroupingSets ? "GROUPING SETS(" : expr.kind == ExprKind::kRollup ? "ROLLUP(" : "CUBE(";
      appendExprList(out, args);
      out += ")";
      return;
  }
}

std::string unparse(const Expr& expr) {
  std::string out;
  appendExpr(out, expr);
  return out;
}

}  // namespace eddy::sql
