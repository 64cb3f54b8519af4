#include "eddy/formats/canal/canal_json_deserializer.h"

#include <optional>
#include <regex>

#include <fmt/format.h>

#include "eddy/types/data_types.h"

namespace eddy::formats::canal {

using types::DataTypes;
using types::Row;
using types::RowKind;
using types::Value;

struct CanalJsonDeserializer::Patterns {
  std::optional<std::regex> database;
  std::optional<std::regex> table;
};

namespace {

Result<std::optional<std::regex>> compile(const std::optional<std::string>& pattern, const char* key) {
  if (!pattern) return std::optional<std::regex>();
  try {
    return std::optional<std::regex>(std::regex(*pattern, std::regex::ECMAScript));
  } catch (const std::regex_error& error) {
    return InvalidArgument(fmt::format("Invalid regular expression '{}' for 'canal-json.{}': {}", *pattern, key,
                                       error.what()));
  }
}

// True when `name` (a "database" or "table" value) is included by `pattern`; as Flink's
// Pattern.matches over asText(), an absent name fails the message.
Result<bool> included(const std::optional<std::regex>& pattern, const Value& name, const char* field) {
  if (!pattern) return true;
  if (name.isNull()) return InvalidArgument(fmt::format("The \"{}\" field is null.", field));
  return std::regex_match(name.getString(), *pattern);
}

Row rowOf(const Value& element, RowKind kind) {
  Row out = element.getRow();
  out.setKind(kind);
  return out;
}

}  // namespace

CanalJsonDeserializer::CanalJsonDeserializer(types::LogicalType physical_row_type, CanalJsonOptions options,
                                             json::JsonRowDeserializer json, std::unique_ptr<Patterns> patterns)
    : physical_row_type_(std::move(physical_row_type)),
      options_(std::move(options)),
      json_(std::move(json)),
      patterns_(std::move(patterns)) {}
CanalJsonDeserializer::CanalJsonDeserializer(CanalJsonDeserializer&&) noexcept = default;
CanalJsonDeserializer& CanalJsonDeserializer::operator=(CanalJsonDeserializer&&) noexcept = default;
CanalJsonDeserializer::~CanalJsonDeserializer() = default;

Result<CanalJsonDeserializer> CanalJsonDeserializer::create(types::LogicalType physical_row_type,
                                                            CanalJsonOptions options) {
  if (physical_row_type.root() != types::LogicalTypeRoot::ROW) {
    return InvalidArgument("The 'canal-json' format needs a ROW type");
  }
  auto patterns = std::make_unique<Patterns>();
  EDDY_ASSIGN_OR_RETURN(patterns->database, compile(options.database_include, "database.include"));
  EDDY_ASSIGN_OR_RETURN(patterns->table, compile(options.table_include, "table.include"));
  json::JsonDeserializationOptions json_options;
  json_options.ignore_parse_errors = options.ignore_parse_errors;
  json_options.timestamp_format = options.timestamp_format;
  types::LogicalType envelope = DataTypes::ROW(
      {DataTypes::FIELD("data", DataTypes::ARRAY(physical_row_type)), DataTypes::FIELD("old", DataTypes::ARRAY(physical_row_type)),
       DataTypes::FIELD("type", DataTypes::STRING()), DataTypes::FIELD("database", DataTypes::STRING()),
       DataTypes::FIELD("table", DataTypes::STRING())});
  EDDY_ASSIGN_OR_RETURN(json::JsonRowDeserializer json, json::JsonRowDeserializer::create(envelope, json_options));
  return CanalJsonDeserializer(std::move(physical_row_type), std::move(options), std::move(json), std::move(patterns));
}

Status CanalJsonDeserializer::deserialize(std::string_view message, std::vector<Row>& out) {
  const size_t first = out.size();
  Status status = convert(message, out);
  if (status.ok()) return status;
  out.resize(first);
  if (options_.ignore_parse_errors) return Status::OK();
  return InvalidArgument(fmt::format("Corrupt Canal JSON message '{}'. Caused by: {}", message, status.message()));
}

Status CanalJsonDeserializer::convert(std::string_view message, std::vector<Row>& out) {
  if (message.empty()) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(std::optional<Row> root, json_.deserialize(message));
  if (!root) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(bool database_included, included(patterns_->database, root->getField(3), "database"));
  if (!database_included) return Status::OK();
  EDDY_ASSIGN_OR_RETURN(bool table_included, included(patterns_->table, root->getField(4), "table"));
  if (!table_included) return Status::OK();
  const Value& data = root->getField(0);
  const Value& old = root->getField(1);
  const Value& type_value = root->getField(2);
  if (type_value.isNull()) return InvalidArgument("The \"type\" field is null.");
  const std::string& type = type_value.getString();
  if (type == "CREATE") return Status::OK();
  if (type != "INSERT" && type != "UPDATE" && type != "DELETE") {
    return InvalidArgument(fmt::format("Unknown \"type\" value \"{}\". The Canal JSON message is '{}'", type, message));
  }
  if (data.isNull()) return InvalidArgument(fmt::format("The \"data\" field of {} message is null.", type));
  const std::vector<Value>& rows = data.getArray();
  if (type == "INSERT" || type == "DELETE") {
    const RowKind kind = type == "INSERT" ? RowKind::INSERT : RowKind::DELETE;
    for (const Value& row : rows) {
      if (row.isNull()) return InvalidArgument(fmt::format("A row of the \"data\" field of {} message is null.", type));
      out.push_back(rowOf(row, kind));
    }
    return Status::OK();
  }
  if (old.isNull()) return InvalidArgument("The \"old\" field of UPDATE message is null.");
  const std::vector<Value>& olds = old.getArray();
  if (olds.size() < rows.size()) {
    return InvalidArgument(fmt::format("The \"old\" field of UPDATE message has {} rows, \"data\" {}.", olds.size(),
                                       rows.size()));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].isNull() || olds[i].isNull()) return InvalidArgument("A row of UPDATE message is null.");
    Row after = rowOf(rows[i], RowKind::UPDATE_AFTER);
    Row before = rowOf(olds[i], RowKind::UPDATE_BEFORE);
    // Canal writes only the changed fields into "old": the others are the new values.
    for (size_t f = 0; f < before.getArity(); ++f) {
      if (before.getField(f).isNull()) before.setField(f, after.getField(f));
    }
    out.push_back(std::move(before));
    out.push_back(std::move(after));
  }
  return Status::OK();
}

}  // namespace eddy::formats::canal
