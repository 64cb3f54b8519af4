#pragma once

#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// Registers the `blackhole` sink connector (Flink's BlackHoleTableSinkFactory): swallows
// every row; accepts every kind of change; no options.
void registerBlackholeFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
