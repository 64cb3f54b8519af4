// Temporal functions. TIMESTAMP_LTZ values are read and written in the session time zone;
// TIMESTAMP and DATE are local values already.
#include <string>

#include "sql/expression/kernels.h"
#include "sql/expression/temporal.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using Root = types::LogicalTypeRoot;
using types::TimestampData;
using namespace temporal;  // NOLINT: the date arithmetic reads better unqualified

constexpr std::string_view kDefaultPattern = "yyyy-MM-dd HH:mm:ss";

// The local date-time of row i of a DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ column.
TimestampData localAt(const ColumnVector& v, size_t i, int64_t offset_millis) {
  switch (v.type().root()) {
    case Root::DATE: return {int64_t{v.valueAt<int32_t>(i)} * kMillisPerDay, 0};
    case Root::TIME_WITHOUT_TIME_ZONE: return {v.valueAt<int32_t>(i), 0};
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
      TimestampData ts = vector_ops::timestampAt(v, i);
      ts.millisecond += offset_millis;
      return ts;
    }
    default: return vector_ops::timestampAt(v, i);
  }
}

// Writes a local date-time to a column of the call's type.
void appendLocal(ColumnVector& out, TimestampData ts, int64_t offset_millis) {
  switch (out.type().root()) {
    case Root::DATE: out.append<int32_t>(static_cast<int32_t>(floorDiv(ts.millisecond, kMillisPerDay))); return;
    case Root::TIME_WITHOUT_TIME_ZONE: out.append<int32_t>(static_cast<int32_t>(floorMod(ts.millisecond, kMillisPerDay))); return;
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: ts.millisecond -= offset_millis; break;
    default: break;
  }
  vector_ops::appendTimestamp(out, ts);
}

int64_t addMonths(int64_t days, int64_t months) {
  const CivilDate date = civilFromDays(days);
  const int64_t total = date.year * 12 + (date.month - 1) + months;
  const int64_t year = floorDiv(total, 12);
  const int month = static_cast<int>(floorMod(total, 12)) + 1;
  return daysFromCivil(year, month, std::min(date.day, daysInMonth(year, month)));
}

// Whole months from `from` to `to` (both local millis), as Avatica's subtractMonths: a
// month counts once its day and time of day are reached.
int64_t monthsBetween(int64_t from, int64_t to) {
  if (to < from) return -monthsBetween(to, from);
  const int64_t from_day = floorDiv(from, kMillisPerDay);
  const int64_t to_day = floorDiv(to, kMillisPerDay);
  int64_t months = (to_day - from_day) / 31;
  while (addMonths(from_day, months + 1) <= to_day) ++months;
  const int64_t landed = addMonths(from_day, months);
  if (landed == to_day && floorMod(to, kMillisPerDay) < floorMod(from, kMillisPerDay) && months > 0) --months;
  return months;
}

