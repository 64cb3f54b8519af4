#pragma once

#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>

#include "eddy/common/status.h"

namespace eddy {

// Result<T> holds either a value or the Status that explains why there is none.
// Reading the value of a failed Result is a programming error and aborts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Internal("Result constructed from an OK status");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { checkOk(); return *value_; }
  const T& value() const& { checkOk(); return *value_; }
  T&& value() && { checkOk(); return std::move(*value_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T valueOr(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  void checkOk() const {
    if (!status_.ok()) std::abort();
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace eddy

#define EDDY_CONCAT_INNER(a, b) a##b
#define EDDY_CONCAT(a, b) EDDY_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` fails.
#define EDDY_RETURN_IF_ERROR(expr)                   \
  do {                                               \
    ::eddy::Status _eddy_status = (expr);            \
    if (!_eddy_status.ok()) return _eddy_status;     \
  } while (0)

// Evaluates a Result-returning `rexpr`; on failure returns its Status, otherwise moves the
// value into `lhs` (which may be a declaration such as `auto x`).
#define EDDY_ASSIGN_OR_RETURN(lhs, rexpr) \
  EDDY_ASSIGN_OR_RETURN_IMPL(EDDY_CONCAT(_eddy_result_, __LINE__), lhs, rexpr)
#define EDDY_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
