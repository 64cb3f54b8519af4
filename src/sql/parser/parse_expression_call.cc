// Function calls: ordinary calls with DISTINCT, *, named and TABLE arguments, FILTER and
// OVER; and the calls with special syntax (CAST, EXTRACT, TRIM, SUBSTRING, ...).
#include "sql/parser/parser.h"

namespace eddy::sql {

Result<ExprPtr> Parser::parseFunctionCall(std::vector<std::string> names, bool quoted, SourcePosition position) {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, position);
  call->names = std::move(names);
  call->quoted_name = quoted;
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  if (!acceptSymbol(")")) {
    if (accept("DISTINCT")) {
      call->distinct = true;
    } else {
      accept("ALL");
    }
    if (atSymbol("*")) {
      call->operands.push_back(std::make_unique<Expr>(ExprKind::kStar, current().position));
      advance();
      EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    } else {
      do {
        EDDY_ASSIGN_OR_RETURN(ExprPtr argument, parseFunctionArgument());
        call->operands.push_back(std::move(argument));
      } while (acceptSymbol(","));
      EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    }
  }
  EDDY_RETURN_IF_ERROR(parseCallSuffix(*call));
  return call;
}

Result<ExprPtr> Parser::parseFunctionArgument() {
  if (at("TABLE")) return parseTableArgument();
  const Token& next = peekToken(1);
  if ((current().kind == TokenKind::kWord || current().kind == TokenKind::kQuotedIdentifier) &&
      next.kind == TokenKind::kSymbol && next.text == "=>") {
    auto named = std::make_unique<Expr>(ExprKind::kNamedArgument, current().position);
    EDDY_ASSIGN_OR_RETURN(named->text, parseIdentifier());
    advance();
    if (at("TABLE")) {
      EDDY_ASSIGN_OR_RETURN(ExprPtr table, parseTableArgument());
      named->operands.push_back(std::move(table));
    } else {
      EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
      named->operands.push_back(std::move(value));
    }
    return named;
  }
  return parseExpression();
}

Result<ExprPtr> Parser::parseTableArgument() {
  auto table = std::make_unique<Expr>(ExprKind::kTableArgument, current().position);
  advance();
  EDDY_ASSIGN_OR_RETURN(table->names, parseCompoundIdentifier());
  if (accept("PARTITION")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    if (acceptSymbol("(")) {
      EDDY_ASSIGN_OR_RETURN(table->operands, parseExpressionList(")"));
    } else {
      auto key = std::make_unique<Expr>(ExprKind::kIdentifier, current().position);
      EDDY_ASSIGN_OR_RETURN(key->names, parseCompoundIdentifier());
      table->operands.push_back(std::move(key));
    }
  }
  return table;
}

Status Parser::parseCallSuffix(Expr& call) {
  if (accept("FILTER")) {
    EDDY_RETURN_IF_ERROR(expectSymbol("("));
    EDDY_RETURN_IF_ERROR(expect("WHERE"));
    EDDY_ASSIGN_OR_RETURN(call.filter, parseExpression());
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  }
  if (accept("OVER")) {
    if (atSymbol("(")) {
      EDDY_ASSIGN_OR_RETURN(WindowSpec spec, parseWindowSpec());
      call.over = std::make_unique<WindowSpec>(std::move(spec));
    } else {
      call.over = std::make_unique<WindowSpec>();
      call.over->position = current().position;
      EDDY_ASSIGN_OR_RETURN(call.over->reference, parseIdentifier());
    }
  }
  return Status::OK();
}