int64_t extract(std::string_view unit, TimestampData ts) {
  const int64_t days = floorDiv(ts.millisecond, kMillisPerDay);
  const int64_t millis = ts.millisecond - days * kMillisPerDay;
  const CivilDate date = civilFromDays(days);
  const int64_t iso_dow = floorMod(days + 3, 7) + 1;  // Monday 1 .. Sunday 7
  auto isoWeek = [&](int64_t& iso_year) {
    const int64_t thursday = days - iso_dow + 4;
    iso_year = civilFromDays(thursday).year;
    return (thursday - daysFromCivil(iso_year, 1, 1)) / 7 + 1;
  };
  int64_t iso_year = 0;
  if (unit == "YEAR") return date.year;
  if (unit == "QUARTER") return (date.month - 1) / 3 + 1;
  if (unit == "MONTH") return date.month;
  if (unit == "WEEK") return isoWeek(iso_year);
  if (unit == "DAY") return date.day;
  if (unit == "HOUR") return millis / kMillisPerHour;
  if (unit == "MINUTE") return millis / kMillisPerMinute % 60;
  if (unit == "SECOND") return millis / kMillisPerSecond % 60;
  if (unit == "MILLISECOND") return millis % kMillisPerMinute;
  if (unit == "MICROSECOND") return millis % kMillisPerMinute * 1000 + ts.nano_of_millisecond / 1000;
  if (unit == "NANOSECOND") return (millis % kMillisPerMinute) * 1'000'000 + ts.nano_of_millisecond;
  if (unit == "DOW") return iso_dow % 7 + 1;  // Sunday 1 .. Saturday 7
  if (unit == "ISODOW") return iso_dow;
  if (unit == "DOY") return days - daysFromCivil(date.year, 1, 1) + 1;
  if (unit == "ISOYEAR") {
    isoWeek(iso_year);
    return iso_year;
  }
  if (unit == "EPOCH") return floorDiv(ts.millisecond, kMillisPerSecond);
  if (unit == "DECADE") return floorDiv(date.year, 10);
  if (unit == "CENTURY") return date.year > 0 ? (date.year + 99) / 100 : -((99 - date.year) / 100);
  return date.year > 0 ? (date.year + 999) / 1000 : -((999 - date.year) / 1000);  // MILLENNIUM
}

// The start of the `unit` that contains `ts`; weeks start on Sunday, as Calcite's floor.
TimestampData floorTo(std::string_view unit, TimestampData ts) {
  const int64_t days = floorDiv(ts.millisecond, kMillisPerDay);
  const CivilDate date = civilFromDays(days);
  auto at = [](int64_t millis) { return TimestampData{millis, 0}; };
  if (unit == "YEAR") return at(daysFromCivil(date.year, 1, 1) * kMillisPerDay);
  if (unit == "QUARTER") return at(daysFromCivil(date.year, (date.month - 1) / 3 * 3 + 1, 1) * kMillisPerDay);
  if (unit == "MONTH") return at(daysFromCivil(date.year, date.month, 1) * kMillisPerDay);
  if (unit == "WEEK") return at((days - floorMod(days + 4, 7)) * kMillisPerDay);
  int64_t unit_millis = 1;
  if (unit == "DAY") unit_millis = kMillisPerDay;
  if (unit == "HOUR") unit_millis = kMillisPerHour;
  if (unit == "MINUTE") unit_millis = kMillisPerMinute;
  if (unit == "SECOND") unit_millis = kMillisPerSecond;
  return at(floorDiv(ts.millisecond, unit_millis) * unit_millis);
}

TimestampData ceilTo(std::string_view unit, TimestampData ts) {
  const TimestampData floor = floorTo(unit, ts);
  if (floor == ts) return ts;
  if (unit == "YEAR" || unit == "QUARTER" || unit == "MONTH") {
    const int64_t months = unit == "YEAR" ? 12 : unit == "QUARTER" ? 3 : 1;
    return {addMonths(floorDiv(floor.millisecond, kMillisPerDay), months) * kMillisPerDay, 0};
  }
  const int64_t step = unit == "WEEK" ? 7 * kMillisPerDay : unit == "DAY" ? kMillisPerDay : unit == "HOUR" ? kMillisPerHour
                       : unit == "MINUTE" ? kMillisPerMinute : unit == "SECOND" ? kMillisPerSecond : 1;
  return {floor.millisecond + step, 0};
}

TimestampData addUnits(std::string_view unit, int64_t amount, TimestampData ts) {
  if (unit == "YEAR" || unit == "QUARTER" || unit == "MONTH") {
    const int64_t months = amount * (unit == "YEAR" ? 12 : unit == "QUARTER" ? 3 : 1);
    const int64_t days = floorDiv(ts.millisecond, kMillisPerDay);
    return {ts.millisecond + (addMonths(days, months) - days) * kMillisPerDay, ts.nano_of_millisecond};
  }
  int64_t step = 1;
  if (unit == "WEEK") step = 7 * kMillisPerDay;
  if (unit == "DAY") step = kMillisPerDay;
  if (unit == "HOUR") step = kMillisPerHour;
  if (unit == "MINUTE") step = kMillisPerMinute;
  if (unit == "SECOND") step = kMillisPerSecond;
  return {ts.millisecond + amount * step, ts.nano_of_millisecond};
}

