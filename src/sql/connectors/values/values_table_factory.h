#pragma once

#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// Registers the `values` connector (source and sink; see values_data.h for its options).
void registerValuesFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
