#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "eddy/table/functions/table_function.h"

namespace eddy::sql {

// GROUPING SETS, ROLLUP and CUBE as Flink's Expand node runs them, as the table function of a
// Correlate (`$EXPAND_ROWS$1`): for an input row it produces one row per grouping set, with
// the grouping columns the set does not hold set to NULL and `$e`, the set's expand id: bit
// (k - 1 - i) is 1 when grouping column i of k is not in the set (Flink's ExpandUtil), which
// GROUPING() and GROUPING_ID() read. Its arguments are the k grouping columns. Immutable;
// thread-safe.
class ExpandRowsFunction final : public table::TableFunction {
 public:
  static constexpr const char* kName = "$EXPAND_ROWS$1";

  // `sets[s][i]`: whether grouping set s holds grouping column i.
  ExpandRowsFunction(std::vector<types::LogicalType> key_types, std::vector<std::vector<bool>> sets);

  // The expand id of a grouping set.
  static int64_t expandId(const std::vector<bool>& set);

  std::vector<table::FunctionSignature> signatures() const override;
  Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
              table::TableFunctionOutput& out) const override;

 private:
  std::vector<types::LogicalType> key_types_;
  std::vector<std::vector<bool>> sets_;
};

}  // namespace eddy::sql
