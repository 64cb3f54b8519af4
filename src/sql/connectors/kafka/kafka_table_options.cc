#include "sql/connectors/kafka/kafka_table_options.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "eddy/common/config_options.h"
#include "eddy/types/data_types.h"

namespace eddy::sql {

namespace {

using connectors::kafka::DeliveryGuarantee;
using connectors::kafka::OffsetResetStrategy;
using connectors::kafka::OffsetsInitializer;
using connectors::kafka::TopicPartition;
using Options = std::map<std::string, std::string>;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

Status cannotParse(const std::string& key, const std::string& value) {
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", value, key));
}

std::vector<std::string> splitSemicolons(const std::string& text) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(';', begin);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(begin, end - begin);
    if (!part.empty()) parts.push_back(part);
    begin = end + 1;
  }
  return parts;
}

Result<int64_t> longOption(const Options& options, const std::string& key) {
  const std::string& value = options.at(key);
  Result<int64_t> parsed = ConfigValue<int64_t>::parse(value);
  if (!parsed.ok()) return cannotParse(key, value);
  return *parsed;
}

// "partition:0,offset:42;partition:1,offset:300" (KafkaConnectorOptionsUtil#parseSpecificOffsets).
Result<std::map<TopicPartition, int64_t>> specificOffsets(const std::string& text, const std::string& key,
                                                          const std::string& topic) {
  std::map<TopicPartition, int64_t> offsets;
  const Status invalid = InvalidArgument(fmt::format(
      "Invalid properties '{}' should follow the format 'partition:0,offset:42;partition:1,offset:300', but is '{}'.",
      key, text));
  const std::vector<std::string> pairs = splitSemicolons(text);
  if (pairs.empty()) return invalid;
  for (const std::string& pair : pairs) {
    const size_t comma = pair.find(',');
    if (comma == std::string::npos || !pair.starts_with("partition:") ||
        pair.compare(comma + 1, 7, "offset:") != 0) {
      return invalid;
    }
    Result<int32_t> partition = ConfigValue<int32_t>::parse(pair.substr(10, comma - 10));
    Result<int64_t> offset = ConfigValue<int64_t>::parse(pair.substr(comma + 8));
    if (!partition.ok() || !offset.ok()) return invalid;
    offsets[TopicPartition{topic, *partition}] = *offset;
  }
  return offsets;
}

OffsetResetStrategy resetStrategy(const Options& properties) {
  auto it = properties.find("auto.offset.reset");
  if (it == properties.end()) return OffsetResetStrategy::NONE;
  const std::string value = lower(it->second);
  if (value == "earliest") return OffsetResetStrategy::EARLIEST;
  if (value == "latest") return OffsetResetStrategy::LATEST;
  return OffsetResetStrategy::NONE;
}

// 'scan.startup.*' or 'scan.bounded.*' (`scope`), as an OffsetsInitializer.
Result<std::optional<OffsetsInitializer>> offsetsOption(const Options& options, const std::string& scope,
                                                        const KafkaTableOptions& table) {
  const std::string mode_key = "scan." + scope + ".mode";
  auto it = options.find(mode_key);
  if (it == options.end()) return std::optional<OffsetsInitializer>();
  const std::string mode = lower(it->second);
  if (mode == "earliest-offset" && scope == "startup") return std::optional(OffsetsInitializer::earliest());
  if (mode == "latest-offset") return std::optional(OffsetsInitializer::latest());
  if (mode == "unbounded" && scope == "bounded") return std::optional<OffsetsInitializer>();
  if (mode == "group-offsets") {
    return std::optional(OffsetsInitializer::committedOffsets(resetStrategy(table.properties)));
  }
  if (mode == "timestamp") {
    const std::string key = "scan." + scope + ".timestamp-millis";
    if (!options.count(key)) {
      return InvalidArgument(fmt::format("'{}' is required in 'timestamp' {} mode but missing.", key, scope));
    }
    EDDY_ASSIGN_OR_RETURN(int64_t millis, longOption(options, key));
    return std::optional(OffsetsInitializer::timestamp(millis));
  }
  if (mode == "specific-offsets") {
    const std::string key = "scan." + scope + ".specific-offsets";
    if (!options.count(key)) {
      return InvalidArgument(fmt::format("'{}' is required in 'specific-offsets' {} mode but missing.", key, scope));
    }
    if (table.topics.size() != 1) {
      return InvalidArgument(fmt::format(
          "Currently Kafka source only supports specific offset for single topic in '{}' mode.", mode_key));
    }
    EDDY_ASSIGN_OR_RETURN(auto offsets, specificOffsets(options.at(key), key, table.topics[0]));
    return std::optional(OffsetsInitializer::offsets(std::move(offsets)));
  }
  return cannotParse(mode_key, it->second);
}

