#pragma once

#include <map>
#include <memory>
#include <string>

#include "eddy/common/result.h"
#include "sql/connectors/dynamic_table.h"

namespace eddy::sql {

// Maps the value of a table's 'connector' option to its factory (Flink's factory
// discovery, without a classpath scan). Factories register explicitly: a static initializer
// in a static library is dropped by the linker when nothing references its object file.
// Filled once, then read from any thread.
class FactoryRegistry {
 public:
  // Adds `factory` under its identifier; a second factory for an identifier replaces the
  // first (tests register their own).
  void registerFactory(std::shared_ptr<DynamicTableFactory> factory);

  // The factory for `identifier` that creates sources (or sinks). An unknown identifier is
  // Flink's "Could not find any factory for identifier 'x' that implements
  // 'org.apache.flink.table.factories.DynamicTableFactory' in the classpath.\n\nAvailable
  // factory identifiers are:\n\n<identifiers, one a line, sorted>"; a factory that exists
  // but cannot create sources (sinks) is Flink's "Connector 'x' can only be used as a sink
  // (source). It cannot be used as a source (sink)." Both are InvalidArgument.
  Result<const DynamicTableSourceFactory*> sourceFactory(const std::string& identifier) const;
  Result<const DynamicTableSinkFactory*> sinkFactory(const std::string& identifier) const;

 private:
  Result<const DynamicTableFactory*> find(const std::string& identifier) const;

  std::map<std::string, std::shared_ptr<DynamicTableFactory>> factories_;
};

// Registers the connectors built into Eddy's SQL layer. Each connector folder provides a
// register<Name>Factories(FactoryRegistry&) that this calls (built_in_factories.cc).
void registerBuiltInFactories(FactoryRegistry& registry);

// A registry with the built-in connectors, built on first use.
const FactoryRegistry& defaultFactoryRegistry();

}  // namespace eddy::sql
