#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/schema.h"
#include "eddy/types/logical_type.h"
#include "sql/catalog/catalog_table.h"

namespace eddy::table {

// Resolves the Schema given to fromDataStream / fromChangelogStream / createTemporaryView
// into the CatalogTable the stream is read through (Flink's SchemaTranslator followed by
// DefaultSchemaResolver), with `options` as the table's options. The physical columns are
// `stream_fields` (a typed stream's fields; a declared physical column of the same name
// changes its type) or, when the stream carries no field names (DataStream<Row>), the
// schema's declared physical columns. Computed and metadata columns follow in declaration
// order; watermark and primary key are resolved exactly as CREATE TABLE resolves them.
Result<sql::CatalogTable> resolveDataStreamSchema(const Schema& schema, const std::vector<types::RowField>& stream_fields,
                                                  std::map<std::string, std::string> options);

}  // namespace eddy::table
