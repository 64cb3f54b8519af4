#pragma once

#include <memory>

#include "eddy/connectors/nexmark/nexmark_configuration.h"
#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// A `nexmark` table as a source (the reference's NexmarkTableSource): the Nexmark events
// as insert-only rows of nexmarkRowType(), bounded when 'events.num' > 0 (or 'stop-at' is
// set), read by the job's parallelism with the event space split among the readers.
class NexmarkTableSource final : public ScanTableSource {
 public:
  explicit NexmarkTableSource(connectors::nexmark::NexmarkConfiguration configuration);

  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override;
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  std::string asSummaryString() const override { return "NexmarkTableSource"; }

 private:
  connectors::nexmark::NexmarkConfiguration configuration_;
};

// The source of a `nexmark` table, validated as the reference's NexmarkTableSourceFactory
// does: the options of NexmarkSourceOptions plus Eddy's 'seed' and 'base-time' (any other key
// is Flink's "Unsupported options found for 'nexmark'."), and the physical columns must have
// the reference's schema (names and types; lengths and nullability aside).
Result<std::unique_ptr<NexmarkTableSource>> createNexmarkTableSource(const DynamicTableContext& context);

// Registers the `nexmark` factory.
void registerNexmarkFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
