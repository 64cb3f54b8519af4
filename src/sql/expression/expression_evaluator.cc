#include "sql/expression/expression_evaluator.h"

#include <algorithm>
#include <optional>
#include <type_traits>
#include <vector>

#include "sql/expression/kernels.h"
#include "sql/expression/vector_ops.h"

namespace eddy::sql {

using types::ColumnBatch;
using types::ColumnVector;
using F = BuiltInFunction;

namespace {

// The rows an expression is evaluated on: all rows of the batch, or the batch rows listed
// in `selection`.
struct Rows {
  const ColumnBatch& batch;
  const std::vector<int32_t>* selection;  // null for all rows

  size_t size() const { return selection ? selection->size() : batch.size(); }
  int32_t rowAt(size_t i) const { return selection ? (*selection)[i] : static_cast<int32_t>(i); }
};

// One evaluate() call: walks the tree, keeping nothing between batches.
class Evaluation {
 public:
  explicit Evaluation(const EvaluationContext& context) : context_(context) {}

  Status eval(const BoundExpr& expr, const Rows& rows, ColumnVector& out) {
    switch (expr.kind) {
      case BoundExpr::Kind::kInputRef: return gather(expr, rows, out);
      case BoundExpr::Kind::kLiteral: return repeatLiteral(expr, rows.size(), out);
      case BoundExpr::Kind::kCall: break;
    }
    switch (expr.function) {
      case F::kAnd:
      case F::kOr: return evalAndOr(expr, rows, out);
      case F::kCase: return evalCase(expr, rows, out);
      case F::kGetField: return evalGetField(expr, rows, out);
      default: break;
    }
    std::vector<std::optional<ColumnVector>> scratch(expr.operands.size());
    std::vector<const ColumnVector*> args(expr.operands.size());
    for (size_t i = 0; i < expr.operands.size(); ++i) {
      EDDY_ASSIGN_OR_RETURN(args[i], operand(*expr.operands[i], rows, scratch[i]));
    }
    return callKernel(expr, args, rows.size(), out);
  }

 private:
  // The values of `expr` on `rows`: the batch's own column for a field read on all rows,
  // otherwise a vector evaluated into `scratch`.
  Result<const ColumnVector*> operand(const BoundExpr& expr, const Rows& rows, std::optional<ColumnVector>& scratch) {
    if (expr.kind == BoundExpr::Kind::kInputRef && !rows.selection) {
      return &rows.batch.column(static_cast<size_t>(expr.input_index));
    }
    scratch.emplace(expr.type);
    scratch->reserve(rows.size());
    EDDY_RETURN_IF_ERROR(eval(expr, rows, *scratch));
    return &*scratch;
  }

  // The literal's value n times: checked and converted once, then copied as its storage type.
  static Status repeatLiteral(const BoundExpr& expr, size_t n, ColumnVector& out) {
    if (n == 0) return Status::OK();
    if (vector_ops::isNested(out.type().root())) {
      for (size_t i = 0; i < n; ++i) EDDY_RETURN_IF_ERROR(out.appendValue(expr.value));
      return Status::OK();
    }
    ColumnVector one(out.type());
    EDDY_RETURN_IF_ERROR(one.appendValue(expr.value));
    vector_ops::dispatchStorage(out.type().root(), [&](auto tag) {
      using T = decltype(tag);
      if constexpr (!std::is_same_v<T, vector_ops::StringTag>) {
        if (!one.isNull(0)) {
          std::fill_n(out.appendValid<T>(n), n, one.valueAt<T>(0));
          return;
        }
      }
      for (size_t i = 0; i < n; ++i) vector_ops::appendFrom<T>(one, 0, out);
    });
    return Status::OK();
  }

  Status gather(const BoundExpr& expr, const Rows& rows, ColumnVector& out) {
    return gatherColumn(rows.batch.column(static_cast<size_t>(expr.input_index)), rows, out);
  }