Result<WindowSpec> Parser::parseWindowSpec() {
  WindowSpec spec;
  spec.position = current().position;
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  if (!at("ROWS") && !at("RANGE") && atIdentifier()) {
    EDDY_ASSIGN_OR_RETURN(spec.reference, parseIdentifier());
  }
  if (accept("PARTITION")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    do {
      EDDY_ASSIGN_OR_RETURN(ExprPtr key, parseExpression());
      spec.partition_by.push_back(std::move(key));
    } while (acceptSymbol(","));
  }
  if (accept("ORDER")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    EDDY_ASSIGN_OR_RETURN(spec.order_by, parseOrderItems());
  }
  if (at("ROWS") || at("RANGE")) {
    spec.has_frame = true;
    spec.rows = isWord(current(), "ROWS");
    advance();
    if (accept("BETWEEN")) {
      spec.between = true;
      EDDY_ASSIGN_OR_RETURN(spec.lower, parseFrameBound());
      EDDY_RETURN_IF_ERROR(expect("AND"));
      EDDY_ASSIGN_OR_RETURN(spec.upper, parseFrameBound());
    } else {
      EDDY_ASSIGN_OR_RETURN(spec.lower, parseFrameBound());
    }
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return spec;
}

Result<WindowFrameBound> Parser::parseFrameBound() {
  using Kind = WindowFrameBound::Kind;
  WindowFrameBound bound;
  if (accept("UNBOUNDED")) {
    if (accept("PRECEDING")) {
      bound.kind = Kind::kUnboundedPreceding;
      return bound;
    }
    EDDY_RETURN_IF_ERROR(expect("FOLLOWING"));
    bound.kind = Kind::kUnboundedFollowing;
    return bound;
  }
  if (accept("CURRENT")) {
    EDDY_RETURN_IF_ERROR(expect("ROW"));
    bound.kind = Kind::kCurrentRow;
    return bound;
  }
  EDDY_ASSIGN_OR_RETURN(bound.offset, parseAdditive());
  if (accept("PRECEDING")) {
    bound.kind = Kind::kPreceding;
    return bound;
  }
  EDDY_RETURN_IF_ERROR(expect("FOLLOWING"));
  bound.kind = Kind::kFollowing;
  return bound;
}

Result<std::vector<OrderItem>> Parser::parseOrderItems() {
  std::vector<OrderItem> items;
  do {
    OrderItem item;
    EDDY_ASSIGN_OR_RETURN(item.expr, parseExpression());
    if (accept("ASC")) {
      item.direction = OrderItem::Direction::kAsc;
    } else if (accept("DESC")) {
      item.direction = OrderItem::Direction::kDesc;
    }
    if (accept("NULLS")) {
      if (accept("FIRST")) {
        item.null_order = OrderItem::NullOrder::kFirst;
      } else {
        EDDY_RETURN_IF_ERROR(expect("LAST"));
        item.null_order = OrderItem::NullOrder::kLast;
      }
    }
    items.push_back(std::move(item));
  } while (acceptSymbol(","));
  return items;
}

Result<ExprPtr> Parser::parseCast(bool try_cast) {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto cast = std::make_unique<Expr>(ExprKind::kCast, current().position);
  cast->try_cast = try_cast;
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
  cast->operands.push_back(std::move(value));
  EDDY_RETURN_IF_ERROR(expect("AS"));
  EDDY_ASSIGN_OR_RETURN(DataTypeSpec type, parseDataType());
  cast->type = std::make_unique<DataTypeSpec>(std::move(type));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return cast;
}

Result<ExprPtr> Parser::parseExtract() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto extract = std::make_unique<Expr>(ExprKind::kExtract, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(extract->text, parseTimeUnit());
  EDDY_RETURN_IF_ERROR(expect("FROM"));
  EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
  extract->operands.push_back(std::move(value));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return extract;
}

Result<ExprPtr> Parser::parseFloorCeil(std::string name) {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
  if (accept("TO")) {
    auto expr = std::make_unique<Expr>(ExprKind::kFloorCeil, position);
    expr->text = name == "FLOOR" ? "FLOOR" : "CEIL";
    EDDY_ASSIGN_OR_RETURN(expr->unit, parseTimeUnit());
    expr->operands.push_back(std::move(value));
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return expr;
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, position);
  call->names.push_back(std::move(name));
  call->operands.push_back(std::move(value));
  EDDY_RETURN_IF_ERROR(parseCallSuffix(*call));
  return call;
}

Result<ExprPtr> Parser::parseTrim() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto trim = std::make_unique<Expr>(ExprKind::kTrim, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  for (std::string_view spec : {"BOTH", "LEADING", "TRAILING"}) {
    if (accept(spec)) {
      trim->text = std::string(spec);
      break;
    }
  }
  if (accept("FROM")) {
    trim->operands.push_back(nullptr);
    EDDY_ASSIGN_OR_RETURN(ExprPtr source, parseExpression());
    trim->operands.push_back(std::move(source));
  } else {
    EDDY_ASSIGN_OR_RETURN(ExprPtr first, parseExpression());
    if (accept("FROM")) {
      trim->operands.push_back(std::move(first));
      EDDY_ASSIGN_OR_RETURN(ExprPtr source, parseExpression());
      trim->operands.push_back(std::move(source));
    } else if (!trim->text.empty()) {
      return syntaxError();
    } else {
      trim->operands.push_back(nullptr);
      trim->operands.push_back(std::move(first));
    }
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return trim;
}

Result<ExprPtr> Parser::parsePosition() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto position = std::make_unique<Expr>(ExprKind::kPosition, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ExprPtr needle, parseAdditive());
  EDDY_RETURN_IF_ERROR(expect("IN"));
  EDDY_ASSIGN_OR_RETURN(ExprPtr haystack, parseExpression());
  position->operands.push_back(std::move(needle));
  position->operands.push_back(std::move(haystack));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return position;
}

Result<ExprPtr> Parser::parseSubstring() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto substring = std::make_unique<Expr>(ExprKind::kSubstring, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
  substring->operands.push_back(std::move(value));
  const bool keywords = accept("FROM");
  if (!keywords) EDDY_RETURN_IF_ERROR(expectSymbol(","));
  EDDY_ASSIGN_OR_RETURN(ExprPtr from, parseExpression());
  substring->operands.push_back(std::move(from));
  if (keywords ? accept("FOR") : acceptSymbol(",")) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr length, parseExpression());
    substring->operands.push_back(std::move(length));
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return substring;
}

Result<ExprPtr> Parser::parseOverlay() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto overlay = std::make_unique<Expr>(ExprKind::kOverlay, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
  overlay->operands.push_back(std::move(value));
  EDDY_RETURN_IF_ERROR(expect("PLACING"));
  EDDY_ASSIGN_OR_RETURN(ExprPtr placing, parseExpression());
  overlay->operands.push_back(std::move(placing));
  EDDY_RETURN_IF_ERROR(expect("FROM"));
  EDDY_ASSIGN_OR_RETURN(ExprPtr from, parseExpression());
  overlay->operands.push_back(std::move(from));
  if (accept("FOR")) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr length, parseExpression());
    overlay->operands.push_back(std::move(length));
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return overlay;
}

Result<ExprPtr> Parser::parseTimestampAddDiff(std::string name) {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall, current().position);
  call->names.push_back(std::move(name));
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  auto unit = std::make_unique<Expr>(ExprKind::kTimeUnit, current().position);
  EDDY_ASSIGN_OR_RETURN(unit->text, parseTimeUnit());
  call->operands.push_back(std::move(unit));
  for (int i = 0; i < 2; ++i) {
    EDDY_RETURN_IF_ERROR(expectSymbol(","));
    EDDY_ASSIGN_OR_RETURN(ExprPtr argument, parseExpression());
    call->operands.push_back(std::move(argument));
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return call;
}

}  // namespace eddy::sql
