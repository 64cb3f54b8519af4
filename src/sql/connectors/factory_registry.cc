#include "sql/connectors/factory_registry.h"

#include <utility>

namespace eddy::sql {

void FactoryRegistry::registerFactory(std::shared_ptr<DynamicTableFactory> factory) {
  std::string identifier = factory->factoryIdentifier();
  factories_[identifier] = std::move(factory);
}

Result<const DynamicTableFactory*> FactoryRegistry::find(const std::string& identifier) const {
  auto it = factories_.find(identifier);
  if (it != factories_.end()) return it->second.get();
  std::string available;
  for (const auto& [name, factory] : factories_) {
    if (!available.empty()) available += '\n';
    available += name;
  }
  return InvalidArgument("Could not find any factory for identifier '" + identifier +
                         "' that implements 'org.apache.flink.table.factories.DynamicTableFactory' in the "
                         "classpath.\n\nAvailable factory identifiers are:\n\n" +
                         available);
}

Result<const DynamicTableSourceFactory*> FactoryRegistry::sourceFactory(const std::string& identifier) const {
  EDDY_ASSIGN_OR_RETURN(const DynamicTableFactory* factory, find(identifier));
  if (const auto* source = dynamic_cast<const DynamicTableSourceFactory*>(factory)) return source;
  return InvalidArgument("Connector '" + identifier + "' can only be used as a sink. It cannot be used as a source.");
}

Result<const DynamicTableSinkFactory*> FactoryRegistry::sinkFactory(const std::string& identifier) const {
  EDDY_ASSIGN_OR_RETURN(const DynamicTableFactory* factory, find(identifier));
  if (const auto* sink = dynamic_cast<const DynamicTableSinkFactory*>(factory)) return sink;
  return InvalidArgument("Connector '" + identifier + "' can only be used as a source. It cannot be used as a sink.");
}

const FactoryRegistry& defaultFactoryRegistry() {
  static const FactoryRegistry registry = [] {
    FactoryRegistry r;
    registerBuiltInFactories(r);
    return r;
  }();
  return registry;
}

}  // namespace eddy::sql
