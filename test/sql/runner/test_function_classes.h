#pragma once

namespace eddy::slt {

// The user-defined function classes a .test file can name in
// `CREATE [TEMPORARY [SYSTEM]] FUNCTION f AS '<class>'`: C++ versions of the examples of
// Flink's "User-defined Functions" page, registered under the Java-like names listed in
// test/sql/README.md. Registering is idempotent and thread-safe.
void registerTestFunctionClasses();

// The three kinds, one file each; registerTestFunctionClasses calls them all.
void registerTestScalarFunctionClasses();
void registerTestTableFunctionClasses();
void registerTestAggregateFunctionClasses();

}  // namespace eddy::slt
