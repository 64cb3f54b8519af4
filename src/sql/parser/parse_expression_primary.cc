// Primary expressions: literals, identifiers, parentheses and subqueries, and the
// constructs introduced by a keyword (CASE, CAST, INTERVAL, ROW, ARRAY, MAP, EXISTS, ...).
#include <cctype>

#include "sql/parser/lexer.h"
#include "sql/parser/parser.h"
#include "sql/parser/reserved_words.h"

namespace eddy::sql {

namespace {

std::string upperCase(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

bool isNiladicFunction(std::string_view upper) {
  return upper == "CURRENT_DATE" || upper == "CURRENT_TIME" || upper == "CURRENT_TIMESTAMP" ||
         upper == "LOCALTIME" || upper == "LOCALTIMESTAMP";
}

// Units of EXTRACT, FLOOR/CEIL ... TO and TIMESTAMPADD/TIMESTAMPDIFF, as Calcite's TimeUnit
// (with the SQL_TSI_ spellings of TIMESTAMPADD).
std::string_view timeUnitOf(std::string_view upper) {
  static constexpr std::string_view kUnits[] = {
      "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND",
      "NANOSECOND", "DOW", "DOY", "ISODOW", "ISOYEAR", "EPOCH", "DECADE", "CENTURY", "MILLENNIUM"};
  std::string_view unit = upper;
  if (unit.starts_with("SQL_TSI_")) unit.remove_prefix(8);
  if (unit == "FRAC_SECOND") return "MICROSECOND";
  for (std::string_view candidate : kUnits) {
    if (candidate == unit) return candidate;
  }
  return {};
}

// Units of an interval qualifier; Flink also accepts the plural (MINUTES).
std::string_view intervalUnitOf(std::string_view upper) {
  static constexpr std::string_view kUnits[] = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"};
  std::string_view unit = upper;
  if (unit.size() > 1 && unit.back() == 'S') unit.remove_suffix(1);
  for (std::string_view candidate : kUnits) {
    if (candidate == unit) return candidate;
  }
  return {};
}

int unitRank(std::string_view unit) {
  static constexpr std::string_view kOrder[] = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"};
  for (int i = 0; i < 8; ++i) {
    if (kOrder[i] == unit) return i;
  }
  return -1;
}

// Calcite's interval qualifiers: YEAR TO MONTH and DAY|HOUR|MINUTE TO a smaller day-time unit.
bool validRange(std::string_view start, std::string_view end) {
  if (start == "YEAR") return end == "MONTH";
  if (start == "DAY" || start == "HOUR" || start == "MINUTE") {
    return unitRank(end) > unitRank(start) && unitRank(end) >= unitRank("HOUR");
  }
  return false;
}

}  // namespace

Result<ExprPtr> Parser::parsePrimary() {
  const Token& token = current();
  switch (token.kind) {
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kApproxNumber:
    case TokenKind::kString:
    case TokenKind::kBinaryString:
      return parseLiteral();
    case TokenKind::kQuotedIdentifier:
      return parseIdentifierOrCall();
    case TokenKind::kWord:
      return parseWordPrimary();
    case TokenKind::kSymbol:
      if (token.text == "(") return parseParenthesized();
      break;
    case TokenKind::kEnd:
      break;
  }
  note("<IDENTIFIER>");
  note("<LITERAL>");
  note("(");
  return syntaxError();
}

Result<ExprPtr> Parser::parseLiteral() {
  const Token& token = current();
  auto literal = std::make_unique<Expr>(ExprKind::kLiteral, token.position);
  switch (token.kind) {
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
      literal->literal_kind = LiteralKind::kExactNumeric;
      literal->text = std::string(token.text);
      break;
    case TokenKind::kApproxNumber:
      literal->literal_kind = LiteralKind::kApproxNumeric;
      literal->text = upperCase(token.text);
      break;
    case TokenKind::kString:
      literal->literal_kind = LiteralKind::kString;
      literal->text = Lexer::unquote(token);
      break;
    default:
      literal->literal_kind = LiteralKind::kBinaryString;
      literal->text = upperCase(Lexer::unquote(token));
      break;
  }
  advance();
  return literal;
}

Result<ExprPtr> Parser::parseParenthesized() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  advance();
  if (atQueryStart()) {
    auto subquery = std::make_unique<Expr>(ExprKind::kScalarSubquery, position);
    EDDY_ASSIGN_OR_RETURN(subquery->query, parseQuery());
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return subquery;
  }
  if (acceptSymbol(")")) return std::make_unique<Expr>(ExprKind::kRow, position);
  EDDY_ASSIGN_OR_RETURN(ExprPtr first, parseExpression());
  if (acceptSymbol(")")) return first;
  if (!atSymbol(",")) return syntaxError();
  auto row = std::make_unique<Expr>(ExprKind::kRow, position);
  row->operands.push_back(std::move(first));
  while (acceptSymbol(",")) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr item, parseExpression());
    row->operands.push_back(std::move(item));
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return row;
}