  // The evaluated rows of `column`, a column of the input batch.
  static Status gatherColumn(const ColumnVector& column, const Rows& rows, ColumnVector& out) {
    if (copyWhole(column, rows, out)) return Status::OK();
    const size_t n = rows.size();
    if (vector_ops::isNested(column.type().root())) {
      for (size_t i = 0; i < n; ++i) vector_ops::appendAnyFrom(column, static_cast<size_t>(rows.rowAt(i)), out);
      return Status::OK();
    }
    vector_ops::dispatchStorage(column.type().root(), [&](auto tag) {
      using T = decltype(tag);
      for (size_t i = 0; i < n; ++i) vector_ops::appendFrom<T>(column, static_cast<size_t>(rows.rowAt(i)), out);
    });
    return Status::OK();
  }

  // row.field: the field's child column on the evaluated rows (null where the row is, as a
  // null ROW value's fields are). A field of an input column is gathered from its child.
  Status evalGetField(const BoundExpr& expr, const Rows& rows, ColumnVector& out) {
    const BoundExpr& row_expr = *expr.operands[0];
    const auto field_index = static_cast<size_t>(expr.operands[1]->value.getInt());
    if (row_expr.kind == BoundExpr::Kind::kInputRef) {
      return gatherColumn(rows.batch.column(static_cast<size_t>(row_expr.input_index)).child(field_index), rows, out);
    }
    std::optional<ColumnVector> scratch;
    EDDY_ASSIGN_OR_RETURN(const ColumnVector* row, operand(row_expr, rows, scratch));
    const ColumnVector& field = row->child(field_index);
    const size_t n = rows.size();
    if (field.size() == n && copyAll(field, out)) return Status::OK();
    for (size_t i = 0; i < n; ++i) vector_ops::appendAnyFrom(field, i, out);
    return Status::OK();
  }

  // When the rows evaluated are all of `column`'s, in order, copies it as copyAll does.
  static bool copyWhole(const ColumnVector& column, const Rows& rows, ColumnVector& out) {
    const size_t n = rows.size();
    if (n != column.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      if (rows.rowAt(i) != static_cast<int32_t>(i)) return false;
    }
    return copyAll(column, out);
  }

  // When `out` is empty and of `column`'s type, copies the column as a whole (its buffers at
  // once) instead of value by value; false otherwise.
  static bool copyAll(const ColumnVector& column, ColumnVector& out) {
    if (out.size() != 0 || !(out.type() == column.type())) return false;
    out = column;
    return true;
  }

  // Three-valued AND/OR; the right operand only sees the rows the left one does not decide.
  Status evalAndOr(const BoundExpr& expr, const Rows& rows, ColumnVector& out) {
    const bool is_and = expr.function == F::kAnd;
    const size_t n = rows.size();
    std::optional<ColumnVector> left_scratch;
    EDDY_ASSIGN_OR_RETURN(const ColumnVector* left, operand(*expr.operands[0], rows, left_scratch));
    std::vector<int32_t> undecided;
    for (size_t i = 0; i < n; ++i) {
      const bool decided = !left->isNull(i) && left->valueAt<bool>(i) != is_and;
      if (!decided) undecided.push_back(rows.rowAt(i));
    }
    std::optional<ColumnVector> right_scratch;
    const ColumnVector* right = nullptr;
    if (undecided.size() == n) {
      EDDY_ASSIGN_OR_RETURN(right, operand(*expr.operands[1], rows, right_scratch));
    } else if (!undecided.empty()) {
      const Rows sub{rows.batch, &undecided};
      EDDY_ASSIGN_OR_RETURN(right, operand(*expr.operands[1], sub, right_scratch));
    }
    size_t cursor = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!left->isNull(i) && left->valueAt<bool>(i) != is_and) {
        out.append<bool>(!is_and);
        continue;
      }
      const size_t j = right == nullptr ? 0 : (undecided.size() == n ? i : cursor++);
      if (!right->isNull(j) && right->valueAt<bool>(j) != is_and) {
        out.append<bool>(!is_and);
      } else if (left->isNull(i) || right->isNull(j)) {
        out.appendNull();
      } else {
        out.append<bool>(is_and);
      }
    }
    return Status::OK();
  }

