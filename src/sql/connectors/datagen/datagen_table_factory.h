#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/connectors/datagen/datagen_row_source.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// A `datagen` table as a source (Flink's DataGenTableSource): insert-only rows made by
// one generator per physical field, bounded by 'number-of-rows' or by the end of a
// sequence field, at 'rows-per-second' over all subtasks.
class DataGenTableSource final : public ScanTableSource {
 public:
  DataGenTableSource(types::LogicalType row_type, std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields,
                     int64_t count, int64_t rows_per_second, std::optional<int> parallelism,
                     DataGenRowSource::Clock clock);

  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override { return count_ != DataGenRowSource::kUnbounded; }
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  std::string asSummaryString() const override { return "DataGenTableSource"; }

  // The DataStream source this table reads (Flink's @VisibleForTesting createSource()).
  std::shared_ptr<DataGenRowSource> createSource() const;
  // How many rows the source makes; DataGenRowSource::kUnbounded for no end.
  int64_t count() const { return count_; }

 private:
  types::LogicalType row_type_;
  std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields_;
  int64_t count_;
  int64_t rows_per_second_;
  std::optional<int> parallelism_;
  DataGenRowSource::Clock clock_;
};

// The source of a `datagen` table, validated as Flink's DataGenTableSourceFactory does:
// 'rows-per-second' (default 10000), 'number-of-rows', 'scan.parallelism' and the
// 'fields.<name>.*' keys of each field's generator; any other key is Flink's "Unsupported
// options found for 'datagen'." with the supported keys. Random values are seeded by
// `seed` (one stream per field) and time values read `clock`.
Result<std::unique_ptr<DataGenTableSource>> createDataGenTableSource(const DynamicTableContext& context, uint64_t seed,
                                                                      DataGenRowSource::Clock clock);

// Registers the `datagen` factory (random seed per table, the system clock).
void registerDataGenFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
