// TO_TIMESTAMP_LTZ and CONVERT_TZ.
#include <cmath>
#include <memory>
#include <string>

#include "sql/expression/kernels.h"
#include "sql/expression/temporal.h"
#include "sql/expression/zone_rules.h"

namespace eddy::sql::kernels {

namespace {

using Root = types::LogicalTypeRoot;

// TO_TIMESTAMP_LTZ(epoch, precision): seconds for precision 0, milliseconds for 3.
void toTimestampLtz(Args args, size_t n, ColumnVector& out) {
  const int64_t per_milli = vector_ops::timestampUnitsPerMilli(out.type().precision());
  if (args[0]->type().root() == Root::BIGINT) {
    vector_ops::mapBinary<int64_t, int32_t, int64_t>(*args[0], *args[1], n, out, [&](int64_t value, int32_t precision) {
      return (precision == 0 ? value * temporal::kMillisPerSecond : value) * per_milli;
    });
  } else {
    vector_ops::mapBinary<double, int32_t, int64_t>(*args[0], *args[1], n, out, [&](double value, int32_t precision) {
      return static_cast<int64_t>(precision == 0 ? value * temporal::kMillisPerSecond : value) * per_milli;
    });
  }
}

// CONVERT_TZ(text, from, to): the date-time `text` read in zone `from`, written in zone `to`
// as "yyyy-MM-dd HH:mm:ss"; NULL when `text` is not a date-time.
Status convertTz(Args args, size_t n, ColumnVector& out) {
  std::string buffer;
  for (size_t i = 0; i < n; ++i) {
    std::optional<types::TimestampData> local;
    if (!vector_ops::anyNull(args, i)) local = temporal::parseTimestamp(args[0]->stringAt(i));
    if (!local) {
      out.appendNull();
      continue;
    }
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<const ZoneRules> from, ZoneRules::cached(args[1]->stringAt(i)));
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<const ZoneRules> to, ZoneRules::cached(args[2]->stringAt(i)));
    const int64_t local_seconds = temporal::floorDiv(local->millisecond, temporal::kMillisPerSecond);
    const int64_t instant = local_seconds - from->offsetOfLocal(local_seconds);
    const int64_t target = instant + to->offsetAt(instant);
    buffer.clear();
    temporal::appendTimestamp(types::TimestampData{target * temporal::kMillisPerSecond, 0}, 0, buffer);
    out.appendString(buffer);
  }
  return Status::OK();
}

}  // namespace

Status timeZone(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  if (call.function == BuiltInFunction::kToTimestampLtz) {
    toTimestampLtz(args, n, out);
    return Status::OK();
  }
  return convertTz(args, n, out);
}

}  // namespace eddy::sql::kernels
