#pragma once

#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// Registers the `print` sink connector (Flink's PrintTableSinkFactory): every row printed as
// Row.toString ("+I[1, a]") to standard output, or standard error with
// 'standard-error' = 'true', prefixed by "<print-identifier>:<subtask>> " as Flink's print
// sink does; 'sink.parallelism' sets the sink's parallelism. Accepts every kind of change.
void registerPrintFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
