// Query expressions: WITH, set operations, SELECT blocks, VALUES, ORDER BY, LIMIT / OFFSET /
// FETCH.
#include "sql/parser/parser.h"

namespace eddy::sql {

namespace {

bool hasTail(const Query& query) { return !query.order_by.empty() || query.offset || query.fetch; }

QueryPtr nest(QueryPtr inner) {
  auto outer = std::make_unique<Query>(QueryKind::kNested, inner->position);
  outer->left = std::move(inner);
  return outer;
}

}  // namespace

bool Parser::atQueryStart() { return at("SELECT") || at("WITH") || at("VALUES"); }

Result<QueryPtr> Parser::parseQuery() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  std::vector<CommonTableExpression> with;
  if (accept("WITH")) {
    do {
      CommonTableExpression cte;
      cte.position = current().position;
      EDDY_ASSIGN_OR_RETURN(cte.name, parseIdentifier());
      if (atSymbol("(")) {
        EDDY_ASSIGN_OR_RETURN(cte.columns, parseParenthesizedIdentifiers());
      }
      EDDY_RETURN_IF_ERROR(expect("AS"));
      EDDY_RETURN_IF_ERROR(expectSymbol("("));
      EDDY_ASSIGN_OR_RETURN(cte.query, parseQuery());
      EDDY_RETURN_IF_ERROR(expectSymbol(")"));
      with.push_back(std::move(cte));
    } while (acceptSymbol(","));
  }
  EDDY_ASSIGN_OR_RETURN(QueryPtr query, parseQueryBody());
  if (!with.empty()) {
    if (!query->with.empty()) query = nest(std::move(query));
    query->with = std::move(with);
    query->position = position;
  }
  if ((at("ORDER") || at("LIMIT") || at("OFFSET") || at("FETCH")) && hasTail(*query)) query = nest(std::move(query));
  EDDY_RETURN_IF_ERROR(parseOrderByAndLimit(*query));
  return query;
}

Result<QueryPtr> Parser::parseQueryBody() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(QueryPtr left, parseQueryTerm());
  while (at("UNION") || at("EXCEPT")) {
    auto combined = std::make_unique<Query>(QueryKind::kSetOperation, current().position);
    combined->set_operator = isWord(current(), "UNION") ? SetOperator::kUnion : SetOperator::kExcept;
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    combined->all = accept("ALL");
    if (!combined->all) accept("DISTINCT");
    EDDY_ASSIGN_OR_RETURN(combined->right, parseQueryTerm());
    combined->left = std::move(left);
    left = std::move(combined);
  }
  return left;
}

Result<QueryPtr> Parser::parseQueryTerm() {
  Nesting nesting(*this);
  EDDY_ASSIGN_OR_RETURN(QueryPtr left, parseQueryPrimary());
  while (at("INTERSECT")) {
    auto combined = std::make_unique<Query>(QueryKind::kSetOperation, current().position);
    combined->set_operator = SetOperator::kIntersect;
    advance();
    EDDY_RETURN_IF_ERROR(deepen(1));
    combined->all = accept("ALL");
    if (!combined->all) accept("DISTINCT");
    EDDY_ASSIGN_OR_RETURN(combined->right, parseQueryPrimary());
    combined->left = std::move(left);
    left = std::move(combined);
  }
  return left;
}

Result<QueryPtr> Parser::parseQueryPrimary() {
  if (at("SELECT")) {
    auto query = std::make_unique<Query>(QueryKind::kSelect, current().position);
    EDDY_ASSIGN_OR_RETURN(query->select, parseSelect());
    return query;
  }
  if (at("VALUES")) return parseValues();
  if (atSymbol("(")) {
    advance();
    EDDY_ASSIGN_OR_RETURN(QueryPtr query, parseQuery());
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    return query;
  }
  at("WITH");
  return syntaxError();
}

Result<QueryPtr> Parser::parseValues() {
  auto query = std::make_unique<Query>(QueryKind::kValues, current().position);
  advance();
  do {
    const SourcePosition position = current().position;
    if (acceptSymbol("(")) {
      auto row = std::make_unique<Expr>(ExprKind::kRow, position);
      EDDY_ASSIGN_OR_RETURN(row->operands, parseExpressionList(")"));
      query->rows.push_back(std::move(row));
    } else {
      // `VALUES 1, 2` has rows of one column.
      auto row = std::make_unique<Expr>(ExprKind::kRow, position);
      EDDY_ASSIGN_OR_RETURN(ExprPtr value, parseExpression());
      row->operands.push_back(std::move(value));
      query->rows.push_back(std::move(row));
    }
  } while (acceptSymbol(","));
  return query;
}

