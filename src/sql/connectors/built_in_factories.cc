#include "sql/connectors/blackhole/blackhole_table_factory.h"
#include "sql/connectors/datagen/datagen_table_factory.h"
#include "sql/connectors/factory_registry.h"
#include "sql/connectors/filesystem/filesystem_table_factory.h"
#include "sql/connectors/filesystem/legacy_csv_table_factory.h"
#include "sql/connectors/jdbc/jdbc_table_factory.h"
#include "sql/connectors/kafka/kafka_table_factory.h"
#include "sql/connectors/nexmark/nexmark_table_factory.h"
#include "sql/connectors/print/print_table_factory.h"
#include "sql/connectors/values/values_table_factory.h"

namespace eddy::sql {

void registerBuiltInFactories(FactoryRegistry& registry) {
  registerValuesFactories(registry);
  registerPrintFactories(registry);
  registerBlackholeFactories(registry);
  registerDataGenFactories(registry);
  registerFileSystemFactories(registry);
  registerLegacyCsvFactories(registry);
  registerKafkaFactories(registry);
  registerJdbcFactories(registry);
  registerNexmarkFactories(registry);
}

}  // namespace eddy::sql
