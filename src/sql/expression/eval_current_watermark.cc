// CURRENT_WATERMARK(rowtime): the watermark of the operator evaluating it.
#include <limits>

#include "sql/expression/kernels.h"

namespace eddy::sql::kernels {

Status currentWatermark(size_t n, ColumnVector& out, const EvaluationContext& context) {
  // Flink's CURRENT_WATERMARK is NULL until the operator has seen a watermark
  // (Long.MIN_VALUE); TIMESTAMP(3) and TIMESTAMP_LTZ(3) both hold epoch milliseconds.
  const bool none = context.current_watermark == std::numeric_limits<int64_t>::min();
  for (size_t i = 0; i < n; ++i) {
    if (none) {
      out.appendNull();
    } else {
      out.append<int64_t>(context.current_watermark);
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
