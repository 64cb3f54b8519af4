#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace eddy::sql::decimal_math {

// Exact DECIMAL arithmetic on unscaled 128-bit values, as Flink's DecimalDataUtils: results
// are rounded HALF_UP to the result scale and are std::nullopt when they need more digits
// than the result precision (Flink's overflow gives NULL). Intermediate products and scaled
// dividends that do not fit 128 bits are computed in 256 bits. Stateless.

// 10^n for 0 <= n <= 38.
__int128 pow10(int n);
// Whether |value| < 10^precision.
bool fitsPrecision(__int128 value, int precision);

// `value` at scale `from` brought to scale `to` (HALF_UP when digits are dropped).
std::optional<__int128> rescale(__int128 value, int from, int to, int precision);

std::optional<__int128> add(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale);
std::optional<__int128> subtract(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale);
std::optional<__int128> multiply(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale);
// REQUIRES: b != 0.
std::optional<__int128> divide(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale);
// The remainder with the dividend's sign, as BigDecimal#remainder. REQUIRES: b != 0.
std::optional<__int128> remainder(__int128 a, int scale_a, __int128 b, int scale_b, int precision, int scale);

// The shortest decimal digits of a double as Java's Double.toString gives them, parsed into
// (unscaled, scale) at the given scale, as BigDecimal.valueOf(double); nullopt for NaN,
// infinities and overflow. `scratch` holds the digits (no allocation once grown).
std::optional<__int128> fromDouble(double value, int precision, int scale, std::string& scratch);
double toDouble(__int128 unscaled, int scale);
// The integer part (truncated toward zero), as BigDecimal#longValue; wraps beyond 64 bits.
int64_t toLong(__int128 unscaled, int scale);

}  // namespace eddy::sql::decimal_math
