#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::connectors::kafka {

// A batch of records ready for a producer, all bytes in one reused buffer so that a warm
// writer allocates nothing per record. Filled by a KafkaRecordSerializationSchema.
struct KafkaProducerRecords {
  // Any partition: the producer's partitioner (murmur2 of the key, as the Java client) picks.
  static constexpr int32_t kAnyPartition = -1;

  // A record header (Kafka's Header): its key and value as ranges of `bytes`.
  struct Header {
    size_t key_begin = 0, key_end = 0, value_begin = 0, value_end = 0;
    bool value_is_null = false;
  };

  struct Entry {
    int32_t partition = kAnyPartition;
    int64_t timestamp = 0;  // 0: the producer's current time
    size_t key_begin = 0, key_end = 0, value_begin = 0, value_end = 0;
    bool key_is_null = true;
    bool value_is_null = false;
    // The entry's headers: headers[headers_begin, headers_end).
    size_t headers_begin = 0, headers_end = 0;
  };

  std::string topic;
  std::string bytes;
  std::vector<Entry> entries;
  std::vector<Header> headers;

  void clear() {
    bytes.clear();
    entries.clear();
    headers.clear();
  }
  std::string_view slice(size_t begin, size_t end) const { return std::string_view(bytes).substr(begin, end - begin); }
  std::string_view key(const Entry& e) const { return slice(e.key_begin, e.key_end); }
  std::string_view value(const Entry& e) const { return slice(e.value_begin, e.value_end); }
};

// What a serialization schema may ask about where it runs (Flink's KafkaSinkContext).
struct KafkaSinkContext {
  int subtask_index = 0;
  int parallelism = 1;
  // The partitions of a topic, as the producer's metadata says.
  std::function<Result<std::vector<int32_t>>(const std::string& topic)> partitions_for_topic;
};

template <typename T, typename KeySchema, typename ValueSchema, typename Partitioner>
class KafkaRecordSerializationSchemaBuilder;
struct NoKeySchema;
struct NoPartitioner;

// Turns records of type T into Kafka records (Flink's KafkaRecordSerializationSchema), a
// batch per virtual call. Each sink writer uses its own clone. Build one with
// KafkaRecordSerializationSchema<T>::builder().
template <typename T>
class KafkaRecordSerializationSchema {
 public:
  virtual ~KafkaRecordSerializationSchema() = default;
  virtual Status open(const KafkaSinkContext& context) = 0;
  // Replaces `out` with the records of `batch`, the record timestamps as Kafka timestamps.
  virtual Status serialize(const runtime::RecordBatch<T>& batch, KafkaProducerRecords& out) = 0;
  virtual std::unique_ptr<KafkaRecordSerializationSchema<T>> clone() const = 0;

  static KafkaRecordSerializationSchemaBuilder<T, NoKeySchema, NoKeySchema, NoPartitioner> builder();
};

// No key (or value) schema / no partitioner: the builder's defaults.
struct NoKeySchema {};
struct NoPartitioner {};

// Sends every record of a subtask to one partition, subtask index modulo the number of
// partitions (Flink's FlinkFixedPartitioner). A partitioner is any type with
//   void open(int subtask_index, int parallelism);
//   int32_t partition(const T& record, std::string_view key, std::string_view value,
//                     const std::string& target_topic, const std::vector<int32_t>& partitions);
// called directly, not virtually.
template <typename T>
class FlinkFixedPartitioner {
 public:
  void open(int subtask_index, int /*parallelism*/) { subtask_index_ = subtask_index; }
  int32_t partition(const T&, std::string_view, std::string_view, const std::string&,
                    const std::vector<int32_t>& partitions) const {
    return partitions[subtask_index_ % partitions.size()];
  }

 private:
  int subtask_index_ = 0;
};

// The schema the builder makes: a fixed topic, an optional key schema, a value schema and an
// optional partitioner, all called directly. Schemas are types with
//   Status serialize(const T& element, std::string& out);   // appends the bytes
template <typename T, typename KeySchema, typename ValueSchema, typename Partitioner>
class KafkaRecordSerializationSchemaImpl final : public KafkaRecordSerializationSchema<T> {
 public:
  KafkaRecordSerializationSchemaImpl(std::string topic, KeySchema key, ValueSchema value, Partitioner partitioner)
      : topic_(std::move(topic)), key_(std::move(key)), value_(std::move(value)), partitioner_(std::move(partitioner)) {}

