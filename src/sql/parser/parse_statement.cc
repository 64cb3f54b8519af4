// Scripts and the statements other than DDL: SET / RESET, SHOW, DESCRIBE, USE, EXPLAIN,
// INSERT, statement sets and queries.
#include "sql/parser/parser.h"

namespace eddy::sql {

Result<std::vector<Statement>> Parser::parseScript() {
  std::vector<Statement> statements;
  while (true) {
    while (acceptSymbol(";")) {
    }
    if (atEnd()) return statements;
    if (atWords({"BEGIN", "STATEMENT", "SET"})) {
      // The SQL client's form: BEGIN STATEMENT SET; INSERT ...; ... END;
      Statement statement{current().position, StatementSet{}};
      advance();
      advance();
      advance();
      EDDY_RETURN_IF_ERROR(expectSymbol(";"));
      auto& inserts = std::get<StatementSet>(statement.node).inserts;
      while (!accept("END")) {
        if (!at("INSERT")) return syntaxError();
        EDDY_ASSIGN_OR_RETURN(Insert insert, parseInsert());
        inserts.push_back(std::move(insert));
        EDDY_RETURN_IF_ERROR(expectSymbol(";"));
      }
      statements.push_back(std::move(statement));
    } else {
      EDDY_ASSIGN_OR_RETURN(Statement statement, parseStatement());
      statements.push_back(std::move(statement));
    }
    if (!atEnd() && !atSymbol(";")) {
      note("<EOF>");
      return syntaxError();
    }
  }
}

Result<Statement> Parser::parseSingleStatement() {
  EDDY_ASSIGN_OR_RETURN(Statement statement, parseStatement());
  acceptSymbol(";");
  if (!atEnd()) {
    note("<EOF>");
    return syntaxError();
  }
  return statement;
}

Result<ExprPtr> Parser::parseSingleExpression() {
  EDDY_ASSIGN_OR_RETURN(ExprPtr expr, parseExpression());
  if (!atEnd()) {
    note("<EOF>");
    return syntaxError();
  }
  return expr;
}

Result<Statement> Parser::parseStatement() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  auto wrap = [position](auto node) -> Result<Statement> { return Statement{position, std::move(node)}; };
  if (at("CREATE")) {
    EDDY_ASSIGN_OR_RETURN(Statement::Node node, parseCreate());
    return Statement{position, std::move(node)};
  }
  if (at("DROP")) {
    EDDY_ASSIGN_OR_RETURN(DropObject drop, parseDrop());
    return wrap(std::move(drop));
  }
  if (at("ALTER")) {
    EDDY_ASSIGN_OR_RETURN(AlterTable alter, parseAlter());
    return wrap(std::move(alter));
  }
  if (at("SET") || at("RESET")) {
    EDDY_ASSIGN_OR_RETURN(Statement::Node node, parseSetOrReset());
    return Statement{position, std::move(node)};
  }
  if (at("SHOW")) {
    EDDY_ASSIGN_OR_RETURN(Show show, parseShow());
    return wrap(std::move(show));
  }
  if (at("DESCRIBE") || at("DESC") || at("USE")) {
    EDDY_ASSIGN_OR_RETURN(Statement::Node node, parseDescribeOrUse());
    return Statement{position, std::move(node)};
  }
  if (at("EXPLAIN")) {
    EDDY_ASSIGN_OR_RETURN(Explain explain, parseExplain());
    return wrap(std::move(explain));
  }
  if (at("INSERT")) {
    EDDY_ASSIGN_OR_RETURN(Insert insert, parseInsert());
    return wrap(std::move(insert));
  }
  if (at("EXECUTE")) {
    advance();
    EDDY_ASSIGN_OR_RETURN(std::vector<Insert> inserts, parseStatementSetBody());
    return wrap(StatementSet{std::move(inserts)});
  }
  if (atQueryStart() || atSymbol("(")) {
    EDDY_ASSIGN_OR_RETURN(QueryPtr query, parseQuery());
    return wrap(QueryStatement{std::move(query)});
  }
  return syntaxError();
}

