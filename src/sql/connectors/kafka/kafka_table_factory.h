#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/factory_registry.h"
#include "sql/connectors/kafka/kafka_row_deserialization_schema.h"
#include "sql/connectors/kafka/kafka_row_serialization_schema.h"
#include "sql/connectors/kafka/kafka_table_options.h"

namespace eddy::sql {

// Reads a Kafka table (Flink's KafkaDynamicSource): the physical row from the key and value
// formats, then the requested metadata (KafkaReadableMetadata). Unbounded
// unless 'scan.bounded.mode' is set. Changelog mode: the value format's, or upsert for
// upsert-kafka.
class KafkaDynamicSource final : public ScanTableSource {
 public:
  KafkaDynamicSource(KafkaTableOptions options, types::LogicalType physical_row_type, bool upsert);

  ChangelogMode getChangelogMode() const override;
  bool isBounded() const override { return options_.stopping_offsets.has_value(); }
  std::vector<std::pair<std::string, types::LogicalType>> listReadableMetadata() const override;
  void applyReadableMetadata(const std::vector<std::string>& metadata_keys,
                             const types::LogicalType& produced_type) override;
  bool supportsWatermarkPushDown() const override { return true; }
  void applyWatermark(WatermarkStrategy<RowChunk> strategy) override { watermark_ = std::move(strategy); }
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  std::string asSummaryString() const override { return upsert_ ? "UpsertKafka" : "KafkaSource"; }

 private:
  KafkaTableOptions options_;
  types::LogicalType physical_row_type_;
  types::LogicalType produced_type_;
  std::vector<KafkaReadableMetadata> metadata_;
  bool upsert_;
  // Watermarks per partition (applyWatermark); none without.
  WatermarkStrategy<RowChunk> watermark_ = WatermarkStrategy<RowChunk>::noWatermarks();
};

// Writes a Kafka table (Flink's KafkaDynamicSink) through a KafkaSink under
// 'sink.delivery-guarantee', with the 'headers' and 'timestamp' metadata it can write.
// Accepts the value format's changelog mode, or upsert for upsert-kafka (deletes as
// tombstones).
class KafkaDynamicSink final : public DynamicTableSink {
 public:
  KafkaDynamicSink(KafkaTableOptions options, size_t physical_arity, bool upsert)
      : options_(std::move(options)), physical_arity_(physical_arity), upsert_(upsert) {}

  ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const override;
  std::vector<std::pair<std::string, types::LogicalType>> listWritableMetadata() const override;
  void applyWritableMetadata(const std::vector<std::string>& metadata_keys,
                             const types::LogicalType& consumed_type) override;
  Status consumeDataStream(DataStream<RowChunk> stream) override;
  std::string asSummaryString() const override { return upsert_ ? "UpsertKafka" : "Kafka"; }

 private:
  KafkaTableOptions options_;
  size_t physical_arity_;
  KafkaWritableMetadataPositions metadata_;
  bool upsert_;
};

// Registers the `kafka` and `upsert-kafka` factories (Flink's KafkaDynamicTableFactory and
// UpsertKafkaDynamicTableFactory).
void registerKafkaFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
