#include "sql/planner/replicate_rows_function.h"

#include "eddy/types/data_types.h"

namespace eddy::sql {

std::vector<table::FunctionSignature> ReplicateRowsFunction::signatures() const {
  return {table::FunctionSignature{{types::DataTypes::BIGINT()}, types::DataTypes::INT().notNull()}};
}

Status ReplicateRowsFunction::eval(size_t, std::span<const types::ColumnVector* const> args, size_t n,
                                   table::TableFunctionOutput& out) const {
  const types::ColumnVector& counts = *args[0];
  for (size_t row = 0; row < n; ++row) {
    if (counts.isNull(row)) continue;
    const int64_t count = counts.valueAt<int64_t>(row);
    for (int64_t replica = 1; replica <= count; ++replica) {
      out.columns[0].append<int32_t>(static_cast<int32_t>(replica));
      out.input_rows.push_back(static_cast<int32_t>(row));
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql
