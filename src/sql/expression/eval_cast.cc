// CAST and TRY_CAST. A value that cannot be converted fails the CAST (as Flink's runtime
// does since 1.15) and is NULL for TRY_CAST; DECIMAL overflow is NULL for both.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <type_traits>

#include "sql/expression/cast_text.h"
#include "sql/expression/decimal_math.h"
#include "sql/expression/kernels.h"
#include "sql/expression/temporal.h"
#include "types/java_to_string.h"

namespace eddy::sql::kernels {

namespace {

using Root = types::LogicalTypeRoot;
using types::LogicalType;
using types::TimestampData;
using vector_ops::StringTag;

// The outcome of converting one value.
enum class Outcome { kValue, kNull, kInvalid };

bool isIntegralRoot(Root r) { return r == Root::TINYINT || r == Root::SMALLINT || r == Root::INTEGER || r == Root::BIGINT; }
bool isStringRoot(Root r) { return r == Root::CHAR || r == Root::VARCHAR; }
bool isNumberRoot(Root r) { return isIntegralRoot(r) || r == Root::FLOAT || r == Root::DOUBLE; }

// Java's narrowing of a double: to long saturating (NaN is 0); to int saturating, then to
// byte or short by wrapping.
template <typename Out>
Out javaNarrow(double value) {
  if (std::isnan(value)) return 0;
  if constexpr (std::is_same_v<Out, int64_t>) {
    if (value >= 9.2233720368547758e18) return INT64_MAX;
    if (value <= -9.2233720368547758e18) return INT64_MIN;
    return static_cast<int64_t>(value);
  } else {
    int32_t i;
    if (value >= 2147483647.0) {
      i = INT32_MAX;
    } else if (value <= -2147483648.0) {
      i = INT32_MIN;
    } else {
      i = static_cast<int32_t>(value);
    }
    return static_cast<Out>(i);
  }
}

int64_t unitsPerSecondFraction(int precision) {
  int64_t unit = 1'000'000'000;
  for (int i = 0; i < precision; ++i) unit /= 10;
  return unit;
}

// A timestamp cut to `precision` fraction digits.
TimestampData truncate(TimestampData ts, int precision) {
  if (precision >= 9) return ts;
  const int64_t unit = unitsPerSecondFraction(precision);  // nanoseconds per kept digit
  const int64_t nanos_of_second = temporal::floorMod(ts.millisecond, 1000) * 1'000'000 + ts.nano_of_millisecond;
  const int64_t kept = nanos_of_second / unit * unit;
  const int64_t second_start = ts.millisecond - temporal::floorMod(ts.millisecond, 1000);
  return {second_start + kept / 1'000'000, static_cast<int32_t>(kept % 1'000'000)};
}

class CastKernel {
 public:
  CastKernel(const ColumnVector& in, ColumnVector& out, bool try_cast, int64_t offset_millis)
      : in_(in), out_(out), try_cast_(try_cast), offset_millis_(offset_millis) {}

  Status run(size_t n) {
    const Root to = out_.type().root();
    if (isNumberRoot(in_.type().root()) && isNumberRoot(to)) {
      numberToNumber(n);
      return Status::OK();
    }
    if (isStringRoot(to)) return toText(n);
    if (vector_ops::isNested(to)) return toNested(n);
    return vector_ops::dispatchStorage(to, [&](auto out_tag) -> Status {
      using Out = decltype(out_tag);
      if constexpr (std::is_same_v<Out, StringTag>) {
        return loop<StringTag>(n, [&](size_t i, StringTag&) { return toBytes(i); });
      } else {
        return loop<Out>(n, [&](size_t i, Out& value) { return convert<Out>(i, value); });
      }
    });
  }

 private:
  // Runs `convert` on every non-null row; appends its value, a NULL, or fails.
  template <typename Out, typename Convert>
  Status loop(size_t n, Convert&& convert) {
    for (size_t i = 0; i < n; ++i) {
      if (in_.isNull(i)) {
        out_.appendNull();
        continue;
      }
      Out value{};
      const Outcome outcome = convert(i, value);
      if (outcome == Outcome::kValue) {
        if constexpr (!std::is_same_v<Out, StringTag>) out_.append<Out>(value);
      } else if (outcome == Outcome::kNull || try_cast_) {
        out_.appendNull();
      } else {
        return invalid(i);
      }
    }
    return Status::OK();
  }

  // Integers and floating point numbers to each other, never failing: a column at a time.
  void numberToNumber(size_t n) {
    vector_ops::dispatchStorage(in_.type().root(), [&](auto in_tag) {
      vector_ops::dispatchStorage(out_.type().root(), [&](auto out_tag) {
        using In = decltype(in_tag);
        using Out = decltype(out_tag);
        if constexpr (std::is_arithmetic_v<In> && std::is_arithmetic_v<Out>) {
          vector_ops::mapUnary<In, Out>(in_, n, out_, [](In x) {
            if constexpr (std::is_floating_point_v<In> && !std::is_floating_point_v<Out>) {
              return javaNarrow<Out>(static_cast<double>(x));
            } else {
              return static_cast<Out>(x);
            }
          });
        }
      });
    });
  }

  // ARRAY, MAP and MULTISET to their kind with other element types, ROW to a ROW of as many
  // fields: the children are cast whole, then gathered row by row.
  Status toNested(size_t n) {
    const LogicalType& to = out_.type();
    const size_t children = to.root() == Root::ROW ? to.fieldCount() : to.root() == Root::ARRAY ? 1 : 2;
    std::vector<ColumnVector> cast;
    cast.reserve(children);
    for (size_t c = 0; c < children; ++c) {
      cast.emplace_back(out_.child(c).type());
      CastKernel child(in_.child(c), cast.back(), try_cast_, offset_millis_);
      EDDY_RETURN_IF_ERROR(child.run(in_.child(c).size()));
    }
    for (size_t i = 0; i < n; ++i) {
      if (in_.isNull(i)) {
        out_.appendNull();
        continue;
      }
      if (to.root() == Root::ROW) {
        for (size_t c = 0; c < children; ++c) vector_ops::appendAnyFrom(cast[c], i, out_.child(c));
        vector_ops::endRowEntry(out_);
        continue;
      }
      for (int32_t j = in_.offsets()[i]; j < in_.offsets()[i + 1]; ++j) {
        for (size_t c = 0; c < children; ++c) vector_ops::appendAnyFrom(cast[c], static_cast<size_t>(j), out_.child(c));
      }
      if (to.root() == Root::ARRAY) {
        vector_ops::endArrayEntry(out_);
      } else {
        vector_ops::endMapEntry(out_);
      }
    }
    return Status::OK();
  }

  Status invalid(size_t i) const {
    std::string text;
    if (isStringRoot(in_.type().root())) {
      text = std::string(in_.stringAt(i));
    } else {
      text = in_.getValue(i).toString();
    }
    const Root to = out_.type().root();
    if (isIntegralRoot(to) || to == Root::DECIMAL || to == Root::FLOAT || to == Root::DOUBLE) {
      return InvalidArgument(fmt::format("java.lang.NumberFormatException: For input string: \"{}\"", text));
    }
    return InvalidArgument(fmt::format("Cannot cast '{}' to type {}", text, out_.type().nullable().asSummaryString()));
  }

  // Non-string targets.
  template <typename Out>
  Outcome convert(size_t i, Out& value) {
    const Root from = in_.type().root();
    const Root to = out_.type().root();
    if (isStringRoot(from)) return fromText(in_.stringAt(i), value);
    if constexpr (std::is_same_v<Out, bool>) {
      return vector_ops::dispatchStorage(from, [&](auto tag) {
        using In = decltype(tag);
        if constexpr (std::is_same_v<In, StringTag>) {
          return Outcome::kInvalid;
        } else {
          value = in_.valueAt<In>(i) != 0;
          return Outcome::kValue;
        }
      });
    } else if constexpr (std::is_same_v<Out, __int128>) {
      return toDecimal(i, value);
    } else {
      if (to == Root::TIMESTAMP_WITHOUT_TIME_ZONE || to == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE ||
          to == Root::DATE || to == Root::TIME_WITHOUT_TIME_ZONE) {
        return toTemporal(i, value);
      }
      if (from == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
        value = static_cast<Out>(temporal::floorDiv(vector_ops::timestampAt(in_, i).millisecond, 1000));
        return Outcome::kValue;
      }
      if (from == Root::DECIMAL) {
        const __int128 unscaled = in_.valueAt<__int128>(i);
        if constexpr (std::is_floating_point_v<Out>) {
          value = static_cast<Out>(decimal_math::toDouble(unscaled, in_.type().scale()));
        } else {
          value = static_cast<Out>(decimal_math::toLong(unscaled, in_.type().scale()));
        }
        return Outcome::kValue;
      }
      return vector_ops::dispatchStorage(from, [&](auto tag) {
        using In = decltype(tag);
        if constexpr (std::is_same_v<In, StringTag> || std::is_same_v<In, __int128>) {
          return Outcome::kInvalid;
        } else if constexpr (std::is_floating_point_v<In> && !std::is_floating_point_v<Out>) {
          value = javaNarrow<Out>(static_cast<double>(in_.valueAt<In>(i)));
          return Outcome::kValue;
        } else {
          value = static_cast<Out>(in_.valueAt<In>(i));
          return Outcome::kValue;
        }
      });
    }
  }

  Outcome toDecimal(size_t i, __int128& value) {
    const int p = out_.type().precision();
    const int s = out_.type().scale();
    const Root from = in_.type().root();
    std::optional<__int128> result;
    if (from == Root::DECIMAL) {
      result = decimal_math::rescale(in_.valueAt<__int128>(i), in_.type().scale(), s, p);
    } else if (from == Root::FLOAT || from == Root::DOUBLE) {
      const double d = from == Root::FLOAT ? static_cast<double>(in_.valueAt<float>(i)) : in_.valueAt<double>(i);
      result = decimal_math::fromDouble(d, p, s, scratch_);
    } else {
      int64_t integral = 0;
      switch (from) {
        case Root::BOOLEAN: integral = in_.valueAt<bool>(i); break;
        case Root::TINYINT: integral = in_.valueAt<int8_t>(i); break;
        case Root::SMALLINT: integral = in_.valueAt<int16_t>(i); break;
        case Root::INTEGER: integral = in_.valueAt<int32_t>(i); break;
        default: integral = in_.valueAt<int64_t>(i); break;
      }
      result = decimal_math::rescale(integral, 0, s, p);
    }
    if (!result) return Outcome::kNull;
    value = *result;
    return Outcome::kValue;
  }

  // DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ targets from the other temporal types.
  template <typename Out>
  Outcome toTemporal(size_t i, Out& value) {
    const Root from = in_.type().root();
    const Root to = out_.type().root();
    TimestampData ts{};
    if (from == Root::DATE) {
      ts.millisecond = int64_t{in_.valueAt<int32_t>(i)} * temporal::kMillisPerDay;
      if (to == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) ts.millisecond -= offset_millis_;
    } else if (from == Root::TIME_WITHOUT_TIME_ZONE) {
      ts.millisecond = in_.valueAt<int32_t>(i);
    } else if (isIntegralRoot(from)) {
      int64_t seconds = 0;
      vector_ops::dispatchStorage(from, [&](auto tag) {
        using In = decltype(tag);
        if constexpr (std::is_integral_v<In>) seconds = in_.valueAt<In>(i);
      });
      ts.millisecond = seconds * 1000;
    } else {
      ts = vector_ops::timestampAt(in_, i);
      if (from == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE && to != Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
        ts.millisecond += offset_millis_;
      } else if (from == Root::TIMESTAMP_WITHOUT_TIME_ZONE && to == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
        ts.millisecond -= offset_millis_;
      }
    }
    return storeTemporal(ts, value);
  }

  template <typename Out>
  Outcome storeTemporal(TimestampData ts, Out& value) {
    switch (out_.type().root()) {
      case Root::DATE: value = static_cast<Out>(temporal::floorDiv(ts.millisecond, temporal::kMillisPerDay)); break;
      case Root::TIME_WITHOUT_TIME_ZONE: {
        const TimestampData cut = truncate(ts, std::min(out_.type().precision(), 3));
        value = static_cast<Out>(temporal::floorMod(cut.millisecond, temporal::kMillisPerDay));
        break;
      }
      default: value = static_cast<Out>(vector_ops::encodeTimestamp(truncate(ts, out_.type().precision()), out_.type().precision())); break;
    }
    return Outcome::kValue;
  }

