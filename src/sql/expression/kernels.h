#pragma once

#include <cstddef>

#include "eddy/common/status.h"
#include "sql/expression/bound_expr.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/expression/vector_ops.h"

// The evaluator's kernels, one entry point per family of functions. Each takes the call,
// its operands' values as dense vectors of `n` rows (in the call's operand order) and
// appends `n` results to `out`, whose type is the call's type.
namespace eddy::sql::kernels {

using types::ColumnVector;
using vector_ops::Args;

// + - * / MOD and unary minus on numbers, DECIMALs, intervals and date-times.
Status arithmetic(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// = <> < <= > >= IS [NOT] DISTINCT FROM and LIKE.
Status comparison(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// NOT and IS [NOT] NULL / TRUE / FALSE.
Status logic(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// CAST and TRY_CAST.
Status cast(const BoundExpr& call, Args args, size_t n, ColumnVector& out, const EvaluationContext& context);
// || and the string functions whose result is a string.
Status string(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// ASCII, LOCATE, INSTR, REGEXP and SIMILAR TO.
Status stringSearch(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// GREATEST and LEAST.
Status extremum(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// TO_TIMESTAMP_LTZ and CONVERT_TZ.
Status timeZone(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// MD5, SHA1, SHA224, SHA256, SHA384, SHA512 and SHA2.
Status hash(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// ABS, POWER, SQRT, FLOOR, CEIL, ROUND, TRUNCATE, LN, LOG10, LOG2, LOG, EXP, SIGN, the
// trigonometric functions, DEGREES and RADIANS.
Status math(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// EXTRACT, FLOOR/CEIL TO, DATE_FORMAT, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP, FROM_UNIXTIME,
// TIMESTAMPADD, TIMESTAMPDIFF.
Status temporal(const BoundExpr& call, Args args, size_t n, ColumnVector& out, const EvaluationContext& context);
// PROCTIME(): the current processing time on every row (eval_proctime.cc).
Status proctime(size_t n, ColumnVector& out);
// A user-defined ScalarFunction: its eval on the whole batch (eval_udf.cc).
Status userDefined(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// CURRENT_WATERMARK: the context's watermark on every row (eval_current_watermark.cc).
Status currentWatermark(size_t n, ColumnVector& out, const EvaluationContext& context);
// ARRAY, MAP and ROW constructors, ITEM, CARDINALITY, ELEMENT, ARRAY_CONTAINS and
// SINGLE_VALUE (eval_collection.cc).
Status collection(const BoundExpr& call, Args args, size_t n, ColumnVector& out);
// The JSON functions (eval_json.cc).
Status json(const BoundExpr& call, Args args, size_t n, ColumnVector& out);

}  // namespace eddy::sql::kernels
