#pragma once

#include <memory>
#include <string>

#include "eddy/common/result.h"
#include "sql/catalog/catalog_table.h"
#include "sql/catalog/object_identifier.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/parser/ast_query.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// A processing-time temporal join `l JOIN t FOR SYSTEM_TIME AS OF l.proctime ON ...` against
// a table whose source is a LookupTableSource, as Flink's LookupJoinRule plans it: the ON
// condition's `<left expression> = t.column` parts are the lookup keys (a key that is not a
// plain left field, or whose type differs from the column's, is computed by a Calc below as
// `$f<n>`); the other parts are the residual condition over the joined row. Time attributes
// of the left input pass through. InvalidArgument with Flink's message when no part is such
// an equality; NotSupported for a table with computed or metadata columns.
Result<Relation> planLookupJoin(FlinkJoinType type, Relation left, const ObjectIdentifier& identifier,
                                const CatalogTable& table, const LookupTableSource& source,
                                const std::string& qualifier, const Expr* condition);

// LookupJoin(table=[c.d.t], joinType=[InnerJoin], lookup=[key=$f8], joinCondition=[...],
// select=[...]) as Flink prints a StreamPhysicalLookupJoin.
std::string describeLookupJoin(const PlanNode& node);

}  // namespace eddy::sql
