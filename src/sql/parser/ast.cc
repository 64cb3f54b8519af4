#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// Out of line, where Query and WindowSpec are complete.
Expr::Expr(ExprKind kind, SourcePosition position) : kind(kind), position(position) {}
Expr::~Expr() = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;

// Out of line, where Statement is complete.
Explain::Explain() = default;
Explain::~Explain() = default;
Explain::Explain(Explain&&) noexcept = default;
Explain& Explain::operator=(Explain&&) noexcept = default;

}  // namespace eddy::sql
