#pragma once

#include <string>
#include <vector>

#include "eddy/types/logical_type.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/jdbc/jdbc_filter_pushdown.h"
#include "sql/connectors/jdbc/jdbc_table_options.h"

namespace eddy::sql {

// Reads a jdbc table (Flink's JdbcDynamicTableSource as a ScanTableSource with
// SupportsProjectionPushDown and SupportsFilterPushDown, and a LookupTableSource): a
// bounded, insert-only scan, `SELECT <projected columns> FROM <table-name>` or, with
// 'scan.partition.*', 'scan.partition.num' queries over ranges of the partition column read
// in parallel (JdbcRowSource), each with a WHERE clause of the filters the server can
// evaluate (jdbc_filter_pushdown.h); or, for a lookup join, JdbcRowDataLookupFunctions
// behind the cache the 'lookup.*' options configure. Not thread-safe; one instance serves
// one planned query.
class JdbcDynamicTableSource final : public ScanTableSource, public LookupTableSource {
 public:
  JdbcDynamicTableSource(JdbcTableOptions options, types::LogicalType physical_row_type);

  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override { return true; }
  bool supportsProjectionPushDown() const override { return true; }
  void applyProjection(const std::vector<int>& physical_fields, const types::LogicalType& produced_type) override;
  bool supportsFilterPushDown() const override { return true; }
  FilterPushDownResult applyFilters(std::vector<BoundExprPtr> filters) override;
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  // Lookups return rows of the table's physical ROW type, whatever the scan projects.
  Result<LookupRuntimeProvider> getLookupRuntimeProvider(const LookupContext& context) const override;
  // "JDBC:PostgreSQL" or "JDBC:MySQL", as Flink.
  std::string asSummaryString() const override;

 private:
  JdbcTableOptions options_;
  types::LogicalType physical_row_type_;
  // What the scan produces: the physical row, or the projected fields of it.
  types::LogicalType produced_type_;
  // The accepted filters as the scan's WHERE clause renders them.
  std::vector<ParameterizedPredicate> predicates_;
};

}  // namespace eddy::sql
