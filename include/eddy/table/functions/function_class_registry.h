#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/table/functions/user_defined_function.h"

namespace eddy::table {

// Makes a new instance of a function class.
using FunctionFactory = std::function<UserDefinedFunction()>;

// The classes `CREATE FUNCTION name AS '<class>'` can name. Flink loads the Java class from
// the classpath; Eddy runs C++ functions, registered here under a class name by the process
// (its built-in classes, e.g. Nexmark's 'com.github.nexmark.flink.udf.CountChar') or by a
// job library before it runs SQL. Registering a name again replaces it. Thread-safe.
void registerFunctionClass(std::string class_name, FunctionFactory factory);

// A new instance of the class, or nullopt when no class of that name is registered.
std::optional<UserDefinedFunction> instantiateFunctionClass(std::string_view class_name);

}  // namespace eddy::table
