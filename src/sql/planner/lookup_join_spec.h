#pragma once

#include <memory>
#include <vector>

#include "eddy/types/data_types.h"
#include "eddy/types/logical_type.h"
#include "sql/catalog/object_identifier.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/expression/bound_expr.h"
#include "sql/planner/join_spec.h"

namespace eddy::sql {

// What a LookupJoin does (Flink's CommonPhysicalLookupJoin and LookupJoinRunner): for each
// input row, the rows of `table` whose `table_keys` equal the row's `input_keys` (no match
// when an input key is NULL), each joined row kept when the residual `condition` holds; a
// LEFT join pads an input row without any kept match with NULLs. The output row is the
// first `input_field_count` input fields (the input may end with key fields computed for the
// lookup, as Flink's `$f8`, which are not output) and then the table's fields.
struct LookupJoinSpec {
  ObjectIdentifier table;
  // How the table is read: loaded whole and indexed by the join when it opens, or looked
  // up key by key (by table_keys, in that order) through a cache.
  LookupRuntimeProvider provider;
  // The table's physical ROW type: what the provider loads or looks up.
  types::LogicalType table_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  FlinkJoinType join_type = FlinkJoinType::kInner;
  // input_keys[i] (an input field) equals table_keys[i] (a table field); same storage type.
  std::vector<int> input_keys;
  std::vector<int> table_keys;
  size_t input_field_count = 0;
  // Over the output row; null for none.
  BoundExprPtr condition;
};

}  // namespace eddy::sql