Result<ExprPtr> Parser::parseWordPrimary() {
  const Token& token = current();
  const SourcePosition position = token.position;
  const std::string upper = upperCase(token.text);
  const bool call = peekToken(1).kind == TokenKind::kSymbol && peekToken(1).text == "(";
  if (upper == "TRUE" || upper == "FALSE" || upper == "UNKNOWN" || upper == "NULL") {
    auto literal = std::make_unique<Expr>(ExprKind::kLiteral, position);
    literal->literal_kind = upper == "NULL"      ? LiteralKind::kNull
                            : upper == "UNKNOWN" ? LiteralKind::kUnknown
                                                 : LiteralKind::kBoolean;
    literal->text = upper;
    advance();
    return literal;
  }
  if ((upper == "DATE" || upper == "TIME" || upper == "TIMESTAMP") && peekToken(1).kind == TokenKind::kString) {
    auto literal = std::make_unique<Expr>(ExprKind::kLiteral, position);
    literal->literal_kind = upper == "DATE" ? LiteralKind::kDate : upper == "TIME" ? LiteralKind::kTime : LiteralKind::kTimestamp;
    advance();
    literal->text = Lexer::unquote(current());
    advance();
    return literal;
  }
  if (upper == "INTERVAL") return parseIntervalLiteral();
  if (upper == "CASE") return parseCase();
  if (upper == "EXISTS") {
    advance();
    auto exists = std::make_unique<Expr>(ExprKind::kExists, position);
    EDDY_RETURN_IF_ERROR(expectSymbol("("));
    EDDY_ASSIGN_OR_RETURN(exists->query, parseQuery());
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return exists;
  }
  if (upper == "ROW" && call) return parseCollection(ExprKind::kRow);
  if (upper == "ARRAY") return parseCollection(ExprKind::kArray);
  if (upper == "MAP") return parseCollection(ExprKind::kMap);
  if (isNiladicFunction(upper) && !call) {
    auto niladic = std::make_unique<Expr>(ExprKind::kFunctionCall, position);
    niladic->names.push_back(upper);
    niladic->niladic = true;
    advance();
    return niladic;
  }
  if (call) {
    if (upper == "CAST" || upper == "TRY_CAST") return parseCast(upper == "TRY_CAST");
    if (upper == "EXTRACT") return parseExtract();
    if (upper == "FLOOR" || upper == "CEIL" || upper == "CEILING") return parseFloorCeil(upper);
    if (upper == "TRIM") return parseTrim();
    if (upper == "POSITION") return parsePosition();
    if (upper == "SUBSTRING") return parseSubstring();
    if (upper == "OVERLAY") return parseOverlay();
    if (upper == "TIMESTAMPADD" || upper == "TIMESTAMPDIFF") return parseTimestampAddDiff(upper);
    if (upper == "DESCRIPTOR") return parseDescriptor();
    if (atJsonFunction()) return parseJsonFunction();
    if (isCallableReservedWord(upper) || isNiladicFunction(upper)) {
      advance();
      return parseFunctionCall({std::string(token.text)}, false, position);
    }
  }
  if (isReservedWord(upper)) {
    note("<IDENTIFIER>");
    note("<LITERAL>");
    note("(");
    return syntaxError();
  }
  return parseIdentifierOrCall();
}

Result<ExprPtr> Parser::parseIdentifierOrCall() {
  const SourcePosition position = current().position;
  std::vector<std::string> names;
  bool quoted = current().kind == TokenKind::kQuotedIdentifier;
  EDDY_ASSIGN_OR_RETURN(std::string first, parseIdentifier());
  names.push_back(std::move(first));
  while (atSymbol(".")) {
    advance();
    if (atSymbol("*")) {
      advance();
      auto star = std::make_unique<Expr>(ExprKind::kStar, position);
      star->names = std::move(names);
      return star;
    }
    quoted = current().kind == TokenKind::kQuotedIdentifier;
    EDDY_ASSIGN_OR_RETURN(std::string next, parseIdentifier());
    names.push_back(std::move(next));
  }
  if (atSymbol("(")) return parseFunctionCall(std::move(names), quoted, position);
  auto identifier = std::make_unique<Expr>(ExprKind::kIdentifier, position);
  identifier->names = std::move(names);
  return identifier;
}

