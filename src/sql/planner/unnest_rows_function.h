#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/functions/table_function.h"
#include "eddy/types/logical_type.h"

namespace eddy::sql {

// The table function `CROSS JOIN UNNEST(x)` is planned with (Flink's UnnestRowsFunction,
// `$UNNEST_ROWS$1`): a row per element of an ARRAY, per entry of a MAP (key, value) and per
// copy of a MULTISET element, in order; none for a NULL collection. Its columns are Flink's:
// the fields of a ROW element, else one column f0; a MAP's f0 (key) and f1 (value); WITH
// ORDINALITY appends `ordinality`, the element's position from 1 (the fields of a ROW element
// are then named f0, f1, ...). Specialized to one argument type; immutable and thread-safe.
class UnnestRowsFunction final : public table::TableFunction {
 public:
  static constexpr const char* kName = "$UNNEST_ROWS$1";

  // InvalidArgument naming the type unless `argument` is an ARRAY, MAP or MULTISET.
  static Result<UnnestRowsFunction> create(types::LogicalType argument, bool with_ordinality);

  std::vector<table::FunctionSignature> signatures() const override;
  Status eval(size_t signature, std::span<const types::ColumnVector* const> args, size_t n,
              table::TableFunctionOutput& out) const override;

 private:
  UnnestRowsFunction(types::LogicalType argument, types::LogicalType result, bool with_ordinality)
      : argument_(std::move(argument)), result_(std::move(result)), with_ordinality_(with_ordinality) {}

  // Appends element `i` of `elements` to the output columns from `first` on.
  void appendElement(const types::ColumnVector& elements, size_t i, size_t first,
                     table::TableFunctionOutput& out) const;

  types::LogicalType argument_;
  types::LogicalType result_;
  bool with_ordinality_;
};

}  // namespace eddy::sql
