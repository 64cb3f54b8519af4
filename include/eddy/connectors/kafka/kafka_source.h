#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/kafka/kafka_partition_split_reader.h"
#include "eddy/connectors/kafka/kafka_record_deserialization_schema.h"
#include "eddy/connectors/kafka/kafka_source_options.h"
#include "eddy/functions/source.h"

namespace eddy::connectors::kafka {

// One parallel instance of a KafkaSource: fetches a batch of records from its partitions and
// deserializes it with one call of the schema. Failures throw std::runtime_error, which fails
// the job naming the source. Used by one task thread.
template <typename T>
class KafkaSourceReader final : public SourceReader<T> {
 public:
  KafkaSourceReader(std::unique_ptr<KafkaPartitionSplitReader> splits,
                    std::unique_ptr<KafkaRecordDeserializationSchema<T>> schema)
      : splits_(std::move(splits)), schema_(std::move(schema)) {}

  InputStatus pollNext(runtime::RecordBatch<T>& out) override {
    unused_runs_.clear();
    return pollNextWithSplits(out, unused_runs_);
  }

  // Tags records with their partition: the records of a run of one partition are
  // deserialized together (librdkafka hands out long runs, one per fetch response).
  InputStatus pollNextWithSplits(runtime::RecordBatch<T>& out, SplitRuns& splits) override {
    throwIfError(splits_->fetch(records_, runtime::kDefaultBatchSize, record_runs_));
    for (int32_t split : record_runs_.created()) splits.createOutputForSplit(split);
    const std::span<const KafkaConsumerRecord> records(records_);
    size_t begin = 0;
    for (const SplitRuns::Run& run : record_runs_.runs()) {
      throwIfError(schema_->deserialize(records.subspan(begin, run.end - begin), out));
      splits.addRun(run.split, out.size());
      begin = run.end;
    }
    for (int32_t split : record_runs_.released()) splits.releaseOutputForSplit(split);
    if (records_.empty()) return splits_->endOfInput() ? InputStatus::kEndOfInput : InputStatus::kNothingAvailable;
    return InputStatus::kMoreAvailable;
  }
  Result<std::vector<std::string>> snapshotState(int64_t checkpoint_id) override {
    return splits_->snapshotState(checkpoint_id);
  }
  void notifyCheckpointComplete(int64_t checkpoint_id) override { splits_->notifyCheckpointComplete(checkpoint_id); }
  void close() override { splits_->close(); }

 private:
  static void throwIfError(const Status& status) {
    if (!status.ok()) throw std::runtime_error(status.message());
  }

  std::unique_ptr<KafkaPartitionSplitReader> splits_;
  // This reader's own schema (schemas keep parsers, so they are not shared across threads).
  std::unique_ptr<KafkaRecordDeserializationSchema<T>> schema_;
  std::vector<KafkaConsumerRecord> records_;
  SplitRuns record_runs_;  // over records_
  SplitRuns unused_runs_;  // for pollNext without tags
};

template <typename T>
class KafkaSourceBuilder;

// Reads records of type T from Kafka topics (Flink's KafkaSource). Partitions are the splits:
// each parallel reader takes the partitions splitOwner gives it and keeps their offsets in
// checkpoints, so a restore resumes exactly. Record timestamps are the Kafka timestamps.
//
//   auto source = KafkaSource<std::string>::builder()
//                     .setBootstrapServers("127.0.0.1:9092")
//                     .setTopics({"input"})
//                     .setGroupId("my-group")
//                     .setStartingOffsets(OffsetsInitializer::earliest())
//                     .setValueOnlyDeserializer(SimpleStringSchema())
//                     .build();
//   env->fromSource(*source, WatermarkStrategy<std::string>::noWatermarks(), "Kafka Source");
template <typename T>
class KafkaSource final : public Source<T> {
 public:
  using SchemaFactory = std::function<std::unique_ptr<KafkaRecordDeserializationSchema<T>>()>;

  KafkaSource(KafkaSourceOptions options, SchemaFactory schemas)
      : options_(std::move(options)), schemas_(std::move(schemas)) {}

  static KafkaSourceBuilder<T> builder() { return KafkaSourceBuilder<T>(); }

