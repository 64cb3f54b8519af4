#pragma once

#include <cstdint>
#include <limits>
#include <span>

#include "eddy/common/result.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/column_vector.h"
#include "sql/expression/bound_expr.h"
#include "sql/expression/temporal.h"

namespace eddy::sql {

// What evaluation needs from the session: the time zone of 'table.local-time-zone', for
// TIMESTAMP_LTZ conversions, UNIX_TIMESTAMP and FROM_UNIXTIME; and from the operator: its
// current watermark, for CURRENT_WATERMARK.
struct EvaluationContext {
  temporal::SessionTimeZone time_zone;  // Default: UTC.
  // Milliseconds; Long.MIN_VALUE (no watermark yet) makes CURRENT_WATERMARK NULL.
  int64_t current_watermark = std::numeric_limits<int64_t>::min();  // Default: no watermark.
};

// Evaluates a BoundExpr over ColumnBatches, a column at a time: each call node runs one
// typed loop over the rows of its operands' columns, with NULLs propagated through the
// validity bitmaps. AND, OR and CASE evaluate an operand only on the rows that need it (as
// Flink's generated code short-circuits), so `x <> 0 AND 10 / x > 1` never divides by zero.
// Runtime failures that fail a Flink job (integer division by zero, a CAST of a malformed
// string) are InvalidArgument; TRY_CAST and DECIMAL overflow give NULL instead.
// Owns its expression; evaluate() is const and thread-compatible (no shared mutable state).
class ExpressionEvaluator {
 public:
  explicit ExpressionEvaluator(BoundExprPtr expr, EvaluationContext context = {});

  const BoundExpr& expr() const { return *expr_; }

  // Appends one result per row of `batch` to `out`. REQUIRES: out.type() has the
  // expression's type root (and precision, for timestamps and decimals).
  Status evaluate(const types::ColumnBatch& batch, types::ColumnVector& out) const;
  // The same for the rows of `selection` (row indices into `batch`), in its order.
  Status evaluate(const types::ColumnBatch& batch, std::span<const int32_t> selection, types::ColumnVector& out) const;
  // The same two, with `current_watermark` instead of the context's, for an operator that
  // evaluates CURRENT_WATERMARK.
  Status evaluate(const types::ColumnBatch& batch, types::ColumnVector& out, int64_t current_watermark) const;
  Status evaluate(const types::ColumnBatch& batch, std::span<const int32_t> selection, types::ColumnVector& out,
                  int64_t current_watermark) const;
  // A new vector of the expression's type.
  Result<types::ColumnVector> evaluate(const types::ColumnBatch& batch) const;

 private:
  BoundExprPtr expr_;
  EvaluationContext context_;
};

}  // namespace eddy::sql
