// Comparisons (operands already have one type, or are both strings), LIKE, NOT and the IS
// predicates.
#include <compare>
#include <type_traits>

#include "sql/expression/kernels.h"
#include "sql/expression/like_pattern.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using vector_ops::StringTag;

template <typename T>
std::partial_ordering compareAt(const ColumnVector& a, const ColumnVector& b, size_t i) {
  if constexpr (std::is_same_v<T, StringTag>) {
    return a.stringAt(i).compare(b.stringAt(i)) <=> 0;
  } else {
    return a.valueAt<T>(i) <=> b.valueAt<T>(i);
  }
}

bool holds(F function, std::partial_ordering order) {
  switch (function) {
    case F::kEquals:
    case F::kIsNotDistinctFrom: return order == 0;
    case F::kNotEquals:
    case F::kIsDistinctFrom: return order != 0;
    case F::kLessThan: return order < 0;
    case F::kLessThanOrEqual: return order <= 0;
    case F::kGreaterThan: return order > 0;
    default: return order >= 0;
  }
}

// One loop per (operator, type): the operator is a template parameter so that the compare
// inlines.
template <typename T, F function>
void compareLoop(const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  for (size_t i = 0; i < n; ++i) {
    const bool a_null = a.isNull(i);
    const bool b_null = b.isNull(i);
    if constexpr (function == F::kIsDistinctFrom || function == F::kIsNotDistinctFrom) {
      const bool same = a_null || b_null ? a_null == b_null : compareAt<T>(a, b, i) == 0;
      out.append<bool>(function == F::kIsNotDistinctFrom ? same : !same);
    } else {
      if (a_null || b_null) {
        out.appendNull();
      } else {
        out.append<bool>(holds(function, compareAt<T>(a, b, i)));
      }
    }
  }
}

template <typename T>
void compareTyped(F function, const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  switch (function) {
    case F::kEquals: compareLoop<T, F::kEquals>(a, b, n, out); return;
    case F::kNotEquals: compareLoop<T, F::kNotEquals>(a, b, n, out); return;
    case F::kLessThan: compareLoop<T, F::kLessThan>(a, b, n, out); return;
    case F::kLessThanOrEqual: compareLoop<T, F::kLessThanOrEqual>(a, b, n, out); return;
    case F::kGreaterThan: compareLoop<T, F::kGreaterThan>(a, b, n, out); return;
    case F::kGreaterThanOrEqual: compareLoop<T, F::kGreaterThanOrEqual>(a, b, n, out); return;
    case F::kIsDistinctFrom: compareLoop<T, F::kIsDistinctFrom>(a, b, n, out); return;
    default: compareLoop<T, F::kIsNotDistinctFrom>(a, b, n, out); return;
  }
}

Status like(Args args, size_t n, ColumnVector& out) {
  const ColumnVector& value = *args[0];
  const ColumnVector& pattern = *args[1];
  const ColumnVector* escape = args.size() > 2 ? args[2] : nullptr;
  LikePattern compiled;
  std::string_view compiled_text;
  std::optional<std::string_view> compiled_escape;
  bool has_compiled = false;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    const std::string_view text = pattern.stringAt(i);
    const std::optional<std::string_view> esc =
        escape ? std::optional<std::string_view>(escape->stringAt(i)) : std::nullopt;
    // Patterns are usually constant: compile again only when the text changes.
    if (!has_compiled || text != compiled_text || esc != compiled_escape) {
      EDDY_RETURN_IF_ERROR(compiled.compile(text, esc));
      compiled_text = text;
      compiled_escape = esc;
      has_compiled = true;
    }
    out.append<bool>(compiled.matches(value.stringAt(i)));
  }
  return Status::OK();
}

}  // namespace

Status comparison(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  if (call.function == F::kLike) return like(args, n, out);
  const ColumnVector& a = *args[0];
  const ColumnVector& b = *args[1];
  vector_ops::dispatchStorage(a.type().root(), [&](auto tag) { compareTyped<decltype(tag)>(call.function, a, b, n, out); });
  return Status::OK();
}

Status logic(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const ColumnVector& a = *args[0];
  switch (call.function) {
    case F::kNot: vector_ops::mapUnary<bool, bool>(a, n, out, [](bool x) { return !x; }); return Status::OK();
    case F::kIsNull:
      for (size_t i = 0; i < n; ++i) out.append<bool>(a.isNull(i));
      return Status::OK();
    case F::kIsNotNull:
      for (size_t i = 0; i < n; ++i) out.append<bool>(!a.isNull(i));
      return Status::OK();
    default: break;
  }
  // IS [NOT] TRUE / FALSE never return NULL: a NULL operand is neither true nor false.
  const bool target = call.function == F::kIsTrue || call.function == F::kIsNotTrue;
  const bool negated = call.function == F::kIsNotTrue || call.function == F::kIsNotFalse;
  for (size_t i = 0; i < n; ++i) {
    const bool is = !a.isNull(i) && a.valueAt<bool>(i) == target;
    out.append<bool>(is != negated);
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
