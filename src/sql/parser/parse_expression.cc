// Operators by precedence, lowest first, as Calcite's: OR, AND, NOT, IS ..., comparison,
// BETWEEN / LIKE / SIMILAR TO / OVERLAPS / IN, + -, * / % ||, unary + -, then [index] and .field.
#include "sql/parser/parser.h"

namespace eddy::sql {

// A call's span, as Calcite's: from its first operand (or prefix operator) to the last token.
ExprPtr Parser::makeUnary(Operator op, SourcePosition position, ExprPtr operand) {
  const bool postfix = op >= Operator::kIsNull && op <= Operator::kIsNotUnknown;
  auto expr = std::make_unique<Expr>(ExprKind::kUnary, endAtPrevious(postfix ? operand->position.start() : position));
  expr->op = op;
  expr->operands.push_back(std::move(operand));
  return expr;
}

ExprPtr Parser::makeBinary(Operator op, ExprPtr left, ExprPtr right) {
  auto expr = std::make_unique<Expr>(ExprKind::kBinary, endAtPrevious(left->position.start()));
  expr->op = op;
  expr->operands.push_back(std::move(left));
  expr->operands.push_back(std::move(right));
  return expr;
}

Result<ExprPtr> Parser::parseExpression() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  return parseOr();
}

Result<ExprPtr> Parser::parseOr() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, parseAnd());
  while (at("OR")) {
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    EDDY_ASSIGN_OR_RETURN(ExprPtr right, parseAnd());
    left = makeBinary(Operator::kOr, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parseAnd() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, parseNot());
  while (at("AND")) {
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    EDDY_ASSIGN_OR_RETURN(ExprPtr right, parseNot());
    left = makeBinary(Operator::kAnd, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parseNot() {
  if (!at("NOT")) return parseIs();
  Nesting nesting(*this);
  const SourcePosition position = current().position;
  advance();
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  EDDY_ASSIGN_OR_RETURN(ExprPtr operand, parseNot());
  return makeUnary(Operator::kNot, position, std::move(operand));
}

Result<ExprPtr> Parser::parseIs() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, parseComparison());
  while (at("IS")) {
    const SourcePosition position = current().position;
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    const bool negated = accept("NOT");
    if (accept("NULL")) {
      left = makeUnary(negated ? Operator::kIsNotNull : Operator::kIsNull, position, std::move(left));
    } else if (accept("TRUE")) {
      left = makeUnary(negated ? Operator::kIsNotTrue : Operator::kIsTrue, position, std::move(left));
    } else if (accept("FALSE")) {
      left = makeUnary(negated ? Operator::kIsNotFalse : Operator::kIsFalse, position, std::move(left));
    } else if (accept("UNKNOWN")) {
      left = makeUnary(negated ? Operator::kIsNotUnknown : Operator::kIsUnknown, position, std::move(left));
    } else if (at("JSON")) {
      EDDY_ASSIGN_OR_RETURN(left, parseIsJson(std::move(left), negated, position));
    } else if (accept("DISTINCT")) {
      EDDY_RETURN_IF_ERROR(expect("FROM"));
      EDDY_ASSIGN_OR_RETURN(ExprPtr right, parseComparison());
      left = makeBinary(negated ? Operator::kIsNotDistinctFrom : Operator::kIsDistinctFrom, std::move(left),
                        std::move(right));
    } else {
      return syntaxError();
    }
  }
  return left;
}

Result<ExprPtr> Parser::parseLeftAssociative(std::span<const std::pair<std::string_view, Operator>> operators,
                                             Result<ExprPtr> (Parser::*next)()) {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, (this->*next)());
  while (true) {
    Operator op = Operator::kNone;
    for (const auto& [symbol, candidate] : operators) {
      if (atSymbol(symbol)) {
        op = candidate;
        break;
      }
    }
    if (op == Operator::kNone) return left;
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    EDDY_ASSIGN_OR_RETURN(ExprPtr right, (this->*next)());
    left = makeBinary(op, std::move(left), std::move(right));
  }
}

Result<ExprPtr> Parser::parseComparison() {
  static constexpr std::pair<std::string_view, Operator> kOperators[] = {
      {"=", Operator::kEquals},         {"<>", Operator::kNotEquals},        {"!=", Operator::kNotEquals},
      {"<", Operator::kLessThan},       {"<=", Operator::kLessThanOrEqual},  {">", Operator::kGreaterThan},
      {">=", Operator::kGreaterThanOrEqual},
  };
  return parseLeftAssociative(kOperators, &Parser::parsePredicate);
}

