#include "sql/table/schema_resolution.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <utility>

#include "eddy/types/logical_type_parser.h"
#include "sql/catalog/table_from_ddl.h"
#include "sql/parser/sql_parser.h"

namespace eddy::table {

using sql::TableColumn;

namespace {

Result<types::LogicalType> declaredType(const Schema::UnresolvedColumn& column) {
  if (column.type) return *column.type;
  return types::LogicalTypeParser::parse(column.type_string);
}

Result<TableColumn> physicalColumn(const std::string& name, types::LogicalType type) {
  TableColumn column;
  column.name = name;
  column.type = sql::DataTypeSpec{{}, type.asSerializableString(), std::move(type)};
  return column;
}

// The physical columns: the stream's fields with declared types applied, or the declared
// physical columns of a stream without field names.
Result<std::vector<TableColumn>> physicalColumns(const Schema& schema, const std::vector<types::RowField>& stream_fields) {
  std::vector<TableColumn> columns;
  for (const types::RowField& field : stream_fields) {
    EDDY_ASSIGN_OR_RETURN(TableColumn column, physicalColumn(field.name, field.type));
    columns.push_back(std::move(column));
  }
  std::vector<std::string> available;
  for (const types::RowField& field : stream_fields) available.push_back(field.name);
  for (const Schema::UnresolvedColumn& declared : schema.getColumns()) {
    if (declared.kind != Schema::UnresolvedColumn::Kind::kPhysical) continue;
    EDDY_ASSIGN_OR_RETURN(types::LogicalType type, declaredType(declared));
    if (stream_fields.empty()) {
      EDDY_ASSIGN_OR_RETURN(TableColumn column, physicalColumn(declared.name, std::move(type)));
      columns.push_back(std::move(column));
      continue;
    }
    auto it = std::find_if(columns.begin(), columns.end(), [&](const TableColumn& c) { return c.name == declared.name; });
    if (it == columns.end()) {
      return InvalidArgument(fmt::format(
          "Unable to find a field named '{}' in the physical data type derived from the given type information for "
          "schema declaration. Make sure that the type information is not a generic raw type. Currently available "
          "fields are: [{}]",
          declared.name, fmt::join(available, ", ")));
    }
    EDDY_ASSIGN_OR_RETURN(*it, physicalColumn(declared.name, std::move(type)));
  }
  if (columns.empty()) {
    return InvalidArgument(
        "A DataStream<Row> carries no field names: declare its physical columns with Schema::Builder::column(name, "
        "type)");
  }
  return columns;
}

}  // namespace

Result<sql::CatalogTable> resolveDataStreamSchema(const Schema& schema, const std::vector<types::RowField>& stream_fields,
                                                  std::map<std::string, std::string> options) {
  sql::CreateTable ddl;
  EDDY_ASSIGN_OR_RETURN(ddl.columns, physicalColumns(schema, stream_fields));
  for (const Schema::UnresolvedColumn& declared : schema.getColumns()) {
    TableColumn column;
    column.name = declared.name;
    switch (declared.kind) {
      case Schema::UnresolvedColumn::Kind::kPhysical:
        continue;
      case Schema::UnresolvedColumn::Kind::kComputed: {
        column.kind = TableColumn::Kind::kComputed;
        EDDY_ASSIGN_OR_RETURN(column.expression, sql::SqlParser::parseExpression(declared.expression));
        break;
      }
      case Schema::UnresolvedColumn::Kind::kMetadata: {
        column.kind = TableColumn::Kind::kMetadata;
        EDDY_ASSIGN_OR_RETURN(types::LogicalType type, declaredType(declared));
        column.type = sql::DataTypeSpec{{}, type.asSerializableString(), std::move(type)};
        column.metadata_key = declared.metadata_key;
        column.is_virtual = declared.is_virtual;
        break;
      }
    }
    ddl.columns.push_back(std::move(column));
  }
  if (schema.getWatermarkSpecs().size() > 1) {
    return NotSupported("Multiple watermark definitions are not supported yet.");
  }
  for (const Schema::UnresolvedWatermarkSpec& spec : schema.getWatermarkSpecs()) {
    sql::WatermarkSpec watermark;
    watermark.column = {spec.column_name};
    EDDY_ASSIGN_OR_RETURN(watermark.strategy, sql::SqlParser::parseExpression(spec.expression));
    ddl.watermark = std::move(watermark);
  }
  if (const auto& key = schema.getPrimaryKey()) {
    ddl.primary_key = sql::PrimaryKeyConstraint{{}, key->constraint_name, key->column_names};
  }
  EDDY_ASSIGN_OR_RETURN(sql::CatalogTable table, sql::tableFromDdl(ddl));
  table.options = std::move(options);
  return table;
}

}  // namespace eddy::table
