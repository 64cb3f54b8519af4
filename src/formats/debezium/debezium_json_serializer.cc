#include "eddy/formats/debezium/debezium_json_serializer.h"

#include <fmt/format.h>

#include "eddy/types/data_types.h"

namespace eddy::formats::debezium {

using types::DataTypes;
using types::Row;
using types::RowKind;
using types::Value;

Result<DebeziumJsonSerializer> DebeziumJsonSerializer::create(types::LogicalType physical_row_type,
                                                              DebeziumJsonOptions options) {
  if (physical_row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The 'debezium-json' format needs a ROW type");
  }
  types::LogicalType envelope =
      DataTypes::ROW({DataTypes::FIELD("before", physical_row_type), DataTypes::FIELD("after", physical_row_type),
                      DataTypes::FIELD("op", DataTypes::STRING())});
  EDDY_ASSIGN_OR_RETURN(json::JsonRowSerializer json, json::JsonRowSerializer::create(envelope, options.write));
  return DebeziumJsonSerializer(std::move(physical_row_type), std::move(json));
}

Status DebeziumJsonSerializer::serialize(const Row& row, std::string& out) const {
  Row physical(RowKind::INSERT, row.fields());
  switch (row.getKind()) {
    case RowKind::INSERT:
    case RowKind::UPDATE_AFTER:
      return json_.serialize(Row::of(Value(), Value::row(std::move(physical)), "c"), out);
    case RowKind::UPDATE_BEFORE:
    case RowKind::DELETE:
      return json_.serialize(Row::of(Value::row(std::move(physical)), Value(), "d"), out);
  }
  return InvalidArgument(fmt::format("Could not serialize row '{}'.", row.toString()));
}

}  // namespace eddy::formats::debezium
