#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "eddy/connectors/kafka/kafka_record_deserialization_schema.h"
#include "sql/formats/row_format_codec.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The metadata a Kafka table can read (Flink's KafkaDynamicSource.ReadableMetadata), in
// Flink's order.
enum class KafkaReadableMetadata { TOPIC, PARTITION, HEADERS, LEADER_EPOCH, OFFSET, TIMESTAMP, TIMESTAMP_TYPE };

// Turns fetched Kafka records into RowChunks of a table's produced row (Flink's
// DynamicKafkaDeserializationSchema): the key format's row and each of the value format's
// rows are merged into the physical row (key fields at key_projection, value fields at
// value_projection), then the metadata columns are appended. With `upsert` (upsert-kafka) a
// record with a value is an UPDATE_AFTER row and a tombstone a DELETE row holding only the
// key fields: an upsert changelog the planner must normalize (ChangelogNormalize). A
// decoding failure names the topic, partition and offset; a record the value format skips
// ('json.ignore-parse-errors') is counted, and the count logged with the record's topic,
// partition and offset at the 1st, 2nd, 4th, 8th, ... skip. One per reader thread.
class KafkaRowDeserializationSchema final : public connectors::kafka::KafkaRecordDeserializationSchema<RowChunk> {
 public:
  KafkaRowDeserializationSchema(std::optional<RowFormatDecoder> key, RowFormatDecoder value,
                                std::vector<int> key_projection, std::vector<int> value_projection,
                                size_t physical_arity, std::vector<KafkaReadableMetadata> metadata,
                                types::LogicalType produced_type, bool upsert);

  Status deserialize(std::span<const connectors::kafka::KafkaConsumerRecord> records,
                     runtime::RecordBatch<RowChunk>& out) override;

 private:
  Status appendRecord(const connectors::kafka::KafkaConsumerRecord& record, types::ColumnBatch& batch);
  // Logs the skip count when the value format has skipped `record` and the count is due.
  void reportSkipped(const connectors::kafka::KafkaConsumerRecord& record);

  std::optional<RowFormatDecoder> key_;
  RowFormatDecoder value_;
  std::vector<int> key_projection_;
  std::vector<int> value_projection_;
  size_t physical_arity_;
  std::vector<KafkaReadableMetadata> metadata_;
  types::LogicalType produced_type_;
  bool upsert_;
  // Reused per record.
  std::vector<types::Row> key_rows_;
  std::vector<types::Row> value_rows_;
  // Skipped records already seen, and the count at which the next log line is due.
  int64_t skipped_ = 0;
  int64_t next_skip_report_ = 1;
};

}  // namespace eddy::sql
