#pragma once

#include "eddy/common/status.h"
#include "eddy/types/logical_type.h"

namespace eddy::formats::csv {

// Flink's CsvRowSchemaConverter#convert(RowType): the types a CSV column can hold — the
// simple ones (numbers but intervals, strings, bytes, boolean, null, date, time, timestamps)
// and ARRAY or ROW of simple ones. InvalidArgument with Flink's IllegalArgumentException
// message otherwise, and for a row_type that is not a ROW.
Status checkCsvRowType(const types::LogicalType& row_type);

}  // namespace eddy::formats::csv
