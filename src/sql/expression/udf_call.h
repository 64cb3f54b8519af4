#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/functions/user_defined_function.h"
#include "sql/expression/bound_expr.h"

namespace eddy::sql {

// A bound call of a user-defined scalar function (BuiltInFunction::kUserDefinedScalar): the
// name it was called by, the function, and the eval overload the binder chose. Immutable,
// shared by the copies of the expression.
struct UserDefinedCall {
  std::string name;
  std::shared_ptr<const table::ScalarFunction> function;
  size_t signature = 0;
};

// Finds the user-defined functions of a session by name (the session's FunctionCatalog).
class FunctionLookup {
 public:
  virtual ~FunctionLookup() = default;
  // The function `name` refers to, or null. Flink resolves names case-insensitively.
  virtual const table::UserDefinedFunction* lookupFunction(std::string_view name) const = 0;
};

// While alive, every ExpressionBinder on this thread resolves function calls through
// `lookup` before the built-in functions (Flink's temporary system functions shadow
// built-ins). The binder is built in many places of the planner that know nothing of the
// session, so the session installs its functions around planning. Scopes nest.
class UserFunctionScope {
 public:
  explicit UserFunctionScope(const FunctionLookup* lookup);
  ~UserFunctionScope();
  UserFunctionScope(const UserFunctionScope&) = delete;
  UserFunctionScope& operator=(const UserFunctionScope&) = delete;

  // The innermost scope's lookup on this thread, or null.
  static const FunctionLookup* current();

 private:
  const FunctionLookup* previous_;
};

// The user-defined function the innermost scope knows as `name`, or null.
const table::UserDefinedFunction* lookupUserFunction(std::string_view name);

// The overload of a user-defined function (called `name`) that bound `args` call: the first
// the operands match exactly, else the first they widen to implicitly; the operands are
// CAST to its argument types. Flink's "Invalid function call" when none fits.
Result<size_t> chooseSignature(const std::vector<table::FunctionSignature>& signatures, std::string_view name,
                               SourcePosition position, std::vector<BoundExprPtr>& args);

// A call of `function` (called `name`) on bound `args`, typed by chooseSignature's overload.
Result<BoundExprPtr> bindScalarFunctionCall(const std::shared_ptr<const table::ScalarFunction>& function,
                                            std::string_view name, SourcePosition position,
                                            std::vector<BoundExprPtr> args);

}  // namespace eddy::sql
