#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "eddy/table/functions/table_function.h"

namespace eddy::sql {

// The table function INTERSECT ALL and EXCEPT ALL are rewritten with (Flink's
// ReplicateRows, `$REPLICATE_ROWS$1`): for an input row with count n (BIGINT) it produces n
// rows, so that a Correlate repeats the input row n times; a NULL or non-positive count
// produces none. Its one result column is the replica's number, 1..n. Stateless and
// thread-safe.
class ReplicateRowsFunction final : public table::TableFunction {
 public:
  // The name plans print for it.
  static constexpr const char* kName = "$REPLICATE_ROWS$1";

  std::vector<table::FunctionSignature> signatures() const override;
  Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
              table::TableFunctionOutput& out) const override;
};

}  // namespace eddy::sql
