// Calls of user-defined scalar functions: one call of ScalarFunction::eval per batch.
#include <fmt/format.h>

#include "sql/expression/kernels.h"
#include "sql/expression/udf_call.h"

namespace eddy::sql::kernels {

Status userDefined(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const UserDefinedCall& udf = *call.udf;
  const size_t before = out.size();
  EDDY_RETURN_IF_ERROR(udf.function->eval(udf.signature, args, n, out));
  if (out.size() != before + n) {
    return Internal(fmt::format("The function '{}' returned {} values for {} rows", udf.name, out.size() - before, n));
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
