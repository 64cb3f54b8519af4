#pragma once

#include <string>
#include <vector>

#include "sql/parser/ast_query.h"
#include "sql/planner/plan_node.h"
#include "sql/planner/relation.h"

namespace eddy::sql {

// The parts of Top-N and deduplication planning that run outside planOverSelect. Stateless.

// A SELECT with ROW_NUMBER() OVER `spec` (`call`, its only window function): a Rank over
// `input` with the row number as its last field (bounded later by applyRankFilter), and a
// Calc for the SELECT items above it.
Result<Relation> planRowNumber(const Select& select, Relation input, const Expr& call, const WindowSpec& spec);

// WHERE over a ROW_NUMBER() subquery: the conjuncts `rn <= N`, `rn < N` and `rn = 1` of
// `condition` (over the fields of `input`) that bound a Rank below `input` set its rank range
// and are removed; returns what remains of the condition (null when nothing does).
Result<BoundExprPtr> applyRankFilter(PlanNode& input, BoundExprPtr condition);

// For a Calc over a Rank: when the Calc does not read the row number, the Rank stops
// producing it, and a Rank keeping row 1 ordered by a time attribute becomes a Deduplicate
// (Flink's StreamPhysicalDeduplicateRule). Called before changelog inference.
void pruneUnusedRankNumber(PlanNode& calc);

// Flink's error for a ROW_NUMBER() whose result no filter bounds, or OK.
Status checkRankBounded(const PlanNode& rank);

// Flink's RankProcessStrategy of a Rank as EXPLAIN prints it: AppendFastStrategy over an
// insert-only input, UpdateFastStrategy[0,1] (its upsert key) or RetractStrategy.
std::string rankStrategyName(const PlanNode& rank);

// For a Rank over an updating input, whose input modes are inferred: the upsert key of
// Flink's UpdateFastStrategy (RankProcessStrategy#analyzeRankProcessStrategies), or empty for
// its RetractStrategy. The key is a GroupAggregate's grouping fields as the Rank's input
// projects them; it must contain the partition key, and every sort field must only move a
// row up: a grouping field, or COUNT / MAX ordered DESC, MIN ordered ASC, of an aggregation
// over an insert-only input (Flink's FlinkRelMdModifiedMonotonicity).
std::vector<int> updateFastKey(const PlanNode& rank);

// True when `field` of `node` is a time attribute: the rowtime, or a PROCTIME() column.
bool isTimeAttribute(const PlanNode& node, int field);

}  // namespace eddy::sql
