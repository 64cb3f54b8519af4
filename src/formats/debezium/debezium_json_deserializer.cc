#include "eddy/formats/debezium/debezium_json_deserializer.h"

#include <optional>

#include <fmt/format.h>

#include "eddy/types/data_types.h"

namespace eddy::formats::debezium {

using types::DataTypes;
using types::Row;
using types::RowKind;
using types::Value;

namespace {

// Flink's DebeziumJsonDeserializationSchema.REPLICA_IDENTITY_EXCEPTION.
std::string replicaIdentityMessage(const char* operation) {
  return fmt::format(
      "The \"before\" field of {} message is null, if you are using Debezium Postgres Connector, please check the "
      "Postgres table has been set REPLICA IDENTITY to FULL level.",
      operation);
}

types::LogicalType envelopeType(const types::LogicalType& physical, bool schema_include) {
  types::LogicalType payload = DataTypes::ROW({DataTypes::FIELD("before", physical), DataTypes::FIELD("after", physical),
                                               DataTypes::FIELD("op", DataTypes::STRING())});
  if (!schema_include) return payload;
  return DataTypes::ROW({DataTypes::FIELD("payload", payload)});
}

Row withKind(const Value& row, RowKind kind) {
  Row out = row.getRow();
  out.setKind(kind);
  return out;
}

}  // namespace

DebeziumJsonDeserializer::DebeziumJsonDeserializer(types::LogicalType physical_row_type, DebeziumJsonOptions options,
                                                   json::JsonRowDeserializer json)
    : physical_row_type_(std::move(physical_row_type)), options_(std::move(options)), json_(std::move(json)) {}

Result<DebeziumJsonDeserializer> DebeziumJsonDeserializer::create(types::LogicalType physical_row_type,
                                                                  DebeziumJsonOptions options) {
  if (physical_row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The 'debezium-json' format needs a ROW type");
  }
  json::JsonDeserializationOptions json_options;
  json_options.ignore_parse_errors = options.ignore_parse_errors;
  json_options.timestamp_format = options.timestamp_format;
  EDDY_ASSIGN_OR_RETURN(
      json::JsonRowDeserializer json,
      json::JsonRowDeserializer::create(envelopeType(physical_row_type, options.schema_include), json_options));
  return DebeziumJsonDeserializer(std::move(physical_row_type), std::move(options), std::move(json));
}

Status DebeziumJsonDeserializer::deserialize(std::string_view message, std::vector<Row>& out) {
  const size_t first = out.size();
  Status status = convert(message, out);
  if (status.ok()) return status;
  out.resize(first);
  if (options_.ignore_parse_errors) return Status::OK();
  return InvalidArgument(
      fmt::format("Corrupt Debezium JSON message '{}'. Caused by: {}", message, status.message()));
}

Status DebeziumJsonDeserializer::convert(std::string_view message, std::vector<Row>& out) {
  if (message.empty()) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(std::optional<Row> root, json_.deserialize(message));
  if (!root) return Status::OK();
  const Row* payload = &*root;
  if (options_.schema_include) {
    if (root->getField(0).isNull()) return InvalidArgument("The \"payload\" field is null.");
    payload = &root->getField(0).getRow();
  }
  const Value& before = payload->getField(0);
  const Value& after = payload->getField(1);
  const Value& op_value = payload->getField(2);
  if (op_value.isNull()) return InvalidArgument("The \"op\" field is null.");
  const std::string& op = op_value.getString();
  if (op == "c" || op == "r") {
    if (after.isNull()) return InvalidArgument("The \"after\" field of INSERT message is null.");
    out.push_back(withKind(after, RowKind::INSERT));
  } else if (op == "u") {
    if (before.isNull()) return InvalidArgument(replicaIdentityMessage("UPDATE"));
    if (after.isNull()) return InvalidArgument("The \"after\" field of UPDATE message is null.");
    out.push_back(withKind(before, RowKind::UPDATE_BEFORE));
    out.push_back(withKind(after, RowKind::UPDATE_AFTER));
  } else if (op == "d") {
    if (before.isNull()) return InvalidArgument(replicaIdentityMessage("DELETE"));
    out.push_back(withKind(before, RowKind::DELETE));
  } else {
    return InvalidArgument(
        fmt::format("Unknown \"op\" value \"{}\". The Debezium JSON message is '{}'", op, message));
  }
  return Status::OK();
}

}  // namespace eddy::formats::debezium
