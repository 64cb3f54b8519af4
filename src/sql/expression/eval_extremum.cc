// GREATEST and LEAST over operands the binder cast to one type.
#include "sql/expression/kernels.h"

namespace eddy::sql::kernels {

Status extremum(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const bool greatest = call.function == BuiltInFunction::kGreatest;
  vector_ops::dispatchStorage(call.type.root(), [&](auto tag) {
    using T = decltype(tag);
    for (size_t i = 0; i < n; ++i) {
      if (vector_ops::anyNull(args, i)) {
        out.appendNull();
        continue;
      }
      size_t best = 0;
      for (size_t a = 1; a < args.size(); ++a) {
        bool better;
        if constexpr (std::is_same_v<T, vector_ops::StringTag>) {
          better = greatest ? args[a]->stringAt(i) > args[best]->stringAt(i) : args[a]->stringAt(i) < args[best]->stringAt(i);
        } else {
          better = greatest ? args[a]->valueAt<T>(i) > args[best]->valueAt<T>(i) : args[a]->valueAt<T>(i) < args[best]->valueAt<T>(i);
        }
        if (better) best = a;
      }
      vector_ops::appendFrom<T>(*args[best], i, out);
    }
  });
  return Status::OK();
}

}  // namespace eddy::sql::kernels
