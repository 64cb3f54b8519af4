#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/connectors/kafka/kafka_record_serialization_schema.h"
#include "sql/connectors/kafka/kafka_table_options.h"
#include "sql/formats/row_format_codec.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Where the writable metadata columns are in a Kafka table sink's consumed row (Flink's
// KafkaDynamicSink.WritableMetadata): -1 for a column the table does not have.
struct KafkaWritableMetadataPositions {
  // MAP<STRING, BYTES>: the record's headers (entries with a null key or value are skipped).
  int headers = -1;
  // TIMESTAMP_LTZ(3): the record's timestamp; without it, or NULL, the producer's time.
  int timestamp = -1;
};

// Turns RowChunks of a table's consumed row (physical fields, then writable metadata) into
// Kafka records (Flink's DynamicKafkaRecordSerializationSchema): the key format writes the
// key fields, the value format the value fields with the row's kind; the partition follows
// 'sink.partitioner'; headers and timestamp come from the metadata columns. With `upsert`
// (upsert-kafka) a DELETE or UPDATE_BEFORE is a tombstone (no value). Each sink writer uses
// its own clone.
class KafkaRowSerializationSchema final : public connectors::kafka::KafkaRecordSerializationSchema<RowChunk> {
 public:
  KafkaRowSerializationSchema(std::string topic, std::optional<RowFormatEncoder> key, RowFormatEncoder value,
                              std::vector<int> key_projection, std::vector<int> value_projection,
                              KafkaWritableMetadataPositions metadata, KafkaSinkPartitioner partitioner, bool upsert);

  Status open(const connectors::kafka::KafkaSinkContext& context) override;
  Status serialize(const runtime::RecordBatch<RowChunk>& batch, connectors::kafka::KafkaProducerRecords& out) override;
  std::unique_ptr<connectors::kafka::KafkaRecordSerializationSchema<RowChunk>> clone() const override;

 private:
  Status serializeRow(const types::Row& row, connectors::kafka::KafkaProducerRecords& out);
  void writeHeaders(const types::Value& headers, connectors::kafka::KafkaProducerRecords& out) const;

  std::string topic_;
  std::optional<RowFormatEncoder> key_;
  RowFormatEncoder value_;
  std::vector<int> key_projection_;
  std::vector<int> value_projection_;
  KafkaWritableMetadataPositions metadata_;
  KafkaSinkPartitioner partitioner_;
  bool upsert_;
  int subtask_index_ = 0;
  std::vector<int32_t> partitions_;
  size_t next_partition_ = 0;
};

}  // namespace eddy::sql
