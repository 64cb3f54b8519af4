#include "sql/planner/plan_sink_metadata.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

bool isPersisted(const CatalogColumn& column) {
  return column.kind == CatalogColumn::Kind::kPhysical ||
         (column.kind == CatalogColumn::Kind::kMetadata && !column.is_virtual);
}

}  // namespace

LogicalType persistedRowType(const CatalogTable& table) {
  std::vector<types::RowField> fields;
  for (const CatalogColumn& column : table.columns) {
    if (isPersisted(column)) fields.push_back(DataTypes::FIELD(column.name, column.type));
  }
  return DataTypes::ROW(std::move(fields));
}

Result<PlanNodePtr> pushMetadataProjection(PlanNodePtr query, const CatalogTable& table,
                                           const ObjectIdentifier& identifier, DynamicTableSink& sink) {
  // The query's field of each persisted column, physical and metadata apart.
  std::vector<int> physical;
  std::vector<std::pair<const CatalogColumn*, int>> metadata;
  int field = 0;
  for (const CatalogColumn& column : table.columns) {
    if (!isPersisted(column)) continue;
    if (column.kind == CatalogColumn::Kind::kPhysical) {
      physical.push_back(field);
    } else {
      metadata.emplace_back(&column, field);
    }
    ++field;
  }
  if (metadata.empty()) return query;
  const std::vector<std::pair<std::string, LogicalType>> writable = sink.listWritableMetadata();
  if (writable.empty()) {
    return InvalidArgument(fmt::format(
        "Table '{}' declares persistable metadata columns, but the underlying DynamicTableSink doesn't implement the "
        "SupportsWritingMetadata interface. If the column should not be persisted, it can be declared with the "
        "VIRTUAL keyword.",
        identifier.asSummaryString()));
  }
  for (const auto& [column, index] : metadata) {
    const std::string key = column->metadata_key.value_or(column->name);
    bool known = false;
    for (const auto& [name, type] : writable) known |= name == key;
    if (!known) {
      std::string available;
      for (const auto& [name, type] : writable) available += "\n" + name;
      return InvalidArgument(fmt::format(
          "Invalid metadata key '{}' in column '{}' of table '{}'. The DynamicTableSink class '{}' supports the "
          "following metadata keys for writing:{}",
          key, column->name, identifier.asSummaryString(), sink.asSummaryString(), available));
    }
  }
  const LogicalType& query_type = query->output_type;
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  std::vector<types::RowField> fields;
  for (int index : physical) {
    projections.push_back(BoundExpr::inputRef(index, query_type.typeAt(static_cast<size_t>(index)), {}));
    names.push_back(query_type.fields()[static_cast<size_t>(index)].name);
    fields.push_back(query_type.fields()[static_cast<size_t>(index)]);
  }
  // Metadata in the sink's order, as Flink's createRequiredMetadataColumns.
  std::vector<std::string> keys;
  for (const auto& [name, type] : writable) {
    for (const auto& [column, index] : metadata) {
      if (column->metadata_key.value_or(column->name) != name) continue;
      BoundExprPtr ref = BoundExpr::inputRef(index, query_type.typeAt(static_cast<size_t>(index)), {});
      projections.push_back(binder::castTo(std::move(ref), type));
      names.push_back(column->name);
      fields.push_back(DataTypes::FIELD(column->name, type));
      keys.push_back(name);
    }
  }
  sink.applyWritableMetadata(keys, DataTypes::ROW(std::move(fields)));
  return makeCalc(std::move(query), std::move(projections), nullptr, names);
}

}  // namespace eddy::sql
