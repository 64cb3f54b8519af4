#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/types/column_vector.h"
#include "eddy/types/logical_type.h"

namespace eddy::table {

// One `eval` overload of a user-defined function: the SQL types of its arguments and of its
// result (Flink derives them from the Java method; in C++ they are declared).
struct FunctionSignature {
  std::vector<types::LogicalType> arguments;
  types::LogicalType result;
};

// A user-defined scalar function (Flink's ScalarFunction), registered with
// TableEnvironment::createTemporarySystemFunction. A call binds to the first overload in
// signatures() whose arguments the call's operands equal or widen to implicitly (the
// operands are CAST to them); the call's type is that overload's result, nullable.
//
// eval runs once per batch, not per row: `args[i]` holds the `n` values of argument i, and
// eval appends exactly `n` results (NULLs included) to `out`, whose type is the result's.
// A NULL argument reaches eval as a NULL in its vector (Flink passes null to eval too).
// A returned error or a thrown exception fails the job naming the operator. Instances are
// shared by every subtask of every query that calls them: eval must be const and
// thread-safe.
class ScalarFunction {
 public:
  virtual ~ScalarFunction() = default;

  virtual std::vector<FunctionSignature> signatures() const = 0;
  // REQUIRES: signature < signatures().size(); args.size() is that overload's arity.
  virtual Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
                      types::ColumnVector& out) const = 0;
};

}  // namespace eddy::table