  template <typename Out>
  Outcome fromText(std::string_view text, Out& value) {
    const Root to = out_.type().root();
    if constexpr (std::is_same_v<Out, bool>) {
      std::optional<bool> b = cast_text::parseBoolean(text);
      if (!b) return Outcome::kInvalid;
      value = *b;
      return Outcome::kValue;
    } else if constexpr (std::is_same_v<Out, __int128>) {
      Result<types::Decimal> decimal =
          types::Decimal::fromString(cast_text::trimmed(text), out_.type().precision(), out_.type().scale());
      if (!decimal.ok()) {
        // Too many digits is an overflow (NULL); anything else is not a number.
        Result<types::Decimal> wide = types::Decimal::fromString(cast_text::trimmed(text), 38, 0);
        return wide.ok() ? Outcome::kNull : Outcome::kInvalid;
      }
      value = decimal->toUnscaled();
      return Outcome::kValue;
    } else if constexpr (std::is_floating_point_v<Out>) {
      std::optional<double> d = cast_text::parseDouble(text);
      if (!d) return Outcome::kInvalid;
      value = static_cast<Out>(*d);
      return Outcome::kValue;
    } else {
      if (isIntegralRoot(to)) {
        std::optional<int64_t> v = cast_text::parseIntegral(text, std::numeric_limits<Out>::min(), std::numeric_limits<Out>::max());
        if (!v) return Outcome::kInvalid;
        value = static_cast<Out>(*v);
        return Outcome::kValue;
      }
      if (to == Root::DATE) {
        std::optional<int32_t> days = temporal::parseDate(text);
        if (!days) {
          std::optional<TimestampData> ts = temporal::parseTimestamp(text);
          if (!ts) return Outcome::kInvalid;
          days = static_cast<int32_t>(temporal::floorDiv(ts->millisecond, temporal::kMillisPerDay));
        }
        value = static_cast<Out>(*days);
        return Outcome::kValue;
      }
      if (to == Root::TIME_WITHOUT_TIME_ZONE) {
        std::optional<int32_t> millis = temporal::parseTime(text);
        if (!millis) return Outcome::kInvalid;
        value = static_cast<Out>(*millis);
        return Outcome::kValue;
      }
      std::optional<TimestampData> ts = temporal::parseTimestamp(text);
      if (!ts) return Outcome::kInvalid;
      if (to == Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE) ts->millisecond -= offset_millis_;
      return storeTemporal(*ts, value);
    }
  }

  // BINARY and VARBINARY from strings and bytes: cut to the length; BINARY pads with zeros.
  Outcome toBytes(size_t i) {
    std::string_view bytes = in_.stringAt(i);
    const size_t length = static_cast<size_t>(out_.type().length());
    if (bytes.size() > length) bytes = bytes.substr(0, length);
    if (out_.type().root() == Root::BINARY && bytes.size() < length) {
      scratch_.assign(bytes);
      scratch_.resize(length, '\0');
      out_.appendString(scratch_);
    } else {
      out_.appendString(bytes);
    }
    return Outcome::kValue;
  }

  Status toText(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (in_.isNull(i)) {
        out_.appendNull();
        continue;
      }
      scratch_.clear();
      format(i, scratch_);
      // VARCHAR(n) cuts to n characters; CHAR(n) also pads with spaces.
      const int64_t length = out_.type().length();
      std::string_view text = scratch_;
      if (length < types::LogicalType::kMaxLength) {
        text = text.substr(0, cast_text::prefixBytes(text, length));
        if (out_.type().root() == Root::CHAR) {
          const int64_t missing = length - cast_text::codePointCount(text);
          if (missing > 0) {
            scratch_.resize(text.size());
            scratch_.append(static_cast<size_t>(missing), ' ');
            text = scratch_;
          }
        }
      }
      out_.appendString(text);
    }
    return Status::OK();
  }

  void format(size_t i, std::string& out) const { format(in_, i, out); }