  // CASE WHEN c1 THEN v1 ... ELSE e END: each condition sees the rows no earlier one took,
  // each branch only its own rows; the branches' results are then merged in row order.
  Status evalCase(const BoundExpr& expr, const Rows& rows, ColumnVector& out) {
    const size_t n = rows.size();
    const size_t branches = expr.operands.size() / 2 + 1;
    std::vector<std::vector<int32_t>> taken(branches);
    std::vector<uint32_t> choice(n, static_cast<uint32_t>(branches - 1));
    std::vector<int32_t> remaining_rows;
    std::vector<size_t> remaining_positions(n);
    for (size_t i = 0; i < n; ++i) {
      remaining_rows.push_back(rows.rowAt(i));
      remaining_positions[i] = i;
    }
    for (size_t b = 0; b + 1 < branches && !remaining_rows.empty(); ++b) {
      ColumnVector condition(expr.operands[2 * b]->type);
      condition.reserve(remaining_rows.size());
      EDDY_RETURN_IF_ERROR(eval(*expr.operands[2 * b], Rows{rows.batch, &remaining_rows}, condition));
      std::vector<int32_t> next_rows;
      std::vector<size_t> next_positions;
      for (size_t k = 0; k < remaining_rows.size(); ++k) {
        if (!condition.isNull(k) && condition.valueAt<bool>(k)) {
          taken[b].push_back(remaining_rows[k]);
          choice[remaining_positions[k]] = static_cast<uint32_t>(b);
        } else {
          next_rows.push_back(remaining_rows[k]);
          next_positions.push_back(remaining_positions[k]);
        }
      }
      remaining_rows = std::move(next_rows);
      remaining_positions = std::move(next_positions);
    }
    taken[branches - 1] = std::move(remaining_rows);
    std::vector<ColumnVector> values;
    values.reserve(branches);
    for (size_t b = 0; b < branches; ++b) {
      values.emplace_back(expr.type);
      if (taken[b].empty()) continue;
      const BoundExpr& value = b + 1 < branches ? *expr.operands[2 * b + 1] : *expr.operands.back();
      EDDY_RETURN_IF_ERROR(eval(value, Rows{rows.batch, &taken[b]}, values[b]));
    }
    std::vector<size_t> cursor(branches, 0);
    if (vector_ops::isNested(expr.type.root())) {
      for (size_t i = 0; i < n; ++i) vector_ops::appendAnyFrom(values[choice[i]], cursor[choice[i]]++, out);
      return Status::OK();
    }
    vector_ops::dispatchStorage(expr.type.root(), [&](auto tag) {
      using T = decltype(tag);
      for (size_t i = 0; i < n; ++i) vector_ops::appendFrom<T>(values[choice[i]], cursor[choice[i]]++, out);
    });
    return Status::OK();
  }

