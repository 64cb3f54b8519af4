#include "formats/csv/csv_schema_check.h"

#include <fmt/format.h>

namespace eddy::formats::csv {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;

// The roots Jackson's CSV schema sees as NUMBER, STRING or BOOLEAN columns.
bool isSimple(LogicalTypeRoot root) {
  switch (root) {
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::DOUBLE:
    case LogicalTypeRoot::FLOAT:
    case LogicalTypeRoot::DECIMAL:
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::NULL_TYPE: return true;
    default: return false;
  }
}

Status checkNested(const std::string& field_name, const LogicalType& type) {
  if (isSimple(type.root())) return Status::OK();
  return InvalidArgument(fmt::format(
      "Only simple types are supported in the second level nesting of fields '{}' but was: {}", field_name,
      type.asSummaryString()));
}

}  // namespace

Status checkCsvRowType(const LogicalType& row_type) {
  if (row_type.root() != LogicalTypeRoot::ROW) {
    return InvalidArgument(fmt::format("The CSV format needs a ROW type, not {}.", row_type.asSummaryString()));
  }
  for (const types::RowField& field : row_type.fields()) {
    const LogicalType& type = field.type;
    if (isSimple(type.root())) continue;
    if (type.root() == LogicalTypeRoot::ARRAY) {
      EDDY_RETURN_IF_ERROR(checkNested(field.name, type.elementType()));
    } else if (type.root() == LogicalTypeRoot::ROW) {
      for (const types::RowField& nested : type.fields()) EDDY_RETURN_IF_ERROR(checkNested(field.name, nested.type));
    } else {
      return InvalidArgument(
          fmt::format("Unsupported type '{}' for field '{}'.", type.asSummaryString(), field.name));
    }
  }
  return Status::OK();
}

}  // namespace eddy::formats::csv
