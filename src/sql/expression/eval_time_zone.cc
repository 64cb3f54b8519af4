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
  const bool integral = args[0]->type().root() == Root::BIGINT;
  for (size_t i = 0; i < n; ++i) {
    if (args[0]->isNull(i)) {
      out.appendNull();
      continue;
    }
    const bool seconds = args[1]->valueAt<int32_t>(i) == 0;
    int64_t millis;
    if (integral) {
      const int64_t value = args[0]->valueAt<int64_t>(i);
      millis = seconds ? value * temporal::kMillisPerSecond : value;
    } else {
      const double value = args[0]->valueAt<double>(i);
      millis = static_cast<int64_t>(seconds ? value * temporal::kMillisPerSecond : value);
    }
    vector_ops::appendTimestamp(out, types::TimestampData{millis, 0});
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
