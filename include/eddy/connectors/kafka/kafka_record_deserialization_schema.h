#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/status.h"
#include "eddy/connectors/kafka/kafka_record.h"
#include "eddy/formats/decode_rows.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::connectors::kafka {

// Turns Kafka records into records of type T (Flink's KafkaRecordDeserializationSchema),
// a fetched batch at a time: one virtual call per batch. Appends to `out` with the
// timestamps it chooses (usually the Kafka timestamp); a record may yield none or several.
// A failure names the topic, partition and offset of the record. Used by one thread.
template <typename T>
class KafkaRecordDeserializationSchema {
 public:
  virtual ~KafkaRecordDeserializationSchema() = default;
  virtual Status deserialize(std::span<const KafkaConsumerRecord> records, runtime::RecordBatch<T>& out) = 0;

  // Reads the values only, with a DeserializationSchema (Flink's valueOnly). A value-only
  // schema is any type with
  //   using ProducedType = T;
  //   Status deserialize(std::string_view message, int64_t timestamp, runtime::RecordBatch<T>& out);
  // or, for T = types::Row, any format's deserializer (formats::decodeRows' shapes: each
  // row gets the Kafka timestamp), called directly, not virtually. Tombstones (records
  // without a value) are skipped.
  template <typename Schema>
  static std::unique_ptr<KafkaRecordDeserializationSchema<T>> valueOnly(Schema schema);
};

// The value-only adapter: the schema's deserialize per record, the Kafka timestamp as the
// record's timestamp.
template <typename T, typename Schema>
class KafkaValueOnlyDeserializationSchema final : public KafkaRecordDeserializationSchema<T> {
 public:
  explicit KafkaValueOnlyDeserializationSchema(Schema schema) : schema_(std::move(schema)) {}

  Status deserialize(std::span<const KafkaConsumerRecord> records, runtime::RecordBatch<T>& out) override {
    for (const KafkaConsumerRecord& record : records) {
      if (record.value_is_null) continue;
      Status status = append(record, out);
      if (!status.ok()) {
        return InvalidArgument(fmt::format("Failed to deserialize the record of topic {} partition {} offset {}: {}",
                                           record.topic, record.partition, record.offset, status.message()));
      }
    }
    return Status::OK();
  }

 private:
  Status append(const KafkaConsumerRecord& record, runtime::RecordBatch<T>& out) {
    if constexpr (requires { schema_.deserialize(record.value, record.timestamp, out); }) {
      return schema_.deserialize(record.value, record.timestamp, out);
    } else {
      rows_.clear();
      EDDY_RETURN_IF_ERROR(formats::decodeRows(schema_, record.value, rows_));
      for (types::Row& row : rows_) out.add(std::move(row), record.timestamp);
      return Status::OK();
    }
  }

  Schema schema_;
  // Reused per record by a format's deserializer.
  std::vector<types::Row> rows_;
};

template <typename T>
template <typename Schema>
std::unique_ptr<KafkaRecordDeserializationSchema<T>> KafkaRecordDeserializationSchema<T>::valueOnly(Schema schema) {
  return std::make_unique<KafkaValueOnlyDeserializationSchema<T, Schema>>(std::move(schema));
}

}  // namespace eddy::connectors::kafka