Result<std::vector<Insert>> Parser::parseStatementSetBody() {
  EDDY_RETURN_IF_ERROR(expect("STATEMENT"));
  EDDY_RETURN_IF_ERROR(expect("SET"));
  EDDY_RETURN_IF_ERROR(expect("BEGIN"));
  std::vector<Insert> inserts;
  do {
    if (!at("INSERT")) return syntaxError();
    EDDY_ASSIGN_OR_RETURN(Insert insert, parseInsert());
    inserts.push_back(std::move(insert));
    EDDY_RETURN_IF_ERROR(expectSymbol(";"));
  } while (!accept("END"));
  return inserts;
}

Result<Statement::Node> Parser::parseSetOrReset() {
  const bool set = isWord(current(), "SET");
  advance();
  if (current().kind != TokenKind::kString) {
    note("<QUOTED_STRING>");
    if (set) return Statement::Node(SetStatement{});
    return Statement::Node(ResetStatement{});
  }
  EDDY_ASSIGN_OR_RETURN(std::string key, parseStringLiteral());
  if (!set) return Statement::Node(ResetStatement{std::move(key)});
  EDDY_RETURN_IF_ERROR(expectSymbol("="));
  EDDY_ASSIGN_OR_RETURN(std::string value, parseStringLiteral());
  return Statement::Node(SetStatement{std::move(key), std::move(value)});
}

Result<Show> Parser::parseShow() {
  using Kind = Show::Kind;
  Show show;
  advance();
  auto parseLikePattern = [this, &show]() -> Status {
    const bool negated = isWord(current(), "NOT") && isWord(peekToken(1), "LIKE");
    if (negated) advance();
    if (!accept("LIKE")) return Status::OK();
    show.not_like = negated;
    EDDY_ASSIGN_OR_RETURN(show.like, parseStringLiteral());
    return Status::OK();
  };
  auto parseFromIn = [this, &show]() -> Status {
    if (at("FROM") || at("IN")) {
      show.from_in = isWord(current(), "IN");
      advance();
      EDDY_ASSIGN_OR_RETURN(show.name, parseCompoundIdentifier());
    }
    return Status::OK();
  };
  if (accept("TABLES") || accept("VIEWS")) {
    show.kind = isWord(tokens_[pos_ - 1], "TABLES") ? Kind::kTables : Kind::kViews;
    EDDY_RETURN_IF_ERROR(parseFromIn());
    EDDY_RETURN_IF_ERROR(parseLikePattern());
  } else if (accept("FUNCTIONS")) {
    show.kind = Kind::kFunctions;
  } else if (accept("USER")) {
    EDDY_RETURN_IF_ERROR(expect("FUNCTIONS"));
    show.kind = Kind::kUserFunctions;
  } else if (accept("DATABASES")) {
    show.kind = Kind::kDatabases;
  } else if (accept("CATALOGS")) {
    show.kind = Kind::kCatalogs;
  } else if (accept("MODULES")) {
    show.kind = Kind::kModules;
  } else if (accept("FULL")) {
    EDDY_RETURN_IF_ERROR(expect("MODULES"));
    show.kind = Kind::kFullModules;
  } else if (accept("JARS")) {
    show.kind = Kind::kJars;
  } else if (accept("CURRENT")) {
    if (accept("CATALOG")) {
      show.kind = Kind::kCurrentCatalog;
    } else {
      EDDY_RETURN_IF_ERROR(expect("DATABASE"));
      show.kind = Kind::kCurrentDatabase;
    }
  } else if (accept("CREATE")) {
    if (accept("TABLE")) {
      show.kind = Kind::kCreateTable;
    } else {
      EDDY_RETURN_IF_ERROR(expect("VIEW"));
      show.kind = Kind::kCreateView;
    }
    EDDY_ASSIGN_OR_RETURN(show.name, parseCompoundIdentifier());
  } else if (accept("COLUMNS")) {
    show.kind = Kind::kColumns;
    if (!at("FROM") && !at("IN")) return syntaxError();
    EDDY_RETURN_IF_ERROR(parseFromIn());
    EDDY_RETURN_IF_ERROR(parseLikePattern());
  } else {
    return syntaxError();
  }
  return show;
}