Status readTopics(const Options& options, KafkaTableOptions& table) {
  auto topic = options.find("topic");
  auto pattern = options.find("topic-pattern");
  if (topic != options.end() && pattern != options.end()) {
    return InvalidArgument("Option 'topic' and 'topic-pattern' shouldn't be set together.");
  }
  if (topic == options.end() && pattern == options.end()) {
    return InvalidArgument("Either 'topic' or 'topic-pattern' must be set.");
  }
  if (topic != options.end()) {
    table.topics = splitSemicolons(topic->second);
  } else {
    table.topic_pattern = pattern->second;
  }
  return Status::OK();
}

Status readProjections(const Options& options, const types::LogicalType& physical,
                       const std::vector<std::string>& primary_key, bool upsert, KafkaTableOptions& table) {
  const std::string prefix = options.count("key.fields-prefix") ? options.at("key.fields-prefix") : "";
  ValueFieldsStrategy strategy = ValueFieldsStrategy::ALL;
  if (auto it = options.find("value.fields-include"); it != options.end()) {
    const std::string value = lower(it->second);
    if (value == "all") {
      strategy = ValueFieldsStrategy::ALL;
    } else if (value == "except_key") {
      strategy = ValueFieldsStrategy::EXCEPT_KEY;
    } else {
      return cannotParse(it->first, it->second);
    }
  }
  std::vector<std::string> key_names = primary_key;
  if (!upsert) {
    auto it = options.find("key.fields");
    if (it != options.end()) key_names = splitSemicolons(it->second);
    if (table.key_format && key_names.empty()) {
      return InvalidArgument(
          "A key format 'key.format' requires the declaration of one or more of key fields using 'key.fields'.");
    }
    if (!table.key_format && !key_names.empty()) {
      return InvalidArgument("The option 'key.fields' can only be declared if a key format is defined using 'key.format'.");
    }
  }
  if (!prefix.empty() && strategy == ValueFieldsStrategy::ALL) {
    return InvalidArgument(
        "A key prefix is not allowed when option 'value.fields-include' is set to 'ALL'. Set it to 'EXCEPT_KEY' "
        "instead to avoid field overlaps.");
  }
  std::vector<types::RowField> key_fields;
  for (const std::string& name : key_names) {
    const int index = physical.fieldIndex(name);
    if (index < 0) {
      return InvalidArgument(fmt::format(
          "Could not find the field '{}' in the table schema for usage in the key format. A key field must be a "
          "regular, physical column. The following columns can be selected in the 'key.fields' option:\n[{}]",
          name, fmt::join(physical.fieldNames(), ", ")));
    }
    if (!name.starts_with(prefix)) {
      return InvalidArgument(fmt::format(
          "All fields in 'key.fields' must be prefixed with '{}' when option 'key.fields-prefix' is set but field "
          "'{}' is not prefixed.",
          prefix, name));
    }
    table.key_projection.push_back(index);
    key_fields.push_back(types::DataTypes::FIELD(name.substr(prefix.size()), physical.typeAt(index)));
  }
  std::vector<types::RowField> value_fields;
  for (size_t i = 0; i < physical.fieldCount(); ++i) {
    const bool is_key =
        std::find(table.key_projection.begin(), table.key_projection.end(), static_cast<int>(i)) != table.key_projection.end();
    if (strategy == ValueFieldsStrategy::EXCEPT_KEY && is_key) continue;
    table.value_projection.push_back(static_cast<int>(i));
    value_fields.push_back(physical.fields()[i]);
  }
  table.key_row_type = types::DataTypes::ROW(std::move(key_fields));
  table.value_row_type = types::DataTypes::ROW(std::move(value_fields));
  return Status::OK();
}

Status readSinkOptions(const Options& options, KafkaTableOptions& table) {
  if (auto it = options.find("sink.partitioner"); it != options.end()) {
    const std::string value = lower(it->second);
    if (value == "default") {
      table.partitioner = KafkaSinkPartitioner::DEFAULT;
    } else if (value == "fixed") {
      table.partitioner = KafkaSinkPartitioner::FIXED;
    } else if (value == "round-robin") {
      table.partitioner = KafkaSinkPartitioner::ROUND_ROBIN;
    } else {
      return InvalidArgument(fmt::format(
          "Could not find and instantiate partitioner class '{}': custom partitioner classes are not supported.",
          it->second));
    }
  }
  if (auto it = options.find("sink.delivery-guarantee"); it != options.end()) {
    const std::string value = lower(it->second);
    if (value == "none") {
      table.delivery_guarantee = DeliveryGuarantee::NONE;
    } else if (value == "at-least-once") {
      table.delivery_guarantee = DeliveryGuarantee::AT_LEAST_ONCE;
    } else if (value == "exactly-once") {
      table.delivery_guarantee = DeliveryGuarantee::EXACTLY_ONCE;
    } else {
      return cannotParse(it->first, it->second);
    }
  }
  if (auto it = options.find("sink.transactional-id-prefix"); it != options.end()) {
    table.transactional_id_prefix = it->second;
  }
  if (table.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE && table.transactional_id_prefix.empty()) {
    return InvalidArgument(
        "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.");
  }
  if (auto it = options.find("sink.parallelism"); it != options.end()) {
    Result<int32_t> value = ConfigValue<int32_t>::parse(it->second);
    if (!value.ok()) return cannotParse(it->first, it->second);
    table.sink_parallelism = *value;
  }
  if (table.topics.size() != 1) {
    return InvalidArgument("The Kafka table sink writes to one 'topic': 'topic-pattern' and topic lists are not supported.");
  }
  return Status::OK();
}

