#include "sql/connectors/nexmark/nexmark_table_factory.h"

#include <fmt/format.h>

#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/nexmark/nexmark_row_source.h"

namespace eddy::sql {

namespace {

using connectors::nexmark::NexmarkConfiguration;
using Root = types::LogicalTypeRoot;

bool isString(Root root) { return root == Root::CHAR || root == Root::VARCHAR; }

// Same field names and type roots, recursively; string lengths and nullability aside (the
// reference's DDL writes VARCHAR without a length).
bool sameShape(const types::LogicalType& actual, const types::LogicalType& expected) {
  if (isString(actual.root()) && isString(expected.root())) return true;
  if (actual.root() != expected.root()) return false;
  if (actual.root() == Root::TIMESTAMP_WITHOUT_TIME_ZONE) return actual.precision() == expected.precision();
  if (actual.root() != Root::ROW) return true;
  if (actual.fieldCount() != expected.fieldCount()) return false;
  for (size_t i = 0; i < actual.fieldCount(); ++i) {
    if (actual.fields()[i].name != expected.fields()[i].name) return false;
    if (!sameShape(actual.typeAt(i), expected.typeAt(i))) return false;
  }
  return true;
}

class NexmarkTableFactory final : public DynamicTableSourceFactory {
 public:
  std::string factoryIdentifier() const override { return "nexmark"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return NexmarkConfiguration::optionKeys(); }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<NexmarkTableSource> source, createNexmarkTableSource(context));
    return std::unique_ptr<ScanTableSource>(std::move(source));
  }
};

}  // namespace

NexmarkTableSource::NexmarkTableSource(NexmarkConfiguration configuration) : configuration_(configuration) {}

bool NexmarkTableSource::isBounded() const {
  const bool ends = configuration_.num_events > 0 || configuration_.stop_at_event >= 0;
  return ends && !configuration_.keep_alive;
}

Result<DataStream<RowChunk>> NexmarkTableSource::produceDataStream(StreamExecutionEnvironment& env) {
  return env.fromSource<RowChunk>(std::make_shared<NexmarkRowSource>(configuration_),
                                  WatermarkStrategy<RowChunk>::noWatermarks(), "NexmarkTableSource");
}

Result<std::unique_ptr<NexmarkTableSource>> createNexmarkTableSource(const DynamicTableContext& context) {
  EDDY_RETURN_IF_ERROR(validateFactoryOptions(NexmarkTableFactory(), context.options()));
  const types::LogicalType expected = nexmarkRowType();
  if (!sameShape(context.physical_row_type, expected)) {
    return InvalidArgument(fmt::format("The nexmark source table must be in the schema of \n{}\n. However, It is \n{}\n",
                                       expected.asSummaryString(), context.physical_row_type.asSummaryString()));
  }
  EDDY_ASSIGN_OR_RETURN(NexmarkConfiguration configuration, NexmarkConfiguration::fromOptions(context.options()));
  return std::make_unique<NexmarkTableSource>(configuration);
}

void registerNexmarkFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<NexmarkTableFactory>());
}

}  // namespace eddy::sql
