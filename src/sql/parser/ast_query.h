#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/ast_expression.h"

namespace eddy::sql {

struct TableRef;
struct Select;
using QueryPtr = std::unique_ptr<Query>;
using TableRefPtr = std::unique_ptr<TableRef>;

enum class JoinType { kComma, kInner, kLeft, kRight, kFull, kCross };

enum class TableRefKind {
  kTable,          // names [FOR SYSTEM_TIME AS OF system_time]
  kSubquery,       // query; lateral for LATERAL (SELECT ...)
  kJoin,           // join_type, natural, left, right, condition or using_columns
  kTableFunction,  // call; lateral for LATERAL TABLE(f(x)), otherwise TABLE(f(x))
  kUnnest,         // unnest_args, with_ordinality
};

// An item of a FROM clause, tagged by `kind`; any kind but kJoin may carry an alias with
// column aliases: `AS t(a, b)`.
struct TableRef {
  TableRef(TableRefKind kind, SourcePosition position) : kind(kind), position(position) {}

  TableRefKind kind;
  SourcePosition position;
  std::vector<std::string> names;
  ExprPtr system_time;
  QueryPtr query;
  ExprPtr call;
  std::vector<ExprPtr> unnest_args;
  bool with_ordinality = false;
  bool lateral = false;
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr condition;
  std::vector<std::string> using_columns;
  std::optional<std::string> alias;
  std::vector<std::string> column_aliases;
};

// An item of the SELECT list: an expression (possibly a star) with an optional alias.
struct SelectItem {
  SourcePosition position;
  ExprPtr expr;
  std::optional<std::string> alias;
};

// An entry of the WINDOW clause: `w AS (PARTITION BY ... ORDER BY ...)`.
struct NamedWindow {
  SourcePosition position;
  std::string name;
  WindowSpec spec;
};

// A SELECT block without ORDER BY / LIMIT, which belong to the enclosing Query.
struct Select {
  SourcePosition position;
  bool distinct = false;
  std::vector<SelectItem> items;
  TableRefPtr from;
  ExprPtr where;
  // Expressions, including kGroupingSets / kRollup / kCube nodes and group window calls.
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<NamedWindow> windows;
};

// A common table expression of a WITH clause.
struct CommonTableExpression {
  SourcePosition position;
  std::string name;
  std::vector<std::string> columns;
  QueryPtr query;
};

enum class QueryKind {
  kSelect,        // select
  kSetOperation,  // set_operator, all, left, right
  kValues,        // rows: kRow expressions, one per row
  kNested,        // left: a parenthesized query that carries its own WITH / ORDER BY / LIMIT
};

enum class SetOperator { kUnion, kIntersect, kExcept };

// A query expression: a SELECT, a set operation, VALUES, with the WITH list, ORDER BY,
// OFFSET and FETCH (LIMIT) that apply to it as a whole.
struct Query {
  Query(QueryKind kind, SourcePosition position) : kind(kind), position(position) {}

  QueryKind kind;
  SourcePosition position;
  std::vector<CommonTableExpression> with;
  std::unique_ptr<Select> select;
  SetOperator set_operator = SetOperator::kUnion;
  bool all = false;
  QueryPtr left;
  QueryPtr right;
  std::vector<ExprPtr> rows;
  std::vector<OrderItem> order_by;
  ExprPtr offset;
  ExprPtr fetch;  // LIMIT n and FETCH FIRST n ROWS ONLY
};

}  // namespace eddy::sql