// A sink's options with the schema-registry subjects Flink fills in
// (KafkaDynamicTableFactory#autoCompleteSchemaRegistrySubject): with one topic, an
// avro-confluent value (or 'format') without a subject registers under "<topic>-value", a
// key under "<topic>-key".
Options withSchemaRegistrySubjects(const Options& options, const KafkaTableOptions& table) {
  Options completed = options;
  if (table.topics.size() != 1) return completed;
  auto complete = [&](const std::string& format_key, const std::string& prefix, const std::string& suffix) {
    auto format = options.find(format_key);
    if (format == options.end() || (format->second != "avro-confluent" && format->second != "debezium-avro-confluent")) {
      return;
    }
    completed.try_emplace(prefix + format->second + ".subject", table.topics[0] + suffix);
  };
  complete("format", "", "-value");
  complete("value.format", "value.", "-value");
  complete("key.format", "key.", "-key");
  return completed;
}

}  // namespace

std::vector<std::string> KafkaTableOptions::connectorOptionKeys(bool upsert) {
  std::vector<std::string> keys = {"topic", "topic-pattern", "key.format", "key.fields-prefix", "value.format",
                                   "value.fields-include", "sink.partitioner", "sink.delivery-guarantee",
                                   "sink.transactional-id-prefix", "sink.parallelism", "scan.bounded.mode",
                                   "scan.bounded.timestamp-millis", "scan.bounded.specific-offsets"};
  if (!upsert) {
    for (const char* key : {"key.fields", "format", "scan.startup.mode", "scan.startup.timestamp-millis",
                            "scan.startup.specific-offsets"}) {
      keys.push_back(key);
    }
  }
  return keys;
}

Result<KafkaTableOptions> KafkaTableOptions::fromTableOptions(const Options& options,
                                                              const types::LogicalType& physical_row_type,
                                                              const std::vector<std::string>& primary_key, bool upsert,
                                                              bool for_sink) {
  KafkaTableOptions table;
  EDDY_RETURN_IF_ERROR(readTopics(options, table));
  for (const auto& [key, value] : options) {
    if (key.starts_with("properties.")) table.properties[key.substr(11)] = value;
  }
  if (upsert) {
    if (primary_key.empty()) {
      return InvalidArgument(
          "'upsert-kafka' tables require to define a PRIMARY KEY constraint. The PRIMARY KEY specifies which columns "
          "should be read from or write to the Kafka message key. The PRIMARY KEY also defines records in the "
          "'upsert-kafka' table should update or delete on which keys.");
    }
    if (!options.count("key.format") || !options.count("value.format")) {
      return InvalidArgument("'upsert-kafka' tables require 'key.format' and 'value.format'.");
    }
    table.starting_offsets = OffsetsInitializer::earliest();
  }
  const Options format_options = for_sink ? withSchemaRegistrySubjects(options, table) : options;
  const bool has_value_format = options.count("value.format") > 0;
  if (has_value_format && options.count("format")) {
    return InvalidArgument("Option 'format' and 'value.format' shouldn't be set together.");
  }
  if (!has_value_format && !options.count("format")) {
    return InvalidArgument("One or more required options are missing.\n\nMissing required options are:\n\nvalue.format");
  }
  EDDY_ASSIGN_OR_RETURN(table.value_format,
                        TableFormat::fromTableOptions(format_options, has_value_format ? "value.format" : "format"));
  if (options.count("key.format")) {
    EDDY_ASSIGN_OR_RETURN(TableFormat key, TableFormat::fromTableOptions(format_options, "key.format"));
    if (!key.decodingChangelogMode().isInsertOnly()) {
      return InvalidArgument(fmt::format("A key format should only deal with INSERT-only records. But {} has a changelog mode of {}.",
                                         key.identifier(), key.decodingChangelogMode().toString()));
    }
    table.key_format = std::move(key);
  }
  if (upsert && !table.value_format.decodingChangelogMode().isInsertOnly()) {
    return InvalidArgument(fmt::format(
        "'upsert-kafka' connector doesn't support '{}' as value format, because '{}' is not in insert-only mode.",
        table.value_format.identifier(), table.value_format.identifier()));
  }
  EDDY_RETURN_IF_ERROR(readProjections(options, physical_row_type, primary_key, upsert, table));
  if (!upsert) {
    EDDY_ASSIGN_OR_RETURN(std::optional<OffsetsInitializer> start, offsetsOption(options, "startup", table));
    if (start) table.starting_offsets = *start;
  }
  EDDY_ASSIGN_OR_RETURN(table.stopping_offsets, offsetsOption(options, "bounded", table));
  if (for_sink) EDDY_RETURN_IF_ERROR(readSinkOptions(options, table));
  return table;
}

}  // namespace eddy::sql
