// + - * / MOD and unary minus. Integers wrap on overflow as Java's do; integer division by
// zero fails as Java's ArithmeticException; DECIMAL is exact and overflows to NULL.
#include <cmath>
#include <type_traits>

#include "sql/expression/decimal_math.h"
#include "sql/expression/kernels.h"
#include "sql/expression/temporal.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using Root = types::LogicalTypeRoot;
using vector_ops::mapBinary;
using vector_ops::mapBinaryNullable;

Status divisionByZero() { return InvalidArgument("java.lang.ArithmeticException: / by zero"); }

// Two's-complement arithmetic in 64 bits, narrowed (C++20 conversions wrap like Java's).
template <typename T>
T wrap(uint64_t v) {
  return static_cast<T>(static_cast<int64_t>(v));
}

template <typename T>
Status integerArithmetic(F function, const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  using U = uint64_t;
  switch (function) {
    case F::kPlus:
      mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return wrap<T>(static_cast<U>(int64_t{x}) + static_cast<U>(int64_t{y})); });
      return Status::OK();
    case F::kMinus:
      mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return wrap<T>(static_cast<U>(int64_t{x}) - static_cast<U>(int64_t{y})); });
      return Status::OK();
    case F::kTimes:
      mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return wrap<T>(static_cast<U>(int64_t{x}) * static_cast<U>(int64_t{y})); });
      return Status::OK();
    default: break;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!a.isNull(i) && !b.isNull(i) && b.valueAt<T>(i) == 0) return divisionByZero();
  }
  if (function == F::kDivide) {
    // MIN / -1 overflows to MIN in Java; in C++ it is undefined, so it is spelled out.
    mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return y == -1 ? wrap<T>(U{0} - static_cast<U>(int64_t{x})) : static_cast<T>(x / y); });
  } else {
    mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return y == -1 ? T{0} : static_cast<T>(x % y); });
  }
  return Status::OK();
}

template <typename T>
void floatingArithmetic(F function, const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  switch (function) {
    case F::kPlus: mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return x + y; }); return;
    case F::kMinus: mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return x - y; }); return;
    case F::kTimes: mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return x * y; }); return;
    case F::kDivide: mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return x / y; }); return;
    default: mapBinary<T, T, T>(a, b, n, out, [](T x, T y) { return static_cast<T>(std::fmod(x, y)); }); return;
  }
}

Status decimalArithmetic(F function, const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  const int sa = a.type().scale();
  const int sb = b.type().scale();
  const int p = out.type().precision();
  const int s = out.type().scale();
  using I = __int128;
  switch (function) {
    case F::kPlus:
      mapBinaryNullable<I, I, I>(a, b, n, out, [&](I x, I y) { return decimal_math::add(x, sa, y, sb, p, s); });
      return Status::OK();
    case F::kMinus:
      mapBinaryNullable<I, I, I>(a, b, n, out, [&](I x, I y) { return decimal_math::subtract(x, sa, y, sb, p, s); });
      return Status::OK();
    case F::kTimes:
      mapBinaryNullable<I, I, I>(a, b, n, out, [&](I x, I y) { return decimal_math::multiply(x, sa, y, sb, p, s); });
      return Status::OK();
    default: break;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!a.isNull(i) && !b.isNull(i) && b.valueAt<I>(i) == 0) {
      return InvalidArgument(function == F::kDivide ? "java.lang.ArithmeticException: Division by zero"
                                                    : "java.lang.ArithmeticException: Division undefined");
    }
  }
  if (function == F::kDivide) {
    mapBinaryNullable<I, I, I>(a, b, n, out, [&](I x, I y) { return decimal_math::divide(x, sa, y, sb, p, s); });
  } else {
    mapBinaryNullable<I, I, I>(a, b, n, out, [&](I x, I y) { return decimal_math::remainder(x, sa, y, sb, p, s); });
  }
  return Status::OK();
}

// Days since the epoch plus a number of months, clamping the day to the month's end.
int64_t addMonths(int64_t days, int64_t months) {
  const temporal::CivilDate date = temporal::civilFromDays(days);
  const int64_t total = date.year * 12 + (date.month - 1) + months;
  const int64_t year = temporal::floorDiv(total, 12);
  const int month = static_cast<int>(temporal::floorMod(total, 12)) + 1;
  return temporal::daysFromCivil(year, month, std::min(date.day, temporal::daysInMonth(year, month)));
}

// DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ plus or minus an interval.
Status datetimeArithmetic(F function, const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out) {
  const int64_t sign = function == F::kMinus ? -1 : 1;
  const bool months = b.type().root() == Root::INTERVAL_YEAR_MONTH;
  for (size_t i = 0; i < n; ++i) {
    if (a.isNull(i) || b.isNull(i)) {
      out.appendNull();
      continue;
    }
    const int64_t amount = sign * (months ? int64_t{b.valueAt<int32_t>(i)} : b.valueAt<int64_t>(i));
    switch (a.type().root()) {
      case Root::DATE: {
        const int64_t days = a.valueAt<int32_t>(i);
        const int64_t result = months ? addMonths(days, amount) : days + amount / temporal::kMillisPerDay;
        out.append<int32_t>(static_cast<int32_t>(result));
        break;
      }
      case Root::TIME_WITHOUT_TIME_ZONE:
        out.append<int32_t>(static_cast<int32_t>(temporal::floorMod(a.valueAt<int32_t>(i) + amount, temporal::kMillisPerDay)));
        break;
      default: {
        types::TimestampData ts = vector_ops::timestampAt(a, i);
        if (months) {
          const int64_t days = temporal::floorDiv(ts.millisecond, temporal::kMillisPerDay);
          ts.millisecond += (addMonths(days, amount) - days) * temporal::kMillisPerDay;
        } else {
          ts.millisecond += amount;
        }
        vector_ops::appendTimestamp(out, ts);
        break;
      }
    }
  }
  return Status::OK();
}

Status negate(const ColumnVector& a, size_t n, ColumnVector& out) {
  return vector_ops::dispatchStorage(a.type().root(), [&](auto tag) -> Status {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, vector_ops::StringTag> || std::is_same_v<T, bool>) {
      return Internal("negation of a non-numeric column");
    } else if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, __int128>) {
      vector_ops::mapUnary<T, T>(a, n, out, [](T x) { return -x; });
      return Status::OK();
    } else {
      vector_ops::mapUnary<T, T>(a, n, out, [](T x) { return wrap<T>(uint64_t{0} - static_cast<uint64_t>(int64_t{x})); });
      return Status::OK();
    }
  });
}

}  // namespace

Status arithmetic(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const ColumnVector& a = *args[0];
  if (call.function == F::kMinusPrefix) return negate(a, n, out);
  const ColumnVector& b = *args[1];
  const Root root = a.type().root();
  switch (root) {
    case Root::TINYINT: return integerArithmetic<int8_t>(call.function, a, b, n, out);
    case Root::SMALLINT: return integerArithmetic<int16_t>(call.function, a, b, n, out);
    case Root::INTEGER: return integerArithmetic<int32_t>(call.function, a, b, n, out);
    case Root::BIGINT: return integerArithmetic<int64_t>(call.function, a, b, n, out);
    case Root::FLOAT: floatingArithmetic<float>(call.function, a, b, n, out); return Status::OK();
    case Root::DOUBLE: floatingArithmetic<double>(call.function, a, b, n, out); return Status::OK();
    case Root::DECIMAL: return decimalArithmetic(call.function, a, b, n, out);
    case Root::INTERVAL_YEAR_MONTH:
      if (call.function == F::kPlus) {
        mapBinary<int32_t, int32_t, int32_t>(a, b, n, out, [](int32_t x, int32_t y) { return x + y; });
      } else {
        mapBinary<int32_t, int32_t, int32_t>(a, b, n, out, [](int32_t x, int32_t y) { return x - y; });
      }
      return Status::OK();
    case Root::INTERVAL_DAY_TIME:
      if (call.function == F::kPlus) {
        mapBinary<int64_t, int64_t, int64_t>(a, b, n, out, [](int64_t x, int64_t y) { return x + y; });
      } else {
        mapBinary<int64_t, int64_t, int64_t>(a, b, n, out, [](int64_t x, int64_t y) { return x - y; });
      }
      return Status::OK();
    default: return datetimeArithmetic(call.function, a, b, n, out);
  }
}

}  // namespace eddy::sql::kernels
