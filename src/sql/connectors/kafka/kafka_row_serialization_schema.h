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

// Turns RowChunks of a table's physical row into Kafka records (Flink's
// DynamicKafkaRecordSerializationSchema): the key format writes the key fields, the value
// format the value fields with the row's kind; the partition follows 'sink.partitioner'.
// With `upsert` (upsert-kafka) a DELETE is a tombstone (no value) and UPDATE_BEFORE rows are
// dropped. Each sink writer uses its own clone.
class KafkaRowSerializationSchema final : public connectors::kafka::KafkaRecordSerializationSchema<RowChunk> {
 public:
  KafkaRowSerializationSchema(std::string topic, std::optional<RowFormatEncoder> key, RowFormatEncoder value,
                              std::vector<int> key_projection, std::vector<int> value_projection,
                              KafkaSinkPartitioner partitioner, bool upsert);

  Status open(const connectors::kafka::KafkaSinkContext& context) override;
  Status serialize(const runtime::RecordBatch<RowChunk>& batch, connectors::kafka::KafkaProducerRecords& out) override;
  std::unique_ptr<connectors::kafka::KafkaRecordSerializationSchema<RowChunk>> clone() const override;

 private:
  Status serializeRow(const types::Row& row, int64_t timestamp, connectors::kafka::KafkaProducerRecords& out);

  std::string topic_;
  std::optional<RowFormatEncoder> key_;
  RowFormatEncoder value_;
  std::vector<int> key_projection_;
  std::vector<int> value_projection_;
  KafkaSinkPartitioner partitioner_;
  bool upsert_;
  int subtask_index_ = 0;
  std::vector<int32_t> partitions_;
  size_t next_partition_ = 0;
};

}  // namespace eddy::sql
