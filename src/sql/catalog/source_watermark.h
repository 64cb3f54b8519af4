#pragma once

#include <string_view>

#include "sql/catalog/catalog_table.h"
#include "sql/parser/ast_expression.h"

namespace eddy::sql {

// SOURCE_WATERMARK() (Flink's BuiltInFunctionDefinitions.SOURCE_WATERMARK): the watermark
// expression of `WATERMARK FOR ts AS SOURCE_WATERMARK()` (DDL) or
// Schema::Builder::watermark("ts", "SOURCE_WATERMARK()") (Table API). It marks `ts` as the
// rowtime attribute and leaves the watermarks to the source, which must support it
// (ScanTableSource::supportsSourceWatermark); no WatermarkAssigner is planned.
inline constexpr std::string_view kSourceWatermarkExpression = "SOURCE_WATERMARK()";

// Flink's SourceWatermarkFunction.ERROR_MESSAGE: SOURCE_WATERMARK() anywhere else, or on a
// table whose source does not support it.
inline constexpr std::string_view kSourceWatermarkError =
    "SOURCE_WATERMARK() is a declarative marker function and doesn't have concrete runtime implementation. It can "
    "only be used as a single expression in a WATERMARK FOR clause in the CREATE TABLE DDL. The declaration will be "
    "pushed down into a table source that implements the "
    "'org.apache.flink.table.connector.source.abilities.SupportsSourceWatermark' interface. The source will emit "
    "system-defined watermarks afterwards. Please check the documentation whether the connector supports source "
    "watermarks.";

// Whether `expr` is the call SOURCE_WATERMARK() (any case), or holds one among its operands.
bool isSourceWatermarkCall(const Expr& expr);
bool containsSourceWatermarkCall(const Expr& expr);

// Whether a table's watermark is SOURCE_WATERMARK().
inline bool isSourceWatermark(const CatalogWatermark& watermark) {
  return watermark.expression == kSourceWatermarkExpression;
}

}  // namespace eddy::sql
