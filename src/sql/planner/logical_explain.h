#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "sql/catalog/catalog_manager.h"
#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// EXPLAIN's "== Abstract Syntax Tree ==": the tree of Calcite logical nodes Flink's
// SqlToRelConverter makes of a validated query before any optimization (LogicalSink,
// LogicalProject, LogicalFilter, LogicalAggregate, LogicalJoin, LogicalUnion, LogicalValues,
// LogicalSort, LogicalWatermarkAssigner, LogicalTableScan, LogicalTableFunctionScan,
// LogicalCorrelate, LogicalSnapshot, Uncollect), with
// `$n` input references and Calcite's literal and type spellings. Built from the parsed
// query and the catalog, independently of Eddy's physical planning; used only for printing.
// Fails (NotSupported or a binding error) on what it does not draw, so the caller can fall
// back to another rendering.

// The tree of a query, drawn as Calcite's RelTreeWriter draws it (root at column 0, inputs
// prefixed "+- " and ":- "), one node a line, ending in a newline.
Result<std::string> abstractSyntaxTree(const Query& query, const CatalogManager& catalogs);
// The tree of INSERT INTO `sink` query: LogicalSink(table=[...], fields=[...]) over the query.
Result<std::string> abstractSyntaxTree(const Insert& insert, const ObjectIdentifier& sink,
                                       const CatalogManager& catalogs);

// Appends the RelTreeWriter prefix of a node: for every ancestor level but the node's own,
// ":  " while that ancestor has inputs after it and "   " otherwise, then ":- " or "+- " (the
// last input). `last_flags` holds, from the root's child down to the node, whether each is
// its parent's last input; empty for the root, which has no prefix.
void appendRelTreePrefix(const std::vector<bool>& last_flags, std::string& out);

}  // namespace eddy::sql
