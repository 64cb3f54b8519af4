#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eddy/types/logical_type.h"

namespace eddy::table {

// The schema of a Table once planned (Flink's ResolvedSchema): its columns with their types,
// the rowtime column's type marked *ROWTIME*. A value type.
struct ResolvedSchema {
  struct Column {
    std::string name;
    types::LogicalType type;
  };

  std::vector<Column> columns;

  std::vector<std::string> getColumnNames() const;
  std::vector<types::LogicalType> getColumnDataTypes() const;
  // As Flink's ResolvedSchema#toString: "(\n  `a` STRING,\n  `ts` TIMESTAMP(3) *ROWTIME*\n)".
  std::string toString() const;
};

}  // namespace eddy::table
