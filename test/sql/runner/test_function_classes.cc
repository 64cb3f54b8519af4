#include "test_function_classes.h"

#include <mutex>

namespace eddy::slt {

void registerTestFunctionClasses() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    registerTestScalarFunctionClasses();
    registerTestTableFunctionClasses();
    registerTestAggregateFunctionClasses();
  });
}

}  // namespace eddy::slt
