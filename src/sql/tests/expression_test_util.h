#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eddy/types/row.h"
#include "sql/expression/evaluate_rows.h"

namespace eddy::sql::testing {

// An expression's value on every row, as Row#toString prints values, joined by " | ", or
// "ERROR: message".
inline std::string evaluateJoined(std::string_view sql, const types::LogicalType& schema,
                                  const std::vector<types::Row>& rows, const EvaluationContext& context = {}) {
  Result<std::vector<types::Value>> values = evaluateRows(sql, schema, rows, context);
  if (!values.ok()) return "ERROR: " + values.status().message();
  std::string out;
  for (const types::Value& value : *values) {
    if (!out.empty()) out += " | ";
    out += value.toString();
  }
  return out;
}

}  // namespace eddy::sql::testing
