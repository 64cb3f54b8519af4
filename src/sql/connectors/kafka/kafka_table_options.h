#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_writer.h"
#include "eddy/connectors/kafka/offsets_initializer.h"
#include "eddy/types/data_types.h"
#include "eddy/types/logical_type.h"
#include "sql/formats/format_factory.h"

namespace eddy::sql {

// Where a Kafka table's rows of a record come from (Flink's 'value.fields-include').
enum class ValueFieldsStrategy { ALL, EXCEPT_KEY };

// Which partition a Kafka table's sink writes a row to (Flink's 'sink.partitioner').
enum class KafkaSinkPartitioner {
  // Kafka's partitioner: by the murmur2 hash of the key, any partition without a key.
  DEFAULT,
  // Every row of a subtask to partition (subtask index mod partitions): FlinkFixedPartitioner.
  FIXED,
  // The partitions in turn.
  ROUND_ROBIN,
};

// The options of a 'kafka' or 'upsert-kafka' table, read and checked as Flink's
// KafkaConnectorOptionsUtil does, with the key and value formats and the physical fields each
// holds. A value type.
struct KafkaTableOptions {
  std::vector<std::string> topics;
  std::string topic_pattern;
  // 'properties.*' without the prefix, passed to the client.
  std::map<std::string, std::string> properties;
  // 'scan.startup.mode' and its parameters. Default: group-offsets, as Flink.
  connectors::kafka::OffsetsInitializer starting_offsets =
      connectors::kafka::OffsetsInitializer::committedOffsets(connectors::kafka::OffsetResetStrategy::NONE);
  // 'scan.bounded.mode': none for unbounded (the default).
  std::optional<connectors::kafka::OffsetsInitializer> stopping_offsets;
  std::optional<TableFormat> key_format;
  TableFormat value_format;
  // Positions in the physical row of the fields the key and value formats hold.
  std::vector<int> key_projection;
  std::vector<int> value_projection;
  // The ROW types the formats read and write: the projected fields, the key's without
  // 'key.fields-prefix'.
  types::LogicalType key_row_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  types::LogicalType value_row_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  KafkaSinkPartitioner partitioner = KafkaSinkPartitioner::DEFAULT;
  // 'sink.delivery-guarantee'. Default: at-least-once, as Flink's SQL connector.
  connectors::kafka::DeliveryGuarantee delivery_guarantee = connectors::kafka::DeliveryGuarantee::AT_LEAST_ONCE;
  std::string transactional_id_prefix;
  std::optional<int> sink_parallelism;

  // Reads a table's options. `upsert` selects upsert-kafka's rules: 'key.format' required,
  // the key fields are the PRIMARY KEY (`primary_key`), always from the earliest offsets.
  static Result<KafkaTableOptions> fromTableOptions(const std::map<std::string, std::string>& options,
                                                    const types::LogicalType& physical_row_type,
                                                    const std::vector<std::string>& primary_key, bool upsert,
                                                    bool for_sink);

  // The option keys of the connector (with 'properties.' skipped as a prefix) and of the
  // formats the table names, for validateFactoryOptions.
  static std::vector<std::string> connectorOptionKeys(bool upsert);
};

}  // namespace eddy::sql
