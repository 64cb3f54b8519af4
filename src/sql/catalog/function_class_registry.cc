#include "eddy/table/functions/function_class_registry.h"

#include <map>
#include <mutex>

#include "sql/connectors/nexmark/nexmark_count_char.h"

namespace eddy::table {
namespace {

// The registered classes, the built-in ones first.
class FunctionClassRegistry {
 public:
  FunctionClassRegistry() {
    classes_.emplace(sql::kNexmarkCountCharClass,
                     [] { return UserDefinedFunction(std::make_shared<const sql::NexmarkCountChar>()); });
  }

  void add(std::string class_name, FunctionFactory factory) {
    std::lock_guard lock(mutex_);
    classes_.insert_or_assign(std::move(class_name), std::move(factory));
  }

  std::optional<UserDefinedFunction> instantiate(std::string_view class_name) const {
    FunctionFactory factory;
    {
      std::lock_guard lock(mutex_);
      auto it = classes_.find(class_name);
      if (it == classes_.end()) return std::nullopt;
      factory = it->second;
    }
    return factory();
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FunctionFactory, std::less<>> classes_;
};

FunctionClassRegistry& registry() {
  static FunctionClassRegistry instance;
  return instance;
}

}  // namespace

void registerFunctionClass(std::string class_name, FunctionFactory factory) {
  registry().add(std::move(class_name), std::move(factory));
}

std::optional<UserDefinedFunction> instantiateFunctionClass(std::string_view class_name) {
  return registry().instantiate(class_name);
}

}  // namespace eddy::table
