#include "sql/parser/sql_writer.h"
#include "sql/parser/unparse.h"

namespace eddy::sql {

namespace {

void appendTableRef(std::string& out, const TableRef& ref);

std::string_view joinText(JoinType type) {
  switch (type) {
    case JoinType::kComma: return ",";
    case JoinType::kInner: return "INNER JOIN ";
    case JoinType::kLeft: return "LEFT JOIN ";
    case JoinType::kRight: return "RIGHT JOIN ";
    case JoinType::kFull: return "FULL JOIN ";
    case JoinType::kCross: return "CROSS JOIN ";
  }
  return "";
}

void appendJoin(std::string& out, const TableRef& join) {
  appendTableRef(out, *join.left);
  if (join.join_type == JoinType::kComma) {
    out += ",\n";
  } else {
    out += join.natural ? "\nNATURAL " : "\n";
    out += joinText(join.join_type);
  }
  const bool nested = join.right->kind == TableRefKind::kJoin;
  if (nested) out += "(";
  appendTableRef(out, *join.right);
  if (nested) out += ")";
  if (join.condition) {
    out += " ON ";
    appendExpr(out, *join.condition);
  } else if (!join.using_columns.empty()) {
    out += " USING ";
    appendIdentifierList(out, join.using_columns);
  }
}

void appendTableRef(std::string& out, const TableRef& ref) {
  switch (ref.kind) {
    case TableRefKind::kTable:
      appendNames(out, ref.names);
      if (ref.system_time) {
        out += " FOR SYSTEM_TIME AS OF ";
        appendExpr(out, *ref.system_time);
      }
      break;
    case TableRefKind::kSubquery:
      out += ref.lateral ? "LATERAL (" : "(";
      appendQuery(out, *ref.query);
      out += ")";
      break;
    case TableRefKind::kJoin:
      appendJoin(out, ref);
      return;
    case TableRefKind::kTableFunction:
      out += ref.lateral ? "LATERAL TABLE(" : "TABLE(";
      appendExpr(out, *ref.call);
      out += ")";
      break;
    case TableRefKind::kUnnest:
      out += "UNNEST(";
      appendExprList(out, ref.unnest_args);
      out += ref.with_ordinality ? ") WITH ORDINALITY" : ")";
      break;
  }
  if (ref.alias) {
    out += " AS ";
    appendIdentifier(out, *ref.alias);
    if (!ref.column_aliases.empty()) {
      out += " ";
      appendIdentifierList(out, ref.column_aliases);
    }
  }
}

void appendSelect(std::string& out, const Select& select) {
  out += select.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < select.items.size(); ++i) {
    if (i > 0) out += ", ";
    appendExpr(out, *select.items[i].expr);
    if (select.items[i].alias) {
      out += " AS ";
      appendIdentifier(out, *select.items[i].alias);
    }
  }
  if (select.from) {
    out += "\nFROM ";
    appendTableRef(out, *select.from);
  }
  if (select.where) {
    out += "\nWHERE ";
    appendExpr(out, *select.where);
  }
  if (!select.group_by.empty()) {
    out += "\nGROUP BY ";
    appendExprList(out, select.group_by);
  }
  if (select.having) {
    out += "\nHAVING ";
    appendExpr(out, *select.having);
  }
  for (size_t i = 0; i < select.windows.size(); ++i) {
    out += i == 0 ? "\nWINDOW " : ", ";
    appendIdentifier(out, select.windows[i].name);
    out += " AS ";
    appendWindowSpec(out, select.windows[i].spec);
  }
}

// Operands of a set operation other than plain SELECT / VALUES go in parentheses.
void appendSetOperand(std::string& out, const Query& query) {
  const bool plain = (query.kind == QueryKind::kSelect || query.kind == QueryKind::kValues) && query.with.empty() &&
                     query.order_by.empty() && !query.offset && !query.fetch;
  if (!plain) out += "(";
  appendQuery(out, query);
  if (!plain) out += ")";
}

std::string_view setOperatorText(SetOperator op) {
  switch (op) {
    case SetOperator::kUnion: return "UNION";
    case SetOperator::kIntersect: return "INTERSECT";
    case SetOperator::kExcept: return "EXCEPT";
  }
  return "";
}

}  // namespace

void appendQuery(std::string& out, const Query& query) {
  for (size_t i = 0; i < query.with.size(); ++i) {
    const CommonTableExpression& cte = query.with[i];
    out += i == 0 ? "WITH " : ", ";
    appendIdentifier(out, cte.name);
    if (!cte.columns.empty()) {
      out += " ";
      appendIdentifierList(out, cte.columns);
    }
    out += " AS (";
    appendQuery(out, *cte.query);
    out += ")";
  }
  if (!query.with.empty()) out += "\n";
  switch (query.kind) {
    case QueryKind::kSelect:
      appendSelect(out, *query.select);
      break;
    case QueryKind::kSetOperation:
      appendSetOperand(out, *query.left);
      out += "\n";
      out += setOperatorText(query.set_operator);
      out += query.all ? " ALL\n" : "\n";
      appendSetOperand(out, *query.right);
      break;
    case QueryKind::kValues:
      out += "VALUES ";
      for (size_t i = 0; i < query.rows.size(); ++i) {
        if (i > 0) out += ",\n";
        appendExpr(out, *query.rows[i]);
      }
      break;
    case QueryKind::kNested:
      out += "(";
      appendQuery(out, *query.left);
      out += ")";
      break;
  }
  if (!query.order_by.empty()) {
    out += "\nORDER BY ";
    appendOrderItems(out, query.order_by);
  }
  if (query.offset) {
    out += "\nOFFSET ";
    appendExpr(out, *query.offset);
    out += " ROWS";
  }
  if (query.fetch) {
    out += "\nFETCH NEXT ";
    appendExpr(out, *query.fetch);
    out += " ROWS ONLY";
  }
}

std::string unparse(const Query& query) {
  std::string out;
  appendQuery(out, query);
  return out;
}

}  // namespace eddy::sql
