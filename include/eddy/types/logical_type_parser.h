#pragma once

#include <string_view>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"

namespace eddy::types {

// Reads a type as written in SQL DDL or produced by asSerializableString(), as Flink's
// LogicalTypeParser: "INT", "DECIMAL(10, 2)", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
// "ROW(a INT, b STRING NOT NULL)", "MAP<STRING, INT>", "INT ARRAY", with Flink's shortcuts
// (STRING, BYTES, DEC/NUMERIC, INTEGER, DOUBLE PRECISION, ...) and defaults (DECIMAL(10, 0),
// CHAR(1), TIME(0), TIMESTAMP(6)). Keywords are case-insensitive.
// Errors are Flink's: "Could not parse type at position 8: <LITERAL_INT> expected but was
// <IDENTIFIER>.\n Input type string: VARCHAR(x)". Types Flink parses but Eddy does not run
// (RAW, STRUCTURED, TIMESTAMP WITH TIME ZONE, user-defined types, ...) are NotSupported.
class LogicalTypeParser {
 public:
  static Result<LogicalType> parse(std::string_view type_string);
};

}  // namespace eddy::types
