#include "sql/connectors/kafka/kafka_row_deserialization_schema.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "eddy/common/logging.h"

namespace eddy::sql {

using connectors::kafka::KafkaConsumerRecord;
using types::Row;
using types::RowKind;
using types::Value;

namespace {

// The headers as Flink's MAP<STRING, BYTES>: a key seen twice keeps its last value (a
// HashMap's put), in the order keys first appear.
Value headersValue(std::span<const connectors::kafka::KafkaHeader> headers) {
  Value::MapEntries entries;
  for (const connectors::kafka::KafkaHeader& header : headers) {
    Value value = header.value_is_null ? Value() : Value::bytes(std::string(header.value));
    auto same_key = std::find_if(entries.begin(), entries.end(),
                                 [&](const auto& entry) { return entry.first.getString() == header.key; });
    if (same_key != entries.end()) {
      same_key->second = std::move(value);
    } else {
      entries.emplace_back(Value(std::string(header.key)), std::move(value));
    }
  }
  return Value::map(std::move(entries));
}

}  // namespace

KafkaRowDeserializationSchema::KafkaRowDeserializationSchema(std::optional<RowFormatDecoder> key, RowFormatDecoder value,
                                                             std::vector<int> key_projection,
                                                             std::vector<int> value_projection, size_t physical_arity,
                                                             std::vector<KafkaReadableMetadata> metadata,
                                                             types::LogicalType produced_type, bool upsert)
    : key_(std::move(key)),
      value_(std::move(value)),
      key_projection_(std::move(key_projection)),
      value_projection_(std::move(value_projection)),
      physical_arity_(physical_arity),
      metadata_(std::move(metadata)),
      produced_type_(std::move(produced_type)),
      upsert_(upsert) {}

Status KafkaRowDeserializationSchema::deserialize(std::span<const KafkaConsumerRecord> records,
                                                  runtime::RecordBatch<RowChunk>& out) {
  auto batch = std::make_shared<types::ColumnBatch>(produced_type_);
  batch->reserve(records.size());
  for (const KafkaConsumerRecord& record : records) {
    Status status = appendRecord(record, *batch);
    if (!status.ok()) {
      return InvalidArgument(fmt::format("Failed to deserialize the record of topic {} partition {} offset {}: {}",
                                         record.topic, record.partition, record.offset, status.message()));
    }
  }
  if (batch->size() > 0) out.add(RowChunk{std::move(batch)}, records.back().timestamp);
  return Status::OK();
}

Status KafkaRowDeserializationSchema::appendRecord(const KafkaConsumerRecord& record, types::ColumnBatch& batch) {
  key_rows_.clear();
  value_rows_.clear();
  if (key_) {
    EDDY_RETURN_IF_ERROR(key_->decode(record.key_is_null ? std::nullopt : std::optional(record.key), key_rows_));
  }
  if (upsert_ && record.value_is_null) {
    value_rows_.push_back(Row::withPositions(RowKind::DELETE, value_projection_.size()));
  } else {
    EDDY_RETURN_IF_ERROR(value_.decode(record.value_is_null ? std::nullopt : std::optional(record.value), value_rows_));
    reportSkipped(record);
  }
  for (const Row& value : value_rows_) {
    std::vector<Value> fields(physical_arity_ + metadata_.size());
    if (!key_rows_.empty()) {
      for (size_t i = 0; i < key_projection_.size(); ++i) fields[key_projection_[i]] = key_rows_[0].getField(i);
    }
    for (size_t i = 0; i < value_projection_.size(); ++i) {
      const Value& field = value.getField(i);
      // With value.fields-include ALL a key field is in both; the value's wins unless a
      // tombstone left it null.
      if (!field.isNull() || !(upsert_ && value.getKind() == RowKind::DELETE)) fields[value_projection_[i]] = field;
    }
    for (size_t m = 0; m < metadata_.size(); ++m) {
      Value& slot = fields[physical_arity_ + m];
      switch (metadata_[m]) {
        case KafkaReadableMetadata::TOPIC:
          slot = Value(std::string(record.topic));
          break;
        case KafkaReadableMetadata::PARTITION:
          slot = Value(record.partition);
          break;
        case KafkaReadableMetadata::HEADERS:
          slot = headersValue(record.headers);
          break;
        case KafkaReadableMetadata::LEADER_EPOCH:
          if (record.leader_epoch != KafkaConsumerRecord::kNoLeaderEpoch) slot = Value(record.leader_epoch);
          break;
        case KafkaReadableMetadata::OFFSET:
          slot = Value(record.offset);
          break;
        case KafkaReadableMetadata::TIMESTAMP:
          slot = Value::timestampLtz(types::TimestampData::fromEpochMillis(record.timestamp));
          break;
        case KafkaReadableMetadata::TIMESTAMP_TYPE:
          slot = Value(std::string(connectors::kafka::timestampTypeName(record.timestamp_type)));
          break;
      }
    }
    const RowKind kind = upsert_ && value.getKind() == RowKind::INSERT ? RowKind::UPDATE_AFTER : value.getKind();
    EDDY_RETURN_IF_ERROR(batch.appendRow(Row(kind, std::move(fields))));
  }
  return Status::OK();
}

void KafkaRowDeserializationSchema::reportSkipped(const connectors::kafka::KafkaConsumerRecord& record) {
  const int64_t skipped = value_.skippedRecords();
  if (skipped == skipped_) return;
  skipped_ = skipped;
  if (skipped < next_skip_report_) return;
  next_skip_report_ = skipped * 2;
  log::warn("Skipped the malformed record of topic {} partition {} offset {} (ignore-parse-errors); {} skipped so far",
            record.topic, record.partition, record.offset, skipped);
}

}  // namespace eddy::sql