Result<ExprPtr> Parser::parsePredicate() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, parseAdditive());
  while (true) {
    const SourcePosition position = left->position.start();
    bool negated = false;
    if (isWord(current(), "NOT") &&
        (isWord(peekToken(1), "BETWEEN") || isWord(peekToken(1), "LIKE") || isWord(peekToken(1), "SIMILAR") ||
         isWord(peekToken(1), "IN"))) {
      negated = true;
      advance();
    }
    if (accept("BETWEEN")) {
      EDDY_RETURN_IF_ERROR(deepen(1));
      auto expr = std::make_unique<Expr>(ExprKind::kBetween, position);
      expr->negated = negated;
      if (accept("SYMMETRIC")) {
        expr->symmetric = true;
      } else {
        accept("ASYMMETRIC");
      }
      EDDY_ASSIGN_OR_RETURN(ExprPtr low, parseAdditive());
      EDDY_RETURN_IF_ERROR(expect("AND"));
      EDDY_ASSIGN_OR_RETURN(ExprPtr high, parseAdditive());
      expr->operands.push_back(std::move(left));
      expr->operands.push_back(std::move(low));
      expr->operands.push_back(std::move(high));
      closeNode(*expr);
      left = std::move(expr);
    } else if (at("LIKE") || at("SIMILAR")) {
      const bool similar = accept("SIMILAR");
      if (similar) {
        EDDY_RETURN_IF_ERROR(expect("TO"));
      } else {
        advance();
      }
      EDDY_RETURN_IF_ERROR(deepen(1));
      auto expr = std::make_unique<Expr>(ExprKind::kLike, position);
      expr->op = similar ? Operator::kSimilarTo : Operator::kLike;
      expr->negated = negated;
      EDDY_ASSIGN_OR_RETURN(ExprPtr pattern, parseAdditive());
      expr->operands.push_back(std::move(left));
      expr->operands.push_back(std::move(pattern));
      if (accept("ESCAPE")) {
        EDDY_ASSIGN_OR_RETURN(ExprPtr escape, parseAdditive());
        expr->operands.push_back(std::move(escape));
      }
      closeNode(*expr);
      left = std::move(expr);
    } else if (accept("OVERLAPS")) {
      EDDY_RETURN_IF_ERROR(deepen(1));
      EDDY_ASSIGN_OR_RETURN(ExprPtr right, parseAdditive());
      left = makeBinary(Operator::kOverlaps, std::move(left), std::move(right));
    } else if (accept("IN")) {
      EDDY_RETURN_IF_ERROR(deepen(1));
      auto expr = std::make_unique<Expr>(ExprKind::kIn, position);
      expr->negated = negated;
      expr->operands.push_back(std::move(left));
      EDDY_RETURN_IF_ERROR(expectSymbol("("));
      if (atQueryStart()) {
        EDDY_ASSIGN_OR_RETURN(expr->query, parseQuery());
        EDDY_RETURN_IF_ERROR(expectSymbol(")"));
      } else {
        EDDY_ASSIGN_OR_RETURN(std::vector<ExprPtr> list, parseExpressionList(")"));
        for (ExprPtr& item : list) expr->operands.push_back(std::move(item));
      }
      closeNode(*expr);
      left = std::move(expr);
    } else {
      return left;
    }
  }
}

Result<ExprPtr> Parser::parseAdditive() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(ExprPtr left, parseMultiplicative());
  while (atSymbol("+") || atSymbol("-")) {
    const Operator op = current().text == "+" ? Operator::kPlusBinary : Operator::kMinus;
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    EDDY_ASSIGN_OR_RETURN(ExprPtr right, parseMultiplicative());
    left = makeBinary(op, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parseMultiplicative() {
  static constexpr std::pair<std::string_view, Operator> kOperators[] = {
      {"*", Operator::kMultiply}, {"/", Operator::kDivide}, {"%", Operator::kModulo}, {"||", Operator::kConcat}};
  return parseLeftAssociative(kOperators, &Parser::parseUnary);
}

Result<ExprPtr> Parser::parseUnary() {
  if (!atSymbol("-") && !atSymbol("+")) return parsePostfix();
  Nesting nesting(*this);
  const Operator op = current().text == "-" ? Operator::kNegate : Operator::kPlus;
  const SourcePosition position = current().position;
  advance();
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  EDDY_ASSIGN_OR_RETURN(ExprPtr operand, parseUnary());
  return makeUnary(op, position, std::move(operand));
}

Result<ExprPtr> Parser::parsePostfix() {
  Nesting nesting(*this);
  const bool parenthesized = current().kind == TokenKind::kSymbol && current().text == "(";
  EDDY_ASSIGN_OR_RETURN(ExprPtr base, parsePrimary());
  // A parenthesized expression keeps its own span: parentheses are not a node in Calcite.
  if (!parenthesized || base->kind == ExprKind::kRow || base->kind == ExprKind::kScalarSubquery) closeNode(*base);
  while (true) {
    const SourcePosition position = current().position;
    if (acceptSymbol("[")) {
      EDDY_RETURN_IF_ERROR(deepen(1));
      auto item = std::make_unique<Expr>(ExprKind::kItem, position);
      item->operands.push_back(std::move(base));
      EDDY_ASSIGN_OR_RETURN(ExprPtr index, parseExpression());
      item->operands.push_back(std::move(index));
      EDDY_RETURN_IF_ERROR(expectSymbol("]"));
      closeNode(*item);
      base = std::move(item);
    } else if (base->kind != ExprKind::kStar && acceptSymbol(".")) {
      EDDY_RETURN_IF_ERROR(deepen(1));
      auto field = std::make_unique<Expr>(ExprKind::kFieldAccess, position);
      EDDY_ASSIGN_OR_RETURN(field->text, parseIdentifier());
      field->operands.push_back(std::move(base));
      closeNode(*field);
      base = std::move(field);
    } else {
      return base;
    }
  }
}

Result<std::vector<ExprPtr>> Parser::parseExpressionList(std::string_view close) {
  std::vector<ExprPtr> list;
  do {
    EDDY_ASSIGN_OR_RETURN(ExprPtr item, parseExpression());
    list.push_back(std::move(item));
  } while (acceptSymbol(","));
  EDDY_RETURN_IF_ERROR(expectSymbol(close));
  return list;
}

}  // namespace eddy::sql
