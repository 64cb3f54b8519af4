#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/table/functions/scalar_function.h"
#include "eddy/types/column_vector.h"

namespace eddy::table {

// A user-defined aggregate function (Flink's AggregateFunction), registered with
// TableEnvironment::createTemporarySystemFunction and called like a built-in aggregate in
// GROUP BY queries, group windows and window TVF aggregations, with DISTINCT and
// FILTER (WHERE ...) not supported. Overloads as ScalarFunction's: the result type of the
// chosen overload, nullable, is the call's type.
//
// The accumulator is bytes the function lays out itself (createAccumulator makes an empty
// one): operators keep it in the keyed state backend next to the built-in accumulators, so
// it is in checkpoints and savepoints and moves with its key group when the job rescales,
// with no serializer to register. accumulate/retract see one input row: `args[i]` is the
// column of argument i and `row` the row in it; NULL arguments are passed (the function
// decides what they mean). retract is needed on inputs with updates or deletes; the
// default fails the job. merge (Flink's AggregateFunction#merge) is optional: a function
// that implements it (and says so with implementsMerge) runs in SESSION windows, whose
// sessions merge, and in the two-phase aggregation of mini-batch, where a bundle's partial
// accumulator merges into the stored one; without it a SESSION window fails with Flink's
// "Could not find an implementation method 'merge'" and mini-batch aggregates in one phase.
// Errors and exceptions fail the job naming the operator.
// Instances are shared by every subtask: methods must be const and thread-safe.
class AggregateFunction {
 public:
  virtual ~AggregateFunction() = default;

  virtual std::vector<FunctionSignature> signatures() const = 0;
  virtual std::string createAccumulator() const = 0;
  virtual Status accumulate(size_t signature, std::string& accumulator, std::span<const types::ColumnVector* const> args,
                            size_t row) const = 0;
  virtual Status retract(size_t signature, std::string& accumulator, std::span<const types::ColumnVector* const> args,
                         size_t row) const {
    return NotSupported("This aggregate function does not implement retract");
  }
  // Appends the result of `accumulator` (one value or NULL) to `out`, of the result type.
  virtual Status getValue(size_t signature, std::string_view accumulator, types::ColumnVector& out) const = 0;
  // Whether merge is implemented; planning asks before it puts the function where
  // accumulators merge.
  virtual bool implementsMerge() const { return false; }
  // Merges `other`, an accumulator of the same overload, into `accumulator`.
  virtual Status merge(size_t signature, std::string& accumulator, std::string_view other) const {
    return NotSupported("This aggregate function does not implement merge");
  }
};

}  // namespace eddy::table