  // Row i of `in` as CAST to STRING shows it; a ROW as Flink's RowToStringCastRule: its
  // fields in parentheses, separated by ", ", NULL for a null field.
  void format(const ColumnVector& in, size_t i, std::string& out) const {
    const LogicalType& type = in.type();
    switch (type.root()) {
      case Root::CHAR:
      case Root::VARCHAR:
      case Root::BINARY:
      case Root::VARBINARY: out += in.stringAt(i); return;
      case Root::BOOLEAN: out += in.valueAt<bool>(i) ? "TRUE" : "FALSE"; return;
      case Root::TINYINT: out += fmt::format("{}", in.valueAt<int8_t>(i)); return;
      case Root::SMALLINT: out += fmt::format("{}", in.valueAt<int16_t>(i)); return;
      case Root::INTEGER: out += fmt::format("{}", in.valueAt<int32_t>(i)); return;
      case Root::BIGINT: out += fmt::format("{}", in.valueAt<int64_t>(i)); return;
      case Root::FLOAT: types::appendJavaFloat(in.valueAt<float>(i), out); return;
      case Root::DOUBLE: types::appendJavaDouble(in.valueAt<double>(i), out); return;
      case Root::DECIMAL: cast_text::appendDecimal(in.valueAt<__int128>(i), type.scale(), out); return;
      case Root::DATE: temporal::appendDate(in.valueAt<int32_t>(i), out); return;
      case Root::TIME_WITHOUT_TIME_ZONE: temporal::appendTime(in.valueAt<int32_t>(i), type.precision(), out); return;
      case Root::TIMESTAMP_WITHOUT_TIME_ZONE: temporal::appendTimestamp(vector_ops::timestampAt(in, i), type.precision(), out); return;
      case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
        TimestampData ts = vector_ops::timestampAt(in, i);
        ts.millisecond += offset_millis_;
        temporal::appendTimestamp(ts, type.precision(), out);
        return;
      }
      case Root::INTERVAL_YEAR_MONTH: cast_text::appendYearMonthInterval(in.valueAt<int32_t>(i), out); return;
      case Root::INTERVAL_DAY_TIME: cast_text::appendDayTimeInterval(in.valueAt<int64_t>(i), out); return;
      case Root::ROW:
        out += '(';
        for (size_t f = 0; f < type.fieldCount(); ++f) {
          if (f > 0) out += ", ";
          formatOrNull(in.child(f), i, out);
        }
        out += ')';
        return;
      case Root::ARRAY:
        // ArrayToStringCastRule: [e1, e2], NULL for a null element.
        out += '[';
        for (int32_t j = in.offsets()[i]; j < in.offsets()[i + 1]; ++j) {
          if (j > in.offsets()[i]) out += ", ";
          formatOrNull(in.child(0), static_cast<size_t>(j), out);
        }
        out += ']';
        return;
      case Root::MAP:
      case Root::MULTISET:
        // MapToStringCastRule: {k1=v1, k2=v2}; a MULTISET maps its elements to their counts.
        out += '{';
        for (int32_t j = in.offsets()[i]; j < in.offsets()[i + 1]; ++j) {
          if (j > in.offsets()[i]) out += ", ";
          formatOrNull(in.child(0), static_cast<size_t>(j), out);
          out += '=';
          formatOrNull(in.child(1), static_cast<size_t>(j), out);
        }
        out += '}';
        return;
      default: out += in.getValue(i).toString(); return;
    }
  }

  void formatOrNull(const ColumnVector& in, size_t i, std::string& out) const {
    if (in.isNull(i)) {
      out += "NULL";
    } else {
      format(in, i, out);
    }
  }

  const ColumnVector& in_;
  ColumnVector& out_;
  bool try_cast_;
  int64_t offset_millis_;
  std::string scratch_;
};

}  // namespace

Status cast(const BoundExpr& call, Args args, size_t n, ColumnVector& out, const EvaluationContext& context) {
  CastKernel kernel(*args[0], out, call.function == BuiltInFunction::kTryCast,
                    int64_t{context.time_zone.offset_seconds} * 1000);
  return kernel.run(n);
}

}  // namespace eddy::sql::kernels
