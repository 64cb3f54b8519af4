// PROCTIME(): the processing time at which a row is read, one clock read per batch.
#include <chrono>

#include "sql/expression/kernels.h"

namespace eddy::sql::kernels {

Status proctime(size_t n, ColumnVector& out) {
  // Flink materializes a proctime attribute with the task's current processing time, which
  // is the wall clock (System.currentTimeMillis()); the rows of one batch are read together.
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  for (size_t i = 0; i < n; ++i) out.append<int64_t>(now);
  return Status::OK();
}

}  // namespace eddy::sql::kernels
