#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/catalog/source_watermark.h"
#include "sql/connectors/filesystem/legacy_csv_table_factory.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

namespace {

// Binds a computed column's or watermark's expression text against `row_type`.
Result<BoundExprPtr> bindStoredExpression(const std::string& text, const LogicalType& row_type,
                                          const std::string& what) {
  EDDY_ASSIGN_OR_RETURN(ExprPtr parsed, SqlParser::parseExpression(text));
  Result<BoundExprPtr> bound = ExpressionBinder(row_type).bind(*parsed);
  if (!bound.ok()) return InvalidArgument("Invalid expression for " + what + ": " + bound.status().message());
  return bound;
}

// An upsert source ([I, UA, D] keyed on the primary key; a delete may hold only the key)
// is followed by a ChangelogNormalize on the primary key, as Flink's
// StreamPhysicalTableSourceScanRule does, so that what reads it sees full rows and -U.
Result<PlanNodePtr> normalizeUpsertChangelog(PlanNodePtr scan, const ObjectIdentifier& identifier,
                                             const CatalogTable& table) {
  const ChangelogMode mode = scan->source->getChangelogMode();
  if (!mode.contains(types::RowKind::UPDATE_AFTER) || mode.contains(types::RowKind::UPDATE_BEFORE)) return scan;
  if (!table.primary_key) {
    return InvalidArgument(fmt::format(
        "Table '{}' produces a changelog stream that contains UPDATE_AFTER but no UPDATE_BEFORE. This requires "
        "defining a primary key constraint on the table.",
        identifier.asSummaryString()));
  }
  std::vector<int> keys;
  for (const std::string& column : table.primary_key->columns) keys.push_back(scan->output_type.fieldIndex(column));
  auto normalize = std::make_unique<PlanNode>(PlanNode::Kind::kChangelogNormalize);
  normalize->output_type = scan->output_type;
  normalize->keys = keys;
  normalize->inputs.push_back(makeExchange(std::move(scan), std::move(keys)));
  return PlanNodePtr(std::move(normalize));
}

// WATERMARK FOR ts AS SOURCE_WATERMARK(): the source emits the watermarks itself (Flink
// pushes a SourceWatermarkSpec into a SupportsSourceWatermark source and shows it in the
// scan's digest); with any other source it fails with Flink's message.
Status pushSourceWatermark(ScanTableSource& source, PlanNode& scan) {
  if (!source.supportsSourceWatermark()) return InvalidArgument(std::string(kSourceWatermarkError));
  source.applySourceWatermark();
  scan.source_digests.push_back("watermark=[" + std::string(kSourceWatermarkExpression) + "]");
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<ScanTableSource>> QueryPlanner::createTableSource(const ObjectIdentifier& identifier,
                                                                        const CatalogTable& table,
                                                                        const LogicalType& physical_type) const {
  auto failed = [&](const Status& cause) {
    return InvalidArgument(fmt::format("Unable to create a source for reading table '{}'.\n\nTable options are:\n\n{}\n\n{}",
                                       identifier.asSummaryString(), printOptions(table.options), cause.message()));
  };
  // A legacy descriptor table ('connector.type') has its factory under another identifier.
  auto connector = table.options.find("connector");
  const std::string factory_identifier =
      connector != table.options.end() ? connector->second : legacyFactoryIdentifier(table.options);
  if (factory_identifier.empty()) {
    return failed(InvalidArgument("Table options do not contain an option key 'connector' for discovering a connector."));
  }
  Result<const DynamicTableSourceFactory*> factory = factories_.sourceFactory(factory_identifier);
  if (!factory.ok()) return failed(factory.status());
  DynamicTableContext context{identifier, table, physical_type, session_, false};
  Result<std::unique_ptr<ScanTableSource>> created = (*factory)->createDynamicTableSource(context);
  if (!created.ok()) return failed(created.status());
  return std::shared_ptr<ScanTableSource>(std::move(created).value());
}

// A catalog table: TableSourceScan of the physical (and metadata) fields, a Calc for the
// computed columns in declaration order, and a WatermarkAssigner for WATERMARK FOR (none for
// SOURCE_WATERMARK(): the source's watermarks pass, and the column is the rowtime).
Result<Relation> QueryPlanner::planCatalogTable(const ObjectIdentifier& identifier, const CatalogTable& table,
                                                const std::string& qualifier, bool normalize_upserts) {
  std::vector<types::RowField> physical;
  std::vector<const CatalogColumn*> metadata;
  for (const CatalogColumn& column : table.columns) {
    if (column.kind == CatalogColumn::Kind::kPhysical) physical.push_back(DataTypes::FIELD(column.name, column.type));
    if (column.kind == CatalogColumn::Kind::kMetadata) metadata.push_back(&column);
  }
  const LogicalType physical_type = DataTypes::ROW(physical);
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<ScanTableSource> source, createTableSource(identifier, table, physical_type));

  std::vector<types::RowField> produced = physical;
  if (!metadata.empty()) {
    std::vector<std::pair<std::string, LogicalType>> readable = source->listReadableMetadata();
    std::vector<std::string> keys;
    for (const CatalogColumn* column : metadata) {
      const std::string key = column->metadata_key.value_or(column->name);
      bool known = false;
      for (const auto& [name, type] : readable) known |= name == key;
      if (!known) {
        std::string available;
        for (const auto& [name, type] : readable) available += "\n" + name + ": " + type.asSummaryString();
        return InvalidArgument(fmt::format("Invalid metadata key '{}' in column '{}' of table '{}'. The {} class '{}' "
                                           "supports the following metadata keys for reading:{}",
                                           key, column->name, identifier.asSummaryString(), "DynamicTableSource",
                                           source->asSummaryString(), available));
      }
      keys.push_back(key);
      produced.push_back(DataTypes::FIELD(column->name, column->type));
    }
    source->applyReadableMetadata(keys, DataTypes::ROW(produced));
  }

  auto scan = std::make_unique<PlanNode>(PlanNode::Kind::kTableSourceScan);
  scan->output_type = DataTypes::ROW(produced);
  scan->table = identifier;
  scan->source = source;
  scan->physical_field_count = physical.size();
  const bool source_watermark = table.watermark && isSourceWatermark(*table.watermark);
  if (source_watermark) EDDY_RETURN_IF_ERROR(pushSourceWatermark(*source, *scan));
  PlanNodePtr node = std::move(scan);
  if (normalize_upserts) {
    EDDY_ASSIGN_OR_RETURN(node, normalizeUpsertChangelog(std::move(node), identifier, table));
  }

  // Columns in declaration order; computed ones evaluated over the produced row.
  const LogicalType produced_type = node->output_type;
  std::vector<BoundExprPtr> projections;
  std::vector<std::string> names;
  size_t physical_index = 0;
  size_t metadata_index = physical.size();
  for (const CatalogColumn& column : table.columns) {
    names.push_back(column.name);
    switch (column.kind) {
      case CatalogColumn::Kind::kPhysical:
        projections.push_back(BoundExpr::inputRef(static_cast<int>(physical_index), produced_type.typeAt(physical_index), {}));
        ++physical_index;
        break;
      case CatalogColumn::Kind::kMetadata:
        projections.push_back(BoundExpr::inputRef(static_cast<int>(metadata_index), produced_type.typeAt(metadata_index), {}));
        ++metadata_index;
        break;
      case CatalogColumn::Kind::kComputed: {
        EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound,
                              bindStoredExpression(column.expression, produced_type, "computed column '" + column.name + "'"));
        projections.push_back(std::move(bound));
        break;
      }
    }
  }
  node = makeCalc(std::move(node), std::move(projections), nullptr, names);

  if (source_watermark) {
    node->rowtime_field = node->output_type.fieldIndex(table.watermark->rowtime_attribute);
  } else if (table.watermark) {
    const LogicalType& row_type = node->output_type;
    const int rowtime = row_type.fieldIndex(table.watermark->rowtime_attribute);
    if (rowtime < 0) {
      return InvalidArgument("The rowtime attribute field '" + table.watermark->rowtime_attribute +
                             "' is not defined in the table schema");
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr watermark,
                          bindStoredExpression(table.watermark->expression, row_type, "the watermark"));
    auto assigner = std::make_unique<PlanNode>(PlanNode::Kind::kWatermarkAssigner);
    assigner->output_type = row_type;
    assigner->rowtime_field = rowtime;
    assigner->watermark = std::move(watermark);
    assigner->inputs.push_back(std::move(node));
    node = std::move(assigner);
  }
  std::vector<std::string> qualifiers(node->output_type.fieldCount(), qualifier);
  return Relation{std::move(node), std::move(qualifiers)};
}

}  // namespace eddy::sql
