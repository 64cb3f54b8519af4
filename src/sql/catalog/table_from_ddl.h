#pragma once

#include "eddy/common/result.h"
#include "sql/catalog/catalog_table.h"
#include "sql/parser/ast_statement.h"

namespace eddy::sql {

// Resolves the schema of CREATE TABLE into a CatalogTable as Flink's DefaultSchemaResolver
// does: computed columns typed over the physical and metadata columns, the WATERMARK column
// marked *ROWTIME*, primary key columns made NOT NULL and the key named `PK_<cols>` unless
// named, partition keys checked. Errors are InvalidArgument with Flink's texts.
// CREATE TABLE ... LIKE and ... AS query are NotSupported here.
Result<CatalogTable> tableFromDdl(const CreateTable& ddl);

// A view of CREATE VIEW: the query as canonical SQL (unparse), declared columns, comment.
CatalogView viewFromDdl(const CreateView& ddl);

// An expression as Flink prints it in schemas: canonical SQL without the outermost
// parentheses ("`ts` - INTERVAL '5' SECOND").
std::string expressionText(const Expr& expr);

}  // namespace eddy::sql