int64_t diffUnits(std::string_view unit, TimestampData from, TimestampData to) {
  if (unit == "YEAR" || unit == "QUARTER" || unit == "MONTH") {
    return monthsBetween(from.millisecond, to.millisecond) / (unit == "YEAR" ? 12 : unit == "QUARTER" ? 3 : 1);
  }
  int64_t step = 1;
  if (unit == "WEEK") step = 7 * kMillisPerDay;
  if (unit == "DAY") step = kMillisPerDay;
  if (unit == "HOUR") step = kMillisPerHour;
  if (unit == "MINUTE") step = kMillisPerMinute;
  if (unit == "SECOND") step = kMillisPerSecond;
  return (to.millisecond - from.millisecond) / step;
}

}  // namespace

Status temporal(const BoundExpr& call, Args args, size_t n, ColumnVector& out, const EvaluationContext& context) {
  const int64_t offset = int64_t{context.time_zone.offset_seconds} * 1000;
  const F function = call.function;
  std::string buffer;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    auto text = [&](size_t arg) { return args[arg]->stringAt(i); };
    auto pattern = [&](size_t arg) { return args.size() > arg ? text(arg) : kDefaultPattern; };
    switch (function) {
      case F::kExtract: out.append<int64_t>(extract(call.unit, localAt(*args[0], i, offset))); break;
      case F::kFloorTo: appendLocal(out, floorTo(call.unit, localAt(*args[0], i, offset)), offset); break;
      case F::kCeilTo: appendLocal(out, ceilTo(call.unit, localAt(*args[0], i, offset)), offset); break;
      case F::kTimestampAdd:
        appendLocal(out, addUnits(call.unit, args[0]->valueAt<int32_t>(i), localAt(*args[1], i, offset)), offset);
        break;
      case F::kTimestampDiff:
        out.append<int32_t>(static_cast<int32_t>(diffUnits(call.unit, localAt(*args[0], i, offset), localAt(*args[1], i, offset))));
        break;
      case F::kDateFormat: {
        buffer.clear();
        if (formatTimestamp(localAt(*args[0], i, offset), text(1), buffer).ok()) {
          out.appendString(buffer);
        } else {
          out.appendNull();
        }
        break;
      }
      case F::kFromUnixtime: {
        buffer.clear();
        const TimestampData local{args[0]->valueAt<int64_t>(i) * 1000 + offset, 0};
        if (formatTimestamp(local, pattern(1), buffer).ok()) {
          out.appendString(buffer);
        } else {
          out.appendNull();
        }
        break;
      }
      case F::kToTimestamp:
      case F::kToDate:
      case F::kUnixTimestamp: {
        std::optional<TimestampData> parsed;
        if (args.size() > 1) {
          parsed = parseTimestamp(text(0), text(1));
        } else if (function == F::kToDate) {
          std::optional<int32_t> days = parseDate(text(0));
          if (days) parsed = TimestampData{int64_t{*days} * kMillisPerDay, 0};
        } else if (function == F::kToTimestamp) {
          parsed = parseTimestamp(text(0));
        } else {
          parsed = parseTimestamp(text(0), kDefaultPattern);
        }
        if (function == F::kUnixTimestamp) {
          // Flink returns Long.MIN_VALUE for a string it cannot parse.
          out.append<int64_t>(parsed ? floorDiv(parsed->millisecond - offset, kMillisPerSecond) : INT64_MIN);
        } else if (!parsed) {
          out.appendNull();
        } else {
          appendLocal(out, *parsed, offset);
        }
        break;
      }
      default: return Internal("not a temporal function");
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
