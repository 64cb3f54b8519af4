#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/table/functions/scalar_function.h"
#include "eddy/types/column_vector.h"

namespace eddy::table {

// Where a TableFunction puts the rows it produces for a batch of input rows: one column per
// field of the function's result (the fields of a ROW result, else a single column), and
// for every row appended the index of the input row that produced it, in input order. A
// row is appended by appending one value (or NULL) to every column and its input row to
// `input_rows`.
struct TableFunctionOutput {
  std::vector<types::ColumnVector> columns;
  std::vector<int32_t> input_rows;
};

// A user-defined table function (Flink's TableFunction), registered with
// TableEnvironment::createTemporarySystemFunction and called in FROM as
// `LATERAL TABLE(f(x))`: `, LATERAL TABLE(...)`, `CROSS JOIN LATERAL TABLE(...)`,
// `[INNER] JOIN LATERAL TABLE(...) ON cond` and `LEFT JOIN LATERAL TABLE(...) ON TRUE`. Each
// input row joins the rows the function produces for it. Overloads as ScalarFunction's;
// a result that is not a ROW is one column named f0, as in Flink, unless the query
// renames it (`AS t(word)`).
//
// eval runs once per batch: `args[i]` holds the `n` values of argument i, and eval appends
// the rows of every input row to `out` (Flink's collect). A returned error or a thrown
// exception fails the job naming the operator. Instances are shared by every subtask:
// eval must be const and thread-safe.
class TableFunction {
 public:
  virtual ~TableFunction() = default;

  virtual std::vector<FunctionSignature> signatures() const = 0;
  // REQUIRES: signature < signatures().size(); out.columns has one empty-or-filled vector
  // per result field, of the field's type.
  virtual Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
                      TableFunctionOutput& out) const = 0;
};

}  // namespace eddy::table
