#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy::types {

// An exact SQL DECIMAL(p, s) value, as Flink's DecimalData: an unscaled 128-bit integer
// with the precision and scale of its type (p <= 38 always fits). A value; thread-compatible.
class Decimal {
 public:
  static constexpr int kMaxPrecision = 38;

  // REQUIRES: 1 <= precision <= 38, 0 <= scale <= precision and |unscaled| < 10^precision.
  static Decimal fromUnscaled(__int128 unscaled, int precision, int scale);
  // Parses "12.3", "-0.05", "1.5E3" and rounds HALF_UP to `scale`, as
  // DecimalData.fromBigDecimal; InvalidArgument when the text is not a number or the
  // rounded value needs more than `precision` digits.
  static Result<Decimal> fromString(std::string_view text, int precision, int scale);

  __int128 toUnscaled() const { return unscaled_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }

  // The plain string of the value with exactly `scale` fraction digits, as
  // DecimalData#toString (BigDecimal#toPlainString): "12.30", "-0.05", "7".
  std::string toString() const;

  // Same scale and same unscaled value; values of one DECIMAL(p, s) type compare as numbers.
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.scale_ == b.scale_ && a.unscaled_ == b.unscaled_;
  }

 private:
  Decimal(__int128 unscaled, int precision, int scale) : unscaled_(unscaled), precision_(precision), scale_(scale) {}

  __int128 unscaled_;
  int precision_;
  int scale_;
};

}  // namespace eddy::types
