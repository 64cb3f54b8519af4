#include "sql/expression/decimal_math.h"

#include <cmath>
#include <string>

#include "eddy/types/decimal.h"
#include "types/java_to_string.h"

namespace eddy::sql::decimal_math {

namespace {

using u128 = unsigned __int128;

// A sign and a 256-bit magnitude, for the few intermediate values beyond 128 bits.
struct Wide {
  u128 hi = 0;
  u128 lo = 0;
  bool negative = false;
};

u128 magnitude(__int128 v) { return v < 0 ? -static_cast<u128>(v) : static_cast<u128>(v); }

Wide widen(__int128 v) { return Wide{0, magnitude(v), v < 0}; }

Wide multiplyWide(u128 a, u128 b, bool negative) {
  const u128 mask = ~uint64_t{0};
  const u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u128 middle = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  Wide result;
  result.lo = (middle << 64) | (p00 & mask);
  result.hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
  result.negative = negative;
  return result;
}

bool greaterOrEqual(u128 ahi, u128 alo, u128 bhi, u128 blo) { return ahi != bhi ? ahi > bhi : alo >= blo; }

// Magnitude division with HALF_UP rounding; nullopt when the quotient exceeds 127 bits.
std::optional<__int128> divideRounded(Wide n, Wide d) {
  // Binary long division over 256 bits; only the slow path gets here with big values.
  u128 qhi = 0, qlo = 0, rhi = 0, rlo = 0;
  for (int bit = 255; bit >= 0; --bit) {
    rhi = (rhi << 1) | (rlo >> 127);
    rlo = (rlo << 1) | ((bit >= 128 ? n.hi >> (bit - 128) : n.lo >> bit) & 1);
    if (greaterOrEqual(rhi, rlo, d.hi, d.lo)) {
      const u128 borrow = rlo < d.lo;
      rlo -= d.lo;
      rhi -= d.hi + borrow;
      if (bit >= 128) {
        qhi |= u128{1} << (bit - 128);
      } else {
        qlo |= u128{1} << bit;
      }
    }
  }
  // Round half up: remainder * 2 >= divisor.
  const u128 r2hi = (rhi << 1) | (rlo >> 127);
  const u128 r2lo = rlo << 1;
  if (greaterOrEqual(r2hi, r2lo, d.hi, d.lo)) {
    if (++qlo == 0) ++qhi;
  }
  if (qhi != 0 || (qlo >> 127) != 0) return std::nullopt;
  const __int128 q = static_cast<__int128>(qlo);
  return n.negative != d.negative ? -q : q;
}

Wide scaleUp(__int128 v, int digits) {
  if (digits <= 0) return widen(v);
  return multiplyWide(magnitude(v), static_cast<u128>(pow10(digits)), v < 0);
}

std::optional<__int128> checked(std::optional<__int128> value, int precision) {
  if (!value || !fitsPrecision(*value, precision)) return std::nullopt;
  return value;
}

std::optional<__int128> addAligned(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  const int common = std::max(scale_a, scale_b);
  const Wide wa = scaleUp(a, common - scale_a);
  const Wide wb = scaleUp(b, common - scale_b);
  // Below 2^126 the sum cannot overflow 128 bits. An operand beyond that has more than 38
  // digits at the common scale; such sums are taken as overflow (NULL), which is exact
  // unless the other operand cancels most of it.
  if (wa.hi == 0 && wb.hi == 0 && (wa.lo >> 126) == 0 && (wb.lo >> 126) == 0) {
    const __int128 x = wa.negative ? -static_cast<__int128>(wa.lo) : static_cast<__int128>(wa.lo);
    const __int128 y = wb.negative ? -static_cast<__int128>(wb.lo) : static_cast<__int128>(wb.lo);
    return checked(rescale(x + y, common, scale, 38), precision);
  }
  return std::nullopt;
}

}  // namespace

__int128 pow10(int n) {
  __int128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

bool fitsPrecision(__int128 value, int precision) { return magnitude(value) < static_cast<u128>(pow10(precision)); }

std::optional<__int128> rescale(__int128 value, int from, int to, int precision) {
  if (to == from) return checked(value, precision);
  if (to > from) {
    const Wide scaled = scaleUp(value, to - from);
    if (scaled.hi != 0 || (scaled.lo >> 127) != 0) return std::nullopt;
    const __int128 v = static_cast<__int128>(scaled.lo);
    return checked(scaled.negative ? -v : v, precision);
  }
  const __int128 divisor = pow10(from - to);
  __int128 q = value / divisor;
  const __int128 r = value % divisor;
  if (magnitude(r) * 2 >= static_cast<u128>(divisor)) q += value < 0 ? -1 : 1;
  return checked(q, precision);
}

std::optional<__int128> add(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  return addAligned(a, scale_a, b, scale_b, precision, scale);
}

std::optional<__int128> subtract(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  return addAligned(a, scale_a, -b, scale_b, precision, scale);
}

std::optional<__int128> multiply(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  const Wide product = multiplyWide(magnitude(a), magnitude(b), (a < 0) != (b < 0));
  const int drop = scale_a + scale_b - scale;
  if (drop <= 0) {
    if (product.hi != 0 || (product.lo >> 127) != 0) return std::nullopt;
    const __int128 v = static_cast<__int128>(product.lo);
    return rescale(product.negative ? -v : v, scale_a + scale_b, scale, precision);
  }
  return checked(divideRounded(product, widen(pow10(drop))), precision);
}

std::optional<__int128> divide(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  // a / 10^sa / (b / 10^sb) at scale s: a * 10^(s - sa + sb) / b.
  const int shift = scale - scale_a + scale_b;
  Wide numerator = scaleUp(a, std::max(shift, 0));
  Wide denominator = scaleUp(b, std::max(-shift, 0));
  return checked(divideRounded(numerator, denominator), precision);
}

std::optional<__int128> remainder(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale) {
  const int common = std::max(scale_a, scale_b);
  const Wide wa = scaleUp(a, common - scale_a);
  const Wide wb = scaleUp(b, common - scale_b);
  if (wa.hi != 0 || wb.hi != 0 || (wa.lo >> 127) != 0 || (wb.lo >> 127) != 0) return std::nullopt;
  const __int128 x = wa.negative ? -static_cast<__int128>(wa.lo) : static_cast<__int128>(wa.lo);
  const __int128 y = wb.negative ? -static_cast<__int128>(wb.lo) : static_cast<__int128>(wb.lo);
  return rescale(x % y, common, scale, precision);
}

std::optional<__int128> fromDouble(double value, int precision, int scale, std::string& scratch) {
  if (!std::isfinite(value)) return std::nullopt;
  std::string& text = scratch;
  text.clear();
  types::appendJavaDouble(value, text);
  Result<types::Decimal> decimal = types::Decimal::fromString(text, precision, scale);
  if (!decimal.ok()) return std::nullopt;
  return decimal->toUnscaled();
}

double toDouble(__int128 unscaled, int scale) {
  // Exact operands give the correctly rounded quotient, as BigDecimal#doubleValue.
  if (magnitude(unscaled) < (u128{1} << 53) && scale <= 22) {
    return static_cast<double>(static_cast<int64_t>(unscaled)) / std::pow(10.0, scale);
  }
  return std::stod(types::Decimal::fromUnscaled(unscaled, 38, scale).toString());
}

int64_t toLong(__int128 unscaled, int scale) {
  return static_cast<int64_t>(static_cast<uint64_t>(static_cast<u128>(unscaled / pow10(scale))));
}

}  // namespace eddy::sql::decimal_math
