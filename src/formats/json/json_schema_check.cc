#include "formats/json/json_schema_check.h"

#include <fmt/format.h>

namespace eddy::formats::json {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;

bool isCharacterString(const LogicalType& type) {
  return type.root() == LogicalTypeRoot::CHAR || type.root() == LogicalTypeRoot::VARCHAR;
}

Status checkNested(const LogicalType& type) {
  const bool is_map = type.root() == LogicalTypeRoot::MAP;
  if (is_map || type.root() == LogicalTypeRoot::MULTISET) {
    const LogicalType& key = is_map ? type.keyType() : type.elementType();
    if (!isCharacterString(key)) {
      return InvalidArgument(fmt::format(
          "JSON format doesn't support non-string as key type of map. The type is: {}", type.asSummaryString()));
    }
  }
  for (const LogicalType& child : type.children()) EDDY_RETURN_IF_ERROR(checkNested(child));
  return Status::OK();
}

}  // namespace

Status checkJsonRowType(const LogicalType& row_type) {
  if (row_type.root() != LogicalTypeRoot::ROW) {
    return InvalidArgument(fmt::format("The JSON format needs a ROW type, not {}.", row_type.asSummaryString()));
  }
  return checkNested(row_type);
}

}  // namespace eddy::formats::json
