#include "sql/connectors/jdbc/jdbc_dynamic_table_source.h"

#include <memory>
#include <optional>
#include <utility>

#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"
#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/jdbc/jdbc_lookup_options.h"
#include "sql/connectors/jdbc/jdbc_row_source.h"

namespace eddy::sql {

using connectors::jdbc::JdbcDialect;
using connectors::jdbc::JdbcReadOptions;
using connectors::jdbc::JdbcRowDataInputFormat;

JdbcDynamicTableSource::JdbcDynamicTableSource(JdbcTableOptions options, types::LogicalType physical_row_type)
    : options_(std::move(options)), physical_row_type_(physical_row_type), produced_type_(std::move(physical_row_type)) {}

void JdbcDynamicTableSource::applyProjection(const std::vector<int>&, const types::LogicalType& produced_type) {
  produced_type_ = produced_type;
}

FilterPushDownResult JdbcDynamicTableSource::applyFilters(std::vector<BoundExprPtr> filters) {
  FilterPushDownResult result;
  Result<connectors::jdbc::JdbcUrl> target = options_.connection.connectionTarget();
  for (BoundExprPtr& filter : filters) {
    std::optional<ParameterizedPredicate> predicate;
    if (target.ok()) predicate = toParameterizedPredicate(*filter, physical_row_type_, JdbcDialect(target->kind));
    if (predicate) predicates_.push_back(std::move(*predicate));
    (predicate ? result.accepted : result.remaining).push_back(std::move(filter));
  }
  return result;
}

Result<DataStream<RowChunk>> JdbcDynamicTableSource::produceDataStream(StreamExecutionEnvironment& env) {
  JdbcReadOptions read;
  read.table_name = options_.table_name;
  for (size_t i = 0; i < produced_type_.fieldCount(); ++i) {
    read.field_names.push_back(produced_type_.fields()[i].name);
    read.field_types.push_back(produced_type_.typeAt(i));
  }
  read.partition_column = options_.partition_column;
  read.partition_num = options_.partition_num;
  read.partition_lower_bound = options_.partition_lower_bound;
  read.partition_upper_bound = options_.partition_upper_bound;
  EDDY_ASSIGN_OR_RETURN(JdbcRowDataInputFormat format, JdbcRowDataInputFormat::create(options_.connection, read));
  JdbcScanSplits splits(std::move(format), options_.connection, read.field_types, predicates_,
                        options_.partition_column.has_value());
  auto source = std::make_shared<JdbcRowSource>(std::move(splits), produced_type_);
  return env.fromSource<RowChunk>(source, WatermarkStrategy<RowChunk>::noWatermarks(), asSummaryString());
}

Result<LookupRuntimeProvider> JdbcDynamicTableSource::getLookupRuntimeProvider(const LookupContext& context) const {
  return jdbcLookupRuntimeProvider(options_.connection, options_.table_name, physical_row_type_, context,
                                   options_.lookup);
}

std::string JdbcDynamicTableSource::asSummaryString() const {
  return options_.summaryString();
}

}  // namespace eddy::sql