Status Parser::parseOrderByAndLimit(Query& query) {
  if (accept("ORDER")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    EDDY_ASSIGN_OR_RETURN(query.order_by, parseOrderItems());
  }
  auto count = [this]() -> Result<ExprPtr> {
    if (current().kind != TokenKind::kInteger) {
      note("<UNSIGNED_INTEGER_LITERAL>");
      return syntaxError();
    }
    return parseLiteral();
  };
  bool limit = false;
  if (accept("LIMIT")) {
    limit = true;
    if (!accept("ALL")) {
      EDDY_ASSIGN_OR_RETURN(query.fetch, count());
    }
  }
  if (accept("OFFSET")) {
    EDDY_ASSIGN_OR_RETURN(query.offset, count());
    if (!accept("ROW")) accept("ROWS");
  }
  if (!limit && accept("FETCH")) {
    if (!accept("FIRST")) EDDY_RETURN_IF_ERROR(expect("NEXT"));
    if (current().kind == TokenKind::kInteger) {
      EDDY_ASSIGN_OR_RETURN(query.fetch, count());
    } else {
      // FETCH FIRST ROW ONLY fetches one row.
      query.fetch = std::make_unique<Expr>(ExprKind::kLiteral, current().position);
      query.fetch->literal_kind = LiteralKind::kExactNumeric;
      query.fetch->text.push_back('1');
    }
    if (!accept("ROW")) EDDY_RETURN_IF_ERROR(expect("ROWS"));
    EDDY_RETURN_IF_ERROR(expect("ONLY"));
  }
  return Status::OK();
}

Result<std::unique_ptr<Select>> Parser::parseSelect() {
  auto select = std::make_unique<Select>();
  select->position = current().position;
  advance();
  if (accept("DISTINCT")) {
    select->distinct = true;
  } else {
    accept("ALL");
  }
  do {
    SelectItem item;
    item.position = current().position;
    if (atSymbol("*")) {
      item.expr = std::make_unique<Expr>(ExprKind::kStar, current().position);
      advance();
    } else {
      EDDY_ASSIGN_OR_RETURN(item.expr, parseExpression());
      if (accept("AS") || atIdentifier()) {
        EDDY_ASSIGN_OR_RETURN(item.alias, parseIdentifier());
      }
    }
    select->items.push_back(std::move(item));
  } while (acceptSymbol(","));
  if (accept("FROM")) {
    EDDY_ASSIGN_OR_RETURN(select->from, parseTableRef());
  }
  if (accept("WHERE")) {
    EDDY_ASSIGN_OR_RETURN(select->where, parseExpression());
  }
  if (accept("GROUP")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    do {
      EDDY_ASSIGN_OR_RETURN(ExprPtr element, parseGroupingElement());
      select->group_by.push_back(std::move(element));
    } while (acceptSymbol(","));
  }
  if (accept("HAVING")) {
    EDDY_ASSIGN_OR_RETURN(select->having, parseExpression());
  }
  if (accept("WINDOW")) {
    do {
      NamedWindow window;
      window.position = current().position;
      EDDY_ASSIGN_OR_RETURN(window.name, parseIdentifier());
      EDDY_RETURN_IF_ERROR(expect("AS"));
      EDDY_ASSIGN_OR_RETURN(window.spec, parseWindowSpec());
      select->windows.push_back(std::move(window));
    } while (acceptSymbol(","));
  }
  return select;
}

Result<ExprPtr> Parser::parseGroupingElement() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  ExprKind kind = ExprKind::kGroupingSets;
  if (atWords({"GROUPING", "SETS"})) {
    advance();
  } else if (at("ROLLUP")) {
    kind = ExprKind::kRollup;
  } else if (at("CUBE")) {
    kind = ExprKind::kCube;
  } else {
    return parseExpression();
  }
  advance();
  auto element = std::make_unique<Expr>(kind, position);
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  do {
    EDDY_ASSIGN_OR_RETURN(ExprPtr item, parseGroupingElement());
    element->operands.push_back(std::move(item));
  } while (acceptSymbol(","));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return element;
}

}  // namespace eddy::sql