Result<Statement::Node> Parser::parseDescribeOrUse() {
  if (accept("USE")) {
    Use use;
    use.catalog = accept("CATALOG");
    EDDY_ASSIGN_OR_RETURN(use.name, parseCompoundIdentifier());
    return Statement::Node(std::move(use));
  }
  advance();
  Describe describe;
  describe.extended = accept("EXTENDED");
  EDDY_ASSIGN_OR_RETURN(describe.name, parseCompoundIdentifier());
  return Statement::Node(std::move(describe));
}

Result<Explain> Parser::parseExplain() {
  static constexpr std::pair<std::string_view, ExplainDetail> kDetails[] = {
      {"ESTIMATED_COST", ExplainDetail::kEstimatedCost},
      {"CHANGELOG_MODE", ExplainDetail::kChangelogMode},
      {"PLAN_ADVICE", ExplainDetail::kPlanAdvice},
      {"JSON_EXECUTION_PLAN", ExplainDetail::kJsonExecutionPlan}};
  Explain explain;
  advance();
  if (accept("PLAN")) {
    EDDY_RETURN_IF_ERROR(expect("FOR"));
    explain.plan_for = true;
  } else {
    while (true) {
      bool found = false;
      for (const auto& [word, detail] : kDetails) {
        if (accept(word)) {
          explain.details.push_back(detail);
          found = true;
          break;
        }
      }
      if (!found) {
        if (!explain.details.empty()) return syntaxError();
        break;
      }
      if (!acceptSymbol(",")) break;
    }
  }
  const SourcePosition position = current().position;
  if (at("STATEMENT") || at("EXECUTE")) {
    accept("EXECUTE");
    EDDY_ASSIGN_OR_RETURN(std::vector<Insert> inserts, parseStatementSetBody());
    explain.statement = std::make_unique<Statement>(Statement{position, StatementSet{std::move(inserts)}});
    return explain;
  }
  if (!at("INSERT") && !at("CREATE") && !atQueryStart() && !atSymbol("(")) return syntaxError();
  EDDY_ASSIGN_OR_RETURN(Statement statement, parseStatement());
  explain.statement = std::make_unique<Statement>(std::move(statement));
  return explain;
}

Result<Insert> Parser::parseInsert() {
  Insert insert;
  insert.position = current().position;
  advance();
  if (accept("OVERWRITE")) {
    insert.overwrite = true;
  } else {
    EDDY_RETURN_IF_ERROR(expect("INTO"));
  }
  EDDY_ASSIGN_OR_RETURN(insert.table, parseCompoundIdentifier());
  if (accept("PARTITION")) {
    EDDY_RETURN_IF_ERROR(expectSymbol("("));
    do {
      SqlOption value;
      value.position = current().position;
      EDDY_ASSIGN_OR_RETURN(value.key, parseIdentifier());
      EDDY_RETURN_IF_ERROR(expectSymbol("="));
      const TokenKind kind = current().kind;
      if (kind != TokenKind::kString && kind != TokenKind::kInteger && kind != TokenKind::kDecimal) {
        note("<LITERAL>");
        return syntaxError();
      }
      value.value = std::string(current().text);
      advance();
      insert.partition.push_back(std::move(value));
    } while (acceptSymbol(","));
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  }
  const Token& next = peekToken(1);
  const bool query_in_parentheses =
      isWord(next, "SELECT") || isWord(next, "WITH") || isWord(next, "VALUES") || next.text == "(";
  if (atSymbol("(") && !query_in_parentheses) {
    EDDY_ASSIGN_OR_RETURN(insert.columns, parseParenthesizedIdentifiers());
  }
  EDDY_ASSIGN_OR_RETURN(insert.query, parseQuery());
  return insert;
}

}  // namespace eddy::sql
