#include "sql/connectors/jdbc/jdbc_dynamic_table_source.h"

#include <memory>
#include <utility>

#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"
#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/jdbc/jdbc_lookup_options.h"
#include "sql/connectors/jdbc/jdbc_row_source.h"

namespace eddy::sql {

using connectors::jdbc::JdbcReadOptions;
using connectors::jdbc::JdbcRowDataInputFormat;

JdbcDynamicTableSource::JdbcDynamicTableSource(JdbcTableOptions options, types::LogicalType physical_row_type)
    : options_(std::move(options)), physical_row_type_(physical_row_type), produced_type_(std::move(physical_row_type)) {}

void JdbcDynamicTableSource::applyProjection(const std::vector<int>&, const types::LogicalType& produced_type) {
  produced_type_ = produced_type;
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
  auto source = std::make_shared<JdbcRowSource>(std::move(format), produced_type_);
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
