#pragma once

#include "eddy/types/logical_type.h"
#include "eddy/types/value.h"

namespace eddy::types {

// The ValueKind that holds a non-null value of a type with this root (CHAR and VARCHAR:
// STRING, MULTISET: MAP, …), as Row fields carry them.
ValueKind valueKindOf(LogicalTypeRoot root);

}  // namespace eddy::types