  Status open(const KafkaSinkContext& context) override {
    if constexpr (!std::is_same_v<Partitioner, NoPartitioner>) {
      partitioner_.open(context.subtask_index, context.parallelism);
      EDDY_ASSIGN_OR_RETURN(partitions_, context.partitions_for_topic(topic_));
    }
    return Status::OK();
  }

  Status serialize(const runtime::RecordBatch<T>& batch, KafkaProducerRecords& out) override {
    out.clear();
    out.topic = topic_;
    for (size_t i = 0; i < batch.size(); ++i) {
      KafkaProducerRecords::Entry& entry = out.entries.emplace_back();
      entry.timestamp = batch.timestamps[i] == runtime::kNoTimestamp ? 0 : batch.timestamps[i];
      if constexpr (!std::is_same_v<KeySchema, NoKeySchema>) {
        entry.key_begin = out.bytes.size();
        EDDY_RETURN_IF_ERROR(key_.serialize(batch.values[i], out.bytes));
        entry.key_end = out.bytes.size();
        entry.key_is_null = false;
      }
      entry.value_begin = out.bytes.size();
      EDDY_RETURN_IF_ERROR(value_.serialize(batch.values[i], out.bytes));
      entry.value_end = out.bytes.size();
    }
    if constexpr (!std::is_same_v<Partitioner, NoPartitioner>) {
      for (size_t i = 0; i < batch.size(); ++i) {
        const KafkaProducerRecords::Entry& entry = out.entries[i];
        out.entries[i].partition = partitioner_.partition(batch.values[i], out.key(entry), out.value(entry), topic_, partitions_);
      }
    }
    return Status::OK();
  }

  std::unique_ptr<KafkaRecordSerializationSchema<T>> clone() const override {
    return std::make_unique<KafkaRecordSerializationSchemaImpl>(topic_, key_, value_, partitioner_);
  }

 private:
  std::string topic_;
  KeySchema key_;
  ValueSchema value_;
  Partitioner partitioner_;
  std::vector<int32_t> partitions_;
};

// Flink's KafkaRecordSerializationSchemaBuilder; each setter of a schema or partitioner
// returns a builder of the new type, so that the built schema calls them directly:
//
//   KafkaRecordSerializationSchema<std::string>::builder()
//       .setTopic("out")
//       .setValueSerializationSchema(SimpleStringSchema())
//       .build();
template <typename T, typename KeySchema, typename ValueSchema, typename Partitioner>
class KafkaRecordSerializationSchemaBuilder {
 public:
  KafkaRecordSerializationSchemaBuilder() = default;
  KafkaRecordSerializationSchemaBuilder(std::string topic, KeySchema key, ValueSchema value, Partitioner partitioner)
      : topic_(std::move(topic)), key_(std::move(key)), value_(std::move(value)), partitioner_(std::move(partitioner)) {}

  KafkaRecordSerializationSchemaBuilder& setTopic(std::string topic) {
    topic_ = std::move(topic);
    return *this;
  }
  template <typename S>
  KafkaRecordSerializationSchemaBuilder<T, S, ValueSchema, Partitioner> setKeySerializationSchema(S schema) const {
    return {topic_, std::move(schema), value_, partitioner_};
  }
  template <typename S>
  KafkaRecordSerializationSchemaBuilder<T, KeySchema, S, Partitioner> setValueSerializationSchema(S schema) const {
    return {topic_, key_, std::move(schema), partitioner_};
  }
  template <typename P>
  KafkaRecordSerializationSchemaBuilder<T, KeySchema, ValueSchema, P> setPartitioner(P partitioner) const {
    return {topic_, key_, value_, std::move(partitioner)};
  }

  Result<std::shared_ptr<KafkaRecordSerializationSchema<T>>> build() const {
    if (topic_.empty()) return InvalidArgument("No topic specified: call setTopic");
    if constexpr (std::is_same_v<ValueSchema, NoKeySchema>) {
      return InvalidArgument("No value serializer is configured: call setValueSerializationSchema");
    } else {
      return std::shared_ptr<KafkaRecordSerializationSchema<T>>(
          std::make_shared<KafkaRecordSerializationSchemaImpl<T, KeySchema, ValueSchema, Partitioner>>(topic_, key_, value_,
                                                                                                       partitioner_));
    }
  }

 private:
  std::string topic_;
  KeySchema key_;
  ValueSchema value_;
  Partitioner partitioner_;
};

template <typename T>
KafkaRecordSerializationSchemaBuilder<T, NoKeySchema, NoKeySchema, NoPartitioner> KafkaRecordSerializationSchema<T>::builder() {
  return {};
}

}  // namespace eddy::connectors::kafka
