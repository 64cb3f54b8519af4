#pragma once

#include "eddy/common/result.h"
#include "sql/parser/ast_query.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// ORDER BY, OFFSET and LIMIT of `query` over its planned body `relation`, as Flink plans
// them on a stream:
//   ORDER BY rowtime ASC                    TemporalSort (rows in rowtime order, on the watermark)
//   ORDER BY ... LIMIT n / LIMIT n          a Rank of the first n rows without partition
//                                           (Flink's SortLimit / Limit)
//   ORDER BY another field without LIMIT    Flink's "Sort on a non-time-attribute field is not supported."
Result<Relation> planOrderByLimit(const Query& query, Relation relation);

}  // namespace eddy::sql
