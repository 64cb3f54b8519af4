#pragma once

#include "eddy/common/status.h"
#include "eddy/types/logical_type.h"

namespace eddy::formats::json {

// What both directions of the JSON format require of a type: a ROW, whose MAP and MULTISET
// keys (at any depth) are CHAR or VARCHAR. InvalidArgument with Flink's messages otherwise.
Status checkJsonRowType(const types::LogicalType& row_type);

}  // namespace eddy::formats::json