  Status callKernel(const BoundExpr& expr, const std::vector<const ColumnVector*>& args, size_t n, ColumnVector& out) {
    switch (expr.function) {
      case F::kNot:
      case F::kIsNull:
      case F::kIsNotNull:
      case F::kIsTrue:
      case F::kIsNotTrue:
      case F::kIsFalse:
      case F::kIsNotFalse: return kernels::logic(expr, args, n, out);
      case F::kEquals:
      case F::kNotEquals:
      case F::kLessThan:
      case F::kLessThanOrEqual:
      case F::kGreaterThan:
      case F::kGreaterThanOrEqual:
      case F::kIsDistinctFrom:
      case F::kIsNotDistinctFrom:
      case F::kLike: return kernels::comparison(expr, args, n, out);
      case F::kSimilarTo:
      case F::kAscii:
      case F::kLocate:
      case F::kInstr:
      case F::kRegexp: return kernels::stringSearch(expr, args, n, out);
      case F::kGreatest:
      case F::kLeast: return kernels::extremum(expr, args, n, out);
      case F::kToTimestampLtz:
      case F::kConvertTz: return kernels::timeZone(expr, args, n, out);
      case F::kPlus:
      case F::kMinus:
      case F::kTimes:
      case F::kDivide:
      case F::kMod:
      case F::kMinusPrefix: return kernels::arithmetic(expr, args, n, out);
      case F::kCast:
      case F::kTryCast: return kernels::cast(expr, args, n, out, context_);
      case F::kAbs:
      case F::kPower:
      case F::kSqrt:
      case F::kFloor:
      case F::kCeil:
      case F::kRound:
      case F::kTruncate:
      case F::kLn:
      case F::kLog10:
      case F::kExp:
      case F::kSign:
      case F::kLog2:
      case F::kLog:
      case F::kSin:
      case F::kCos:
      case F::kTan:
      case F::kCot:
      case F::kAsin:
      case F::kAcos:
      case F::kAtan:
      case F::kAtan2:
      case F::kSinh:
      case F::kCosh:
      case F::kTanh:
      case F::kDegrees:
      case F::kRadians: return kernels::math(expr, args, n, out);
      case F::kExtract:
      case F::kFloorTo:
      case F::kCeilTo:
      case F::kDateFormat:
      case F::kToTimestamp:
      case F::kToDate:
      case F::kUnixTimestamp:
      case F::kFromUnixtime:
      case F::kTimestampAdd:
      case F::kTimestampDiff: return kernels::temporal(expr, args, n, out, context_);
      case F::kMd5:
      case F::kSha1:
      case F::kSha224:
      case F::kSha256:
      case F::kSha384:
      case F::kSha512:
      case F::kSha2: return kernels::hash(expr, args, n, out);
      case F::kProctime: return kernels::proctime(n, out);
      case F::kUserDefinedScalar: return kernels::userDefined(expr, args, n, out);
      case F::kCurrentWatermark: return kernels::currentWatermark(n, out, context_);
      case F::kJsonValue:
      case F::kJsonQuery:
      case F::kJsonExists:
      case F::kIsJson:
      case F::kJsonString:
      case F::kJsonObject:
      case F::kJsonArray: return kernels::json(expr, args, n, out);
      case F::kArrayConstructor:
      case F::kMapConstructor:
      case F::kRowConstructor:
      case F::kItem:
      case F::kCardinality:
      case F::kElement:
      case F::kArrayContains:
      case F::kSingleValue: return kernels::collection(expr, args, n, out);
      default: return kernels::string(expr, args, n, out);
    }
  }

  const EvaluationContext& context_;
};

}  // namespace

ExpressionEvaluator::ExpressionEvaluator(BoundExprPtr expr, EvaluationContext context)
    : expr_(std::move(expr)), context_(context) {}

Status ExpressionEvaluator::evaluate(const ColumnBatch& batch, ColumnVector& out) const {
  return evaluate(batch, out, context_.current_watermark);
}

Status ExpressionEvaluator::evaluate(const ColumnBatch& batch, ColumnVector& out, int64_t current_watermark) const {
  EvaluationContext context = context_;
  context.current_watermark = current_watermark;
  Evaluation evaluation(context);
  // A field read on all rows is mostly the column copied whole, which brings its own buffers.
  if (expr_->kind != BoundExpr::Kind::kInputRef) out.reserve(out.size() + batch.size());
  return evaluation.eval(*expr_, Rows{batch, nullptr}, out);
}

Status ExpressionEvaluator::evaluate(const ColumnBatch& batch, std::span<const int32_t> selection,
                                     ColumnVector& out) const {
  return evaluate(batch, selection, out, context_.current_watermark);
}

Status ExpressionEvaluator::evaluate(const ColumnBatch& batch, std::span<const int32_t> selection, ColumnVector& out,
                                     int64_t current_watermark) const {
  EvaluationContext context = context_;
  context.current_watermark = current_watermark;
  Evaluation evaluation(context);
  const std::vector<int32_t> rows(selection.begin(), selection.end());
  out.reserve(out.size() + rows.size());
  return evaluation.eval(*expr_, Rows{batch, &rows}, out);
}

Result<ColumnVector> ExpressionEvaluator::evaluate(const ColumnBatch& batch) const {
  ColumnVector out(expr_->type);
  EDDY_RETURN_IF_ERROR(evaluate(batch, out));
  return out;
}

}  // namespace eddy::sql
