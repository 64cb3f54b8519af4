#include "eddy/formats/canal/canal_json_serializer.h"

#include "eddy/types/data_types.h"

namespace eddy::formats::canal {

using types::DataTypes;
using types::Row;
using types::RowKind;
using types::Value;

Result<CanalJsonSerializer> CanalJsonSerializer::create(types::LogicalType physical_row_type, CanalJsonOptions options) {
  if (physical_row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The 'canal-json' format needs a ROW type");
  }
  types::LogicalType envelope = DataTypes::ROW(
      {DataTypes::FIELD("data", DataTypes::ARRAY(physical_row_type)), DataTypes::FIELD("type", DataTypes::STRING())});
  EDDY_ASSIGN_OR_RETURN(json::JsonRowSerializer json, json::JsonRowSerializer::create(envelope, options.write));
  return CanalJsonSerializer(std::move(physical_row_type), std::move(json));
}

Status CanalJsonSerializer::serialize(const Row& row, std::string& out) const {
  const bool insert = row.getKind() == RowKind::INSERT || row.getKind() == RowKind::UPDATE_AFTER;
  std::vector<Value> data;
  data.push_back(Value::row(Row(RowKind::INSERT, row.fields())));
  return json_.serialize(Row::of(Value::array(std::move(data)), insert ? "INSERT" : "DELETE"), out);
}

}  // namespace eddy::formats::canal
