// ABS, SIGN, POWER, SQRT, LN, LOG10, LOG2, LOG, EXP, the trigonometric functions, DEGREES,
// RADIANS, FLOOR, CEIL, ROUND and TRUNCATE, with Java's
// Math functions for doubles and exact HALF_UP rounding for DECIMAL, as Flink's
// SqlFunctionUtils.
#include <cmath>
#include <string>
#include <type_traits>

#include "sql/expression/decimal_math.h"
#include "sql/expression/kernels.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using Root = types::LogicalTypeRoot;
using vector_ops::mapUnary;

template <typename T>
T wrapNegate(T x) {
  return static_cast<T>(static_cast<int64_t>(0 - static_cast<uint64_t>(int64_t{x})));
}

// Integer rounding to 10^digits (digits < 0 only), HALF_UP or DOWN.
int64_t roundIntegral(int64_t x, int32_t digits, bool half_up) {
  if (digits >= 0 || digits < -18) return digits < -18 ? 0 : x;
  const int64_t unit = static_cast<int64_t>(decimal_math::pow10(-digits));
  int64_t q = x / unit;
  const int64_t r = x % unit;
  if (half_up && (r < 0 ? -r : r) * 2 >= unit) q += x < 0 ? -1 : 1;
  return q * unit;
}

// BigDecimal.valueOf(x).setScale(digits, HALF_UP or DOWN).doubleValue().
double roundDouble(double x, int32_t digits, bool half_up, std::string& scratch) {
  if (!std::isfinite(x)) return x;
  if (digits >= 0 && digits <= 30) {
    std::optional<__int128> exact = decimal_math::fromDouble(x, 38, std::min(digits + 8, 37), scratch);
    if (exact) {
      const int scale = std::min(digits + 8, 37);
      const __int128 unit = decimal_math::pow10(scale - digits);
      __int128 q = *exact / unit;
      const __int128 r = *exact % unit;
      if (half_up && (r < 0 ? -r : r) * 2 >= unit) q += *exact < 0 ? -1 : 1;
      return decimal_math::toDouble(q, digits);
    }
    return x;
  }
  const double unit = std::pow(10.0, -digits);
  const double scaled = x / unit;
  return (half_up ? std::round(scaled) : std::trunc(scaled)) * unit;
}

// DECIMAL rounded to `digits` fraction digits, stored at the output scale.
std::optional<__int128> roundDecimal(__int128 x, int scale, int32_t digits, bool half_up, int out_precision,
                                     int out_scale) {
  if (digits >= scale) return decimal_math::rescale(x, scale, out_scale, out_precision);
  const int drop = std::min(scale - digits, 38);
  const __int128 unit = decimal_math::pow10(drop);
  __int128 q = x / unit;
  const __int128 r = x % unit;
  if (half_up && (r < 0 ? -r : r) * 2 >= unit) q += x < 0 ? -1 : 1;
  // q is at scale `digits`; bring it to the output scale (digits < 0 means scale 0 * 10^-digits).
  if (digits < 0) return decimal_math::rescale(q * decimal_math::pow10(std::min(-digits, 38)), 0, out_scale, out_precision);
  return decimal_math::rescale(q, digits, out_scale, out_precision);
}

template <typename T>
Status integralMath(F function, Args args, size_t n, ColumnVector& out) {
  const ColumnVector& a = *args[0];
  switch (function) {
    case F::kAbs: mapUnary<T, T>(a, n, out, [](T x) { return x < 0 ? wrapNegate(x) : x; }); return Status::OK();
    case F::kSign: mapUnary<T, T>(a, n, out, [](T x) { return static_cast<T>((x > 0) - (x < 0)); }); return Status::OK();
    case F::kFloor:
    case F::kCeil: mapUnary<T, T>(a, n, out, [](T x) { return x; }); return Status::OK();
    default: break;
  }
  const bool half_up = function == F::kRound;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    const int32_t digits = args.size() > 1 ? args[1]->valueAt<int32_t>(i) : 0;
    out.append<T>(static_cast<T>(roundIntegral(a.valueAt<T>(i), digits, half_up)));
  }
  return Status::OK();
}

template <typename T>
Status floatingMath(F function, Args args, size_t n, ColumnVector& out) {
  const ColumnVector& a = *args[0];
  switch (function) {
    case F::kAbs: mapUnary<T, T>(a, n, out, [](T x) { return std::fabs(x); }); return Status::OK();
    case F::kSign: mapUnary<T, T>(a, n, out, [](T x) { return x > 0 ? T{1} : x < 0 ? T{-1} : x; }); return Status::OK();
    case F::kFloor: mapUnary<T, T>(a, n, out, [](T x) { return std::floor(x); }); return Status::OK();
    case F::kCeil: mapUnary<T, T>(a, n, out, [](T x) { return std::ceil(x); }); return Status::OK();
    default: break;
  }
  const bool half_up = function == F::kRound;
  std::string scratch;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    const int32_t digits = args.size() > 1 ? args[1]->valueAt<int32_t>(i) : 0;
    out.append<T>(static_cast<T>(roundDouble(static_cast<double>(a.valueAt<T>(i)), digits, half_up, scratch)));
  }
  return Status::OK();
}

