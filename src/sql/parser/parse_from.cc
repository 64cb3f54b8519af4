// The FROM clause: tables (with FOR SYSTEM_TIME AS OF), subqueries, joins, UNNEST,
// LATERAL TABLE(...) and TABLE(...) table-valued functions such as the window TVFs.
#include <fmt/format.h>

#include "sql/parser/parser.h"

namespace eddy::sql {

Result<TableRefPtr> Parser::parseTableRef() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  EDDY_ASSIGN_OR_RETURN(TableRefPtr left, parseTablePrimary());
  while (true) {
    const SourcePosition position = current().position;
    const size_t start = pos_;
    JoinType type = JoinType::kInner;
    bool natural = false;
    if (acceptSymbol(",")) {
      type = JoinType::kComma;
    } else {
      natural = accept("NATURAL");
      if (accept("LEFT")) {
        type = JoinType::kLeft;
        accept("OUTER");
      } else if (accept("RIGHT")) {
        type = JoinType::kRight;
        accept("OUTER");
      } else if (accept("FULL")) {
        type = JoinType::kFull;
        accept("OUTER");
      } else if (!natural && accept("CROSS")) {
        type = JoinType::kCross;
      } else {
        accept("INNER");
      }
      if (!at("JOIN")) {
        if (pos_ != start) return syntaxError();
        return left;
      }
      advance();
    }
    EDDY_RETURN_IF_ERROR(deepen(1));
    auto join = std::make_unique<TableRef>(TableRefKind::kJoin, position);
    join->join_type = type;
    join->natural = natural;
    join->left = std::move(left);
    EDDY_ASSIGN_OR_RETURN(join->right, parseTablePrimary());
    if (type != JoinType::kComma && type != JoinType::kCross && !natural) {
      if (accept("ON")) {
        EDDY_ASSIGN_OR_RETURN(join->condition, parseExpression());
      } else if (accept("USING")) {
        EDDY_ASSIGN_OR_RETURN(join->using_columns, parseParenthesizedIdentifiers());
      } else {
        return syntaxError();
      }
    }
    join->position = endAtPrevious(join->position);
    left = std::move(join);
  }
}

Result<TableRefPtr> Parser::parseTablePrimary() {
  Nesting nesting(*this);
  EDDY_RETURN_IF_ERROR(deepen(kRecursionWeight));
  const SourcePosition position = current().position;
  TableRefPtr ref;
  if (accept("LATERAL")) {
    if (at("TABLE")) {
      EDDY_ASSIGN_OR_RETURN(ref, parseTableFunction(true, position));
    } else {
      EDDY_RETURN_IF_ERROR(expectSymbol("("));
      ref = std::make_unique<TableRef>(TableRefKind::kSubquery, position);
      ref->lateral = true;
      EDDY_ASSIGN_OR_RETURN(ref->query, parseQuery());
      EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    }
  } else if (at("TABLE")) {
    EDDY_ASSIGN_OR_RETURN(ref, parseTableFunction(false, position));
  } else if (accept("UNNEST")) {
    ref = std::make_unique<TableRef>(TableRefKind::kUnnest, position);
    EDDY_RETURN_IF_ERROR(expectSymbol("("));
    EDDY_ASSIGN_OR_RETURN(ref->unnest_args, parseExpressionList(")"));
    if (accept("WITH")) {
      EDDY_RETURN_IF_ERROR(expect("ORDINALITY"));
      ref->with_ordinality = true;
    }
  } else if (acceptSymbol("(")) {
    if (atQueryStart()) {
      ref = std::make_unique<TableRef>(TableRefKind::kSubquery, position);
      EDDY_ASSIGN_OR_RETURN(ref->query, parseQuery());
    } else {
      EDDY_ASSIGN_OR_RETURN(ref, parseTableRef());
    }
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
    if (ref->kind == TableRefKind::kJoin) return ref;
  } else {
    ref = std::make_unique<TableRef>(TableRefKind::kTable, position);
    EDDY_ASSIGN_OR_RETURN(ref->names, parseCompoundIdentifier());
    // Errors about the table point at its name, as Calcite's SqlIdentifier.
    ref->position = endAtPrevious(ref->position);
    if (accept("FOR")) {
      EDDY_RETURN_IF_ERROR(expect("SYSTEM_TIME"));
      EDDY_RETURN_IF_ERROR(expect("AS"));
      EDDY_RETURN_IF_ERROR(expect("OF"));
      EDDY_ASSIGN_OR_RETURN(ref->system_time, parseExpression());
    }
  }
  if (ref->position.end_line == 0) ref->position = endAtPrevious(ref->position);
  EDDY_RETURN_IF_ERROR(parseTableAlias(*ref));
  if (isWord(current(), "MATCH_RECOGNIZE")) {
    const Status located = errorAt(current().position, "MATCH_RECOGNIZE is not supported");
    return NotSupported(located.message());
  }
  return ref;
}

Result<TableRefPtr> Parser::parseTableFunction(bool lateral, SourcePosition position) {
  auto ref = std::make_unique<TableRef>(TableRefKind::kTableFunction, position);
  ref->lateral = lateral;
  advance();
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  EDDY_ASSIGN_OR_RETURN(ref->call, parseExpression());
  if (ref->call->kind != ExprKind::kFunctionCall) {
    return InvalidArgument(fmt::format("SQL parse failed. Expected a table function call at line {}, column {}.",
                                       ref->call->position.line, ref->call->position.column));
  }
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  ref->position = endAtPrevious(ref->position);
  return ref;
}

Status Parser::parseTableAlias(TableRef& ref) {
  if (!accept("AS") && !atIdentifier()) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(ref.alias, parseIdentifier());
  if (atSymbol("(")) {
    EDDY_ASSIGN_OR_RETURN(ref.column_aliases, parseParenthesizedIdentifiers());
  }
  return Status::OK();
}

}  // namespace eddy::sql
