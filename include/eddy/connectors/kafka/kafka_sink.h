#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_record_serialization_schema.h"
#include "eddy/connectors/kafka/kafka_writer.h"
#include "eddy/functions/two_phase_committing_sink.h"

namespace eddy::connectors::kafka {

// One parallel instance of a KafkaSink (Flink's KafkaWriter): serializes a batch with one
// schema call and hands it to the KafkaWriter. Errors are thrown and fail the job naming
// the sink. Used by one task thread.
template <typename T>
class KafkaSinkWriter final : public PrecommittingSinkWriter<T, KafkaCommittable, KafkaWriterState> {
 public:
  KafkaSinkWriter(std::unique_ptr<KafkaWriter> writer, std::unique_ptr<KafkaRecordSerializationSchema<T>> schema)
      : writer_(std::move(writer)), schema_(std::move(schema)) {}

  void write(const T& element, int64_t timestamp) override {
    single_.clear();
    single_.add(element, timestamp);
    writeBatch(single_);
  }
  void writeBatch(const runtime::RecordBatch<T>& batch) override {
    check(schema_->serialize(batch, records_));
    check(writer_->write(records_));
  }
  void flush(bool) override { check(writer_->flush()); }
  Result<std::vector<KafkaCommittable>> prepareCommit() override { return writer_->prepareCommit(); }
  Result<std::vector<KafkaWriterState>> snapshotState(int64_t) override { return writer_->snapshotState(); }
  void close() override { writer_->close(); }

 private:
  static void check(const Status& status) {
    if (!status.ok()) throw std::runtime_error(status.message());
  }

  std::unique_ptr<KafkaWriter> writer_;
  std::unique_ptr<KafkaRecordSerializationSchema<T>> schema_;
  KafkaProducerRecords records_;
  runtime::RecordBatch<T> single_;
};

// Committables and writer states in checkpoints (version 1, big-endian as Flink's views).
class KafkaCommittableSerializer final : public SimpleVersionedSerializer<KafkaCommittable> {
 public:
  int getVersion() const override { return 1; }
  std::string serialize(const KafkaCommittable& value) const override;
  Result<KafkaCommittable> deserialize(int version, std::string_view bytes) const override;
};
class KafkaWriterStateSerializer final : public SimpleVersionedSerializer<KafkaWriterState> {
 public:
  int getVersion() const override { return 1; }
  std::string serialize(const KafkaWriterState& value) const override;
  Result<KafkaWriterState> deserialize(int version, std::string_view bytes) const override;
};

template <typename T>
class KafkaSinkBuilder;

// 'max.block.ms' of the options, or the Java client's default of 60000.
int64_t maxBlockMs(const KafkaSinkOptions& options);
// The checks of KafkaSinkBuilder::build, with Flink's messages.
Status validateSinkOptions(const KafkaSinkOptions& options, bool has_serializer);

// Writes records of type T to Kafka (Flink's KafkaSink) under a DeliveryGuarantee; with
// EXACTLY_ONCE through a Kafka transaction per checkpoint, committed when the checkpoint
// completes (run it with operators::CommittingSinkOperator, e.g. through sinkTo).
//
//   auto sink = KafkaSink<std::string>::builder()
//                   .setBootstrapServers("127.0.0.1:9092")
//                   .setRecordSerializer(*KafkaRecordSerializationSchema<std::string>::builder()
//                                             .setTopic("out")
//                                             .setValueSerializationSchema(SimpleStringSchema())
//                                             .build())
//                   .setDeliveryGuarantee(DeliveryGuarantee::EXACTLY_ONCE)
//                   .setTransactionalIdPrefix("my-job")
//                   .build();
template <typename T>
class KafkaSink final : public TwoPhaseCommittingSink<T, KafkaCommittable, KafkaWriterState> {
 public:
  using Writer = PrecommittingSinkWriter<T, KafkaCommittable, KafkaWriterState>;

  KafkaSink(KafkaSinkOptions options, std::shared_ptr<KafkaRecordSerializationSchema<T>> schema)
      : options_(std::move(options)), schema_(std::move(schema)) {}

  static KafkaSinkBuilder<T> builder() { return KafkaSinkBuilder<T>(); }

  Result<std::unique_ptr<Writer>> createWriter(const PrecommittingSinkWriterContext& context) override {
    return restoreWriter(context, {});
  }
  Result<std::unique_ptr<Writer>> restoreWriter(const PrecommittingSinkWriterContext& context,
                                                const std::vector<KafkaWriterState>& states) override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<KafkaWriter> writer,
                          KafkaWriter::create(options_, context.subtask_index, context.parallelism, states));
    std::unique_ptr<KafkaRecordSerializationSchema<T>> schema = schema_->clone();
    KafkaWriter* raw = writer.get();
    EDDY_RETURN_IF_ERROR(schema->open(KafkaSinkContext{context.subtask_index, context.parallelism,
                                                       [raw](const std::string& topic) {
                                                         return raw->partitionsForTopic(topic);
                                                       }}));
    return std::unique_ptr<Writer>(std::make_unique<KafkaSinkWriter<T>>(std::move(writer), std::move(schema)));
  }
  Result<std::unique_ptr<Committer<KafkaCommittable>>> createCommitter() override {
    return std::unique_ptr<Committer<KafkaCommittable>>(std::make_unique<KafkaCommitter>(options_.properties, maxBlockMs(options_)));
  }
  const SimpleVersionedSerializer<KafkaCommittable>& getCommittableSerializer() const override {
    return committable_serializer_;
  }
  const SimpleVersionedSerializer<KafkaWriterState>& getWriterStateSerializer() const override {
    return state_serializer_;
  }

  const KafkaSinkOptions& options() const { return options_; }

 private:
  KafkaSinkOptions options_;
  std::shared_ptr<KafkaRecordSerializationSchema<T>> schema_;
  KafkaCommittableSerializer committable_serializer_;
  KafkaWriterStateSerializer state_serializer_;
};

// Collects a KafkaSink's settings (Flink's KafkaSinkBuilder).
template <typename T>
class KafkaSinkBuilder {
 public:
  KafkaSinkBuilder& setBootstrapServers(std::string servers) {
    options_.properties["bootstrap.servers"] = std::move(servers);
    return *this;
  }
  KafkaSinkBuilder& setRecordSerializer(std::shared_ptr<KafkaRecordSerializationSchema<T>> schema) {
    schema_ = std::move(schema);
    return *this;
  }
  KafkaSinkBuilder& setDeliveryGuarantee(DeliveryGuarantee guarantee) {
    options_.delivery_guarantee = guarantee;
    return *this;
  }
  KafkaSinkBuilder& setTransactionalIdPrefix(std::string prefix) {
    options_.transactional_id_prefix = std::move(prefix);
    return *this;
  }
  KafkaSinkBuilder& setProperty(const std::string& key, std::string value) {
    options_.properties[key] = std::move(value);
    return *this;
  }

  Result<std::shared_ptr<KafkaSink<T>>> build() const {
    EDDY_RETURN_IF_ERROR(validateSinkOptions(options_, schema_ != nullptr));
    return std::make_shared<KafkaSink<T>>(options_, schema_);
  }

 private:
  KafkaSinkOptions options_;
  std::shared_ptr<KafkaRecordSerializationSchema<T>> schema_;
};

}  // namespace eddy::connectors::kafka