Result<ExprPtr> Parser::parseIntervalLiteral() {
  auto literal = std::make_unique<Expr>(ExprKind::kLiteral, current().position);
  literal->literal_kind = LiteralKind::kInterval;
  advance();
  if (acceptSymbol("-")) {
    literal->negated = true;
  } else {
    acceptSymbol("+");
  }
  EDDY_ASSIGN_OR_RETURN(literal->text, parseStringLiteral());
  EDDY_ASSIGN_OR_RETURN(IntervalQualifier qualifier, parseIntervalQualifier());
  literal->interval = std::make_unique<IntervalQualifier>(std::move(qualifier));
  return literal;
}

Result<IntervalQualifier> Parser::parseIntervalQualifier() {
  IntervalQualifier qualifier;
  const std::string_view start = current().kind == TokenKind::kWord ? intervalUnitOf(upperCase(current().text)) : "";
  if (start.empty()) {
    for (std::string_view unit : {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"}) note(unit);
    return syntaxError();
  }
  qualifier.start_unit = std::string(start);
  advance();
  if (acceptSymbol("(")) {
    EDDY_ASSIGN_OR_RETURN(qualifier.start_precision, parseUnsignedInt());
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  }
  if (accept("TO")) {
    const Token& end_token = current();
    const std::string_view end = end_token.kind == TokenKind::kWord ? intervalUnitOf(upperCase(end_token.text)) : "";
    if (end.empty() || !validRange(start, end)) {
      for (std::string_view unit : {"MONTH", "HOUR", "MINUTE", "SECOND"}) {
        if (validRange(start, unit)) note(unit);
      }
      return syntaxError();
    }
    qualifier.end_unit = std::string(end);
    advance();
    if (acceptSymbol("(")) {
      EDDY_ASSIGN_OR_RETURN(qualifier.end_precision, parseUnsignedInt());
      EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    }
  }
  return qualifier;
}

Result<std::string> Parser::parseTimeUnit() {
  const std::string_view unit = current().kind == TokenKind::kWord ? timeUnitOf(upperCase(current().text)) : "";
  if (unit.empty()) {
    for (std::string_view name : {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"}) note(name);
    return syntaxError();
  }
  advance();
  return std::string(unit);
}

Result<ExprPtr> Parser::parseCase() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto expr = std::make_unique<Expr>(ExprKind::kCase, current().position);
  advance();
  if (at("WHEN")) {
    expr->operands.push_back(nullptr);
  } else {
    EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
    expr->operands.push_back(std::move(value));
  }
  EDDY_RETURN_IF_ERROR(expect("WHEN"));
  do {
    EDDY_ASSIGN_OR_RETURN(ExprPtr when, parseExpression());
    EDDY_RETURN_IF_ERROR(expect("THEN"));
    EDDY_ASSIGN_OR_RETURN(ExprPtr then, parseExpression());
    expr->operands.push_back(std::move(when));
    expr->operands.push_back(std::move(then));
  } while (accept("WHEN"));
  if (accept("ELSE")) {
    EDDY_ASSIGN_OR_RETURN(ExprPtr otherwise, parseExpression());
    expr->operands.push_back(std::move(otherwise));
  } else {
    expr->operands.push_back(nullptr);
  }
  EDDY_RETURN_IF_ERROR(expect("END"));
  return expr;
}

Result<ExprPtr> Parser::parseCollection(ExprKind kind) {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  auto expr = std::make_unique<Expr>(kind, current().position);
  advance();
  const bool row = kind == ExprKind::kRow;
  expr->explicit_row = row;
  const std::string_view open = row ? "(" : "[";
  const std::string_view close = row ? ")" : "]";
  EDDY_RETURN_IF_ERROR(expectSymbol(open));
  if (acceptSymbol(close)) return expr;
  EDDY_ASSIGN_OR_RETURN(expr->operands, parseExpressionList(close));
  return expr;
}

Result<ExprPtr> Parser::parseDescriptor() {
  auto expr = std::make_unique<Expr>(ExprKind::kDescriptor, current().position);
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  do {
    auto column = std::make_unique<Expr>(ExprKind::kIdentifier, current().position);
    EDDY_ASSIGN_OR_RETURN(column->names, parseCompoundIdentifier());
    expr->operands.push_back(std::move(column));
  } while (acceptSymbol(","));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return expr;
}

}  // namespace eddy::sql