Status decimalMath(F function, Args args, size_t n, ColumnVector& out) {
  const ColumnVector& a = *args[0];
  const int scale = a.type().scale();
  const int out_precision = out.type().precision();
  const int out_scale = out.type().scale();
  using I = __int128;
  switch (function) {
    case F::kAbs: mapUnary<I, I>(a, n, out, [](I x) { return x < 0 ? -x : x; }); return Status::OK();
    case F::kSign: {
      const I one = decimal_math::pow10(scale);
      mapUnary<I, I>(a, n, out, [one](I x) { return x > 0 ? one : x < 0 ? -one : I{0}; });
      return Status::OK();
    }
    case F::kFloor:
    case F::kCeil: {
      const I unit = decimal_math::pow10(scale);
      const bool floor = function == F::kFloor;
      mapUnary<I, I>(a, n, out, [unit, floor](I x) {
        I q = x / unit;
        const I r = x % unit;
        if (floor && r < 0) --q;
        if (!floor && r > 0) ++q;
        return q;
      });
      return Status::OK();
    }
    default: break;
  }
  const bool half_up = function == F::kRound;
  for (size_t i = 0; i < n; ++i) {
    std::optional<I> result;
    if (!vector_ops::anyNull(args, i)) {
      const int32_t digits = args.size() > 1 ? args[1]->valueAt<int32_t>(i) : 0;
      result = roundDecimal(a.valueAt<I>(i), scale, digits, half_up, out_precision, out_scale);
    }
    if (result) {
      out.append<I>(*result);
    } else {
      out.appendNull();
    }
  }
  return Status::OK();
}

}  // namespace

Status math(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const F function = call.function;
  const ColumnVector& a = *args[0];
  switch (function) {
    case F::kPower:
      vector_ops::mapBinary<double, double, double>(a, *args[1], n, out, [](double x, double y) { return std::pow(x, y); });
      return Status::OK();
    case F::kSqrt: mapUnary<double, double>(a, n, out, [](double x) { return std::sqrt(x); }); return Status::OK();
    case F::kLn: mapUnary<double, double>(a, n, out, [](double x) { return std::log(x); }); return Status::OK();
    case F::kLog10: mapUnary<double, double>(a, n, out, [](double x) { return std::log10(x); }); return Status::OK();
    case F::kExp: mapUnary<double, double>(a, n, out, [](double x) { return std::exp(x); }); return Status::OK();
    // As SqlFunctionUtils: log(x) / log(base).
    case F::kLog2: mapUnary<double, double>(a, n, out, [](double x) { return std::log(x) / std::log(2.0); }); return Status::OK();
    case F::kLog:
      if (args.size() == 1) {
        mapUnary<double, double>(a, n, out, [](double x) { return std::log(x); });
      } else {
        vector_ops::mapBinary<double, double, double>(a, *args[1], n, out,
                                                      [](double base, double x) { return std::log(x) / std::log(base); });
      }
      return Status::OK();
    case F::kSin: mapUnary<double, double>(a, n, out, [](double x) { return std::sin(x); }); return Status::OK();
    case F::kCos: mapUnary<double, double>(a, n, out, [](double x) { return std::cos(x); }); return Status::OK();
    case F::kTan: mapUnary<double, double>(a, n, out, [](double x) { return std::tan(x); }); return Status::OK();
    case F::kCot: mapUnary<double, double>(a, n, out, [](double x) { return 1.0 / std::tan(x); }); return Status::OK();
    case F::kAsin: mapUnary<double, double>(a, n, out, [](double x) { return std::asin(x); }); return Status::OK();
    case F::kAcos: mapUnary<double, double>(a, n, out, [](double x) { return std::acos(x); }); return Status::OK();
    case F::kAtan: mapUnary<double, double>(a, n, out, [](double x) { return std::atan(x); }); return Status::OK();
    case F::kAtan2:
      vector_ops::mapBinary<double, double, double>(a, *args[1], n, out, [](double y, double x) { return std::atan2(y, x); });
      return Status::OK();
    case F::kSinh: mapUnary<double, double>(a, n, out, [](double x) { return std::sinh(x); }); return Status::OK();
    case F::kCosh: mapUnary<double, double>(a, n, out, [](double x) { return std::cosh(x); }); return Status::OK();
    case F::kTanh: mapUnary<double, double>(a, n, out, [](double x) { return std::tanh(x); }); return Status::OK();
    // Math#toDegrees and #toRadians multiply by these constants.
    case F::kDegrees: mapUnary<double, double>(a, n, out, [](double x) { return x * 57.29577951308232; }); return Status::OK();
    case F::kRadians: mapUnary<double, double>(a, n, out, [](double x) { return x * 0.017453292519943295; }); return Status::OK();
    default: break;
  }
  switch (a.type().root()) {
    case Root::TINYINT: return integralMath<int8_t>(function, args, n, out);
    case Root::SMALLINT: return integralMath<int16_t>(function, args, n, out);
    case Root::INTEGER: return integralMath<int32_t>(function, args, n, out);
    case Root::BIGINT: return integralMath<int64_t>(function, args, n, out);
    case Root::FLOAT: return floatingMath<float>(function, args, n, out);
    case Root::DOUBLE: return floatingMath<double>(function, args, n, out);
    case Root::DECIMAL: return decimalMath(function, args, n, out);
    default: return Internal("math on a non-numeric column");
  }
}

}  // namespace eddy::sql::kernels
