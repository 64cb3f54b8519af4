#pragma once

#include "eddy/table/functions/scalar_function.h"

namespace eddy::sql {

// The Java class name Nexmark's q14 creates its function from.
inline constexpr const char* kNexmarkCountCharClass = "com.github.nexmark.flink.udf.CountChar";

// Nexmark's CountChar (q14's count_char(s, c)): how often the first character of `c` occurs
// in `s`; 0 when `s` is NULL, as the reference's `long eval(String, String)` returns.
class NexmarkCountChar final : public table::ScalarFunction {
 public:
  std::vector<table::FunctionSignature> signatures() const override;
  Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
              types::ColumnVector& out) const override;
};

}  // namespace eddy::sql
