#include "sql/connectors/kafka/kafka_row_serialization_schema.h"

namespace eddy::sql {

using connectors::kafka::KafkaProducerRecords;
using types::Row;
using types::RowKind;
using types::Value;

namespace {

Row project(const Row& row, const std::vector<int>& projection, RowKind kind) {
  std::vector<Value> fields;
  fields.reserve(projection.size());
  for (int i : projection) fields.push_back(row.getField(i));
  return Row(kind, std::move(fields));
}

}  // namespace

KafkaRowSerializationSchema::KafkaRowSerializationSchema(std::string topic, std::optional<RowFormatEncoder> key,
                                                         RowFormatEncoder value, std::vector<int> key_projection,
                                                         std::vector<int> value_projection,
                                                         KafkaWritableMetadataPositions metadata,
                                                         KafkaSinkPartitioner partitioner, bool upsert)
    : topic_(std::move(topic)),
      key_(std::move(key)),
      value_(std::move(value)),
      key_projection_(std::move(key_projection)),
      value_projection_(std::move(value_projection)),
      metadata_(metadata),
      partitioner_(partitioner),
      upsert_(upsert) {}

Status KafkaRowSerializationSchema::open(const connectors::kafka::KafkaSinkContext& context) {
  subtask_index_ = context.subtask_index;
  if (partitioner_ != KafkaSinkPartitioner::DEFAULT) {
    EDDY_ASSIGN_OR_RETURN(partitions_, context.partitions_for_topic(topic_));
    if (partitions_.empty()) return InvalidArgument("Topic " + topic_ + " has no partitions");
  }
  return Status::OK();
}

Status KafkaRowSerializationSchema::serialize(const runtime::RecordBatch<RowChunk>& batch, KafkaProducerRecords& out) {
  out.clear();
  out.topic = topic_;
  for (size_t c = 0; c < batch.size(); ++c) {
    const types::ColumnBatch& rows = *batch.values[c].batch;
    for (size_t i = 0; i < rows.size(); ++i) EDDY_RETURN_IF_ERROR(serializeRow(rows.getRow(i), out));
  }
  return Status::OK();
}

void KafkaRowSerializationSchema::writeHeaders(const Value& headers, KafkaProducerRecords& out) const {
  if (headers.isNull()) return;
  for (const auto& [key, value] : headers.getMap()) {
    if (key.isNull() || value.isNull()) continue;
    KafkaProducerRecords::Header& header = out.headers.emplace_back();
    header.key_begin = out.bytes.size();
    out.bytes += key.getString();
    header.key_end = header.value_begin = out.bytes.size();
    out.bytes += value.getString();
    header.value_end = out.bytes.size();
  }
}

// The stream record's timestamp is not the Kafka timestamp: as Flink, only the 'timestamp'
// metadata column sets it.
Status KafkaRowSerializationSchema::serializeRow(const Row& row, KafkaProducerRecords& out) {
  KafkaProducerRecords::Entry entry;
  if (metadata_.timestamp >= 0 && !row.getField(metadata_.timestamp).isNull()) {
    entry.timestamp = row.getField(metadata_.timestamp).getTimestamp().getMillisecond();
  }
  entry.headers_begin = out.headers.size();
  if (metadata_.headers >= 0) writeHeaders(row.getField(metadata_.headers), out);
  entry.headers_end = out.headers.size();
  if (key_) {
    entry.key_begin = out.bytes.size();
    EDDY_ASSIGN_OR_RETURN(bool has_key, key_->encode(project(row, key_projection_, RowKind::INSERT), out.bytes));
    entry.key_end = out.bytes.size();
    entry.key_is_null = !has_key;
  }
  entry.value_begin = out.bytes.size();
  if (upsert_ && (row.getKind() == RowKind::DELETE || row.getKind() == RowKind::UPDATE_BEFORE)) {
    entry.value_is_null = true;
  } else {
    const RowKind kind = upsert_ ? RowKind::INSERT : row.getKind();
    EDDY_ASSIGN_OR_RETURN(bool has_value, value_.encode(project(row, value_projection_, kind), out.bytes));
    entry.value_is_null = !has_value;
  }
  entry.value_end = out.bytes.size();
  switch (partitioner_) {
    case KafkaSinkPartitioner::DEFAULT:
      break;
    case KafkaSinkPartitioner::FIXED:
      entry.partition = partitions_[subtask_index_ % partitions_.size()];
      break;
    case KafkaSinkPartitioner::ROUND_ROBIN:
      entry.partition = partitions_[next_partition_++ % partitions_.size()];
      break;
  }
  out.entries.push_back(entry);
  return Status::OK();
}

std::unique_ptr<connectors::kafka::KafkaRecordSerializationSchema<RowChunk>> KafkaRowSerializationSchema::clone() const {
  return std::make_unique<KafkaRowSerializationSchema>(topic_, key_, value_, key_projection_, value_projection_,
                                                       metadata_, partitioner_, upsert_);
}

}  // namespace eddy::sql
