#pragma once

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "sql/catalog/catalog_table.h"
#include "sql/catalog/object_identifier.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// The columns an INSERT writes (Flink's persisted columns): the physical ones and the
// metadata ones not declared VIRTUAL, in declaration order.
types::LogicalType persistedRowType(const CatalogTable& table);

// Turns the rows of `query` (persisted columns) into the row `sink` consumes, as Flink's
// DynamicSinkUtils#pushMetadataProjection: the physical columns, then the metadata columns
// in the order of the sink's listWritableMetadata, cast to the sink's metadata types; and
// tells the sink (applyWritableMetadata). A table without persisted metadata columns keeps
// `query`. Fails with Flink's messages for a key the sink cannot write.
Result<PlanNodePtr> pushMetadataProjection(PlanNodePtr query, const CatalogTable& table,
                                           const ObjectIdentifier& identifier, DynamicTableSink& sink);

}  // namespace eddy::sql