  Boundedness getBoundedness() const override {
    return options_.bounded ? Boundedness::kBounded : Boundedness::kContinuousUnbounded;
  }
  std::unique_ptr<SourceReader<T>> createReader(const SourceReaderContext& context) override {
    return std::make_unique<KafkaSourceReader<T>>(
        std::make_unique<KafkaPartitionSplitReader>(options_, context.subtask_index, context.parallelism),
        schemas_());
  }
  Result<std::unique_ptr<SourceReader<T>>> restoreReader(const SourceReaderContext& context,
                                                         const std::vector<std::string>& splits) override {
    return std::unique_ptr<SourceReader<T>>(std::make_unique<KafkaSourceReader<T>>(
        std::make_unique<KafkaPartitionSplitReader>(options_, context.subtask_index, context.parallelism, splits),
        schemas_()));
  }

  const KafkaSourceOptions& options() const { return options_; }

 private:
  KafkaSourceOptions options_;
  SchemaFactory schemas_;
};

// Collects a KafkaSource's settings (Flink's KafkaSourceBuilder). build() checks them and
// returns InvalidArgument with Flink's message for a missing or conflicting one.
template <typename T>
class KafkaSourceBuilder {
 public:
  KafkaSourceBuilder& setBootstrapServers(std::string servers) {
    options_.properties["bootstrap.servers"] = std::move(servers);
    return *this;
  }
  KafkaSourceBuilder& setTopics(std::vector<std::string> topics) {
    options_.topics = std::move(topics);
    return *this;
  }
  KafkaSourceBuilder& setTopicPattern(std::string pattern) {
    options_.topic_pattern = std::move(pattern);
    return *this;
  }
  KafkaSourceBuilder& setGroupId(std::string group_id) {
    options_.group_id = std::move(group_id);
    return *this;
  }
  KafkaSourceBuilder& setStartingOffsets(OffsetsInitializer offsets) {
    options_.starting_offsets = std::move(offsets);
    return *this;
  }
  // The source ends when every partition reached these offsets.
  KafkaSourceBuilder& setBounded(OffsetsInitializer stopping_offsets) {
    options_.stopping_offsets = std::move(stopping_offsets);
    options_.bounded = true;
    return *this;
  }
  // Partitions stop at these offsets but the source stays unbounded.
  KafkaSourceBuilder& setUnbounded(OffsetsInitializer stopping_offsets) {
    options_.stopping_offsets = std::move(stopping_offsets);
    options_.bounded = false;
    return *this;
  }
  // A value-only schema (see KafkaRecordDeserializationSchema::valueOnly), copied per reader.
  template <typename Schema>
  KafkaSourceBuilder& setValueOnlyDeserializer(Schema schema) {
    schemas_ = [schema]() { return KafkaRecordDeserializationSchema<T>::valueOnly(schema); };
    return *this;
  }
  // `factory` makes the schema of each reader (a schema is used by one thread).
  KafkaSourceBuilder& setDeserializer(typename KafkaSource<T>::SchemaFactory factory) {
    schemas_ = std::move(factory);
    return *this;
  }
  KafkaSourceBuilder& setProperty(const std::string& key, std::string value) {
    options_.properties[key] = std::move(value);
    return *this;
  }
  KafkaSourceBuilder& setProperties(const std::map<std::string, std::string>& properties) {
    for (const auto& [key, value] : properties) options_.properties[key] = value;
    return *this;
  }

  Result<std::shared_ptr<KafkaSource<T>>> build() const;

 private:
  KafkaSourceOptions options_;
  typename KafkaSource<T>::SchemaFactory schemas_;
};

// The checks of KafkaSourceBuilder::build that do not depend on T.
Status validateSourceOptions(const KafkaSourceOptions& options, bool has_deserializer);

template <typename T>
Result<std::shared_ptr<KafkaSource<T>>> KafkaSourceBuilder<T>::build() const {
  EDDY_RETURN_IF_ERROR(validateSourceOptions(options_, static_cast<bool>(schemas_)));
  return std::make_shared<KafkaSource<T>>(options_, schemas_);
}

}  // namespace eddy::connectors::kafka
