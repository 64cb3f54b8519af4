#include "sql/connectors/kafka/kafka_table_factory.h"

#include <stdexcept>

#include <fmt/format.h>

#include "eddy/connectors/kafka/kafka_sink.h"
#include "eddy/connectors/kafka/kafka_source.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/factory_helper.h"

namespace eddy::sql {

namespace {

using connectors::kafka::KafkaRecordDeserializationSchema;
using connectors::kafka::KafkaSink;
using connectors::kafka::KafkaSource;
using types::DataTypes;
using Options = std::map<std::string, std::string>;

// The keys a table may have: the connector's and those of the formats it names.
class KafkaOptionKeys final : public DynamicTableFactory {
 public:
  KafkaOptionKeys(std::string identifier, std::vector<std::string> keys)
      : identifier_(std::move(identifier)), keys_(std::move(keys)) {}
  std::string factoryIdentifier() const override { return identifier_; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return keys_; }

 private:
  std::string identifier_;
  std::vector<std::string> keys_;
};

const std::vector<std::pair<std::string, types::LogicalType>>& readableMetadata() {
  static const auto* metadata = new std::vector<std::pair<std::string, types::LogicalType>>{
      {"topic", DataTypes::STRING().notNull()},
      {"partition", DataTypes::INT().notNull()},
      {"headers", DataTypes::MAP(DataTypes::STRING(), DataTypes::BYTES()).notNull()},
      {"leader-epoch", DataTypes::INT()},
      {"offset", DataTypes::BIGINT().notNull()},
      {"timestamp", DataTypes::TIMESTAMP_LTZ(3).notNull()},
      {"timestamp-type", DataTypes::STRING().notNull()},
  };
  return *metadata;
}

class KafkaTableFactory final : public DynamicTableSourceFactory, public DynamicTableSinkFactory {
 public:
  explicit KafkaTableFactory(bool upsert) : upsert_(upsert) {}

  std::string factoryIdentifier() const override { return upsert_ ? "upsert-kafka" : "kafka"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return KafkaTableOptions::connectorOptionKeys(upsert_); }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(KafkaTableOptions options, read(context, false));
    return std::unique_ptr<ScanTableSource>(
        std::make_unique<KafkaDynamicSource>(std::move(options), context.physical_row_type, upsert_));
  }
  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(KafkaTableOptions options, read(context, true));
    return std::unique_ptr<DynamicTableSink>(
        std::make_unique<KafkaDynamicSink>(std::move(options), context.physical_row_type.fieldCount(), upsert_));
  }

 private:
  Result<KafkaTableOptions> read(const DynamicTableContext& context, bool for_sink) const {
    const Options& options = context.options();
    std::vector<std::string> primary_key;
    if (context.table.primary_key) primary_key = context.table.primary_key->columns;
    EDDY_ASSIGN_OR_RETURN(KafkaTableOptions table, KafkaTableOptions::fromTableOptions(
                                                       options, context.physical_row_type, primary_key, upsert_, for_sink));
    std::vector<std::string> keys = optionalOptions();
    for (const std::string& key : table.value_format.optionKeys()) keys.push_back(key);
    if (table.key_format) {
      for (const std::string& key : table.key_format->optionKeys()) keys.push_back(key);
    }
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(KafkaOptionKeys(factoryIdentifier(), keys), options, {"properties."}));
    // The formats must accept the rows: fail at planning, not in a reader.
    EDDY_RETURN_IF_ERROR(table.value_format.createDecoder(table.value_row_type).status());
    if (table.key_format) EDDY_RETURN_IF_ERROR(table.key_format->createDecoder(table.key_row_type).status());
    return table;
  }

  bool upsert_;
};

template <typename T>
T orThrow(Result<T> result) {
  // The formats were created once at planning: a failure here is a programming error.
  if (!result.ok()) throw std::logic_error(result.status().message());
  return std::move(result).value();
}

}  // namespace

KafkaDynamicSource::KafkaDynamicSource(KafkaTableOptions options, types::LogicalType physical_row_type, bool upsert)
    : options_(std::move(options)),
      physical_row_type_(physical_row_type),
      produced_type_(std::move(physical_row_type)),
      upsert_(upsert) {}

ChangelogMode KafkaDynamicSource::getChangelogMode() const {
  return upsert_ ? ChangelogMode::upsert() : options_.value_format.decodingChangelogMode();
}

std::vector<std::pair<std::string, types::LogicalType>> KafkaDynamicSource::listReadableMetadata() const {
  return readableMetadata();
}

void KafkaDynamicSource::applyReadableMetadata(const std::vector<std::string>& metadata_keys,
                                               const types::LogicalType& produced_type) {
  metadata_.clear();
  for (const std::string& key : metadata_keys) {
    for (size_t i = 0; i < readableMetadata().size(); ++i) {
      if (readableMetadata()[i].first == key) metadata_.push_back(static_cast<KafkaReadableMetadata>(i));
    }
  }
  produced_type_ = produced_type;
}

Result<DataStream<RowChunk>> KafkaDynamicSource::produceDataStream(StreamExecutionEnvironment& env) {
  auto builder = KafkaSource<RowChunk>::builder();
  if (options_.topics.empty()) {
    builder.setTopicPattern(options_.topic_pattern);
  } else {
    builder.setTopics(options_.topics);
  }
  builder.setProperties(options_.properties);
  if (auto it = options_.properties.find("group.id"); it != options_.properties.end()) builder.setGroupId(it->second);
  builder.setStartingOffsets(options_.starting_offsets);
  if (options_.stopping_offsets) builder.setBounded(*options_.stopping_offsets);
  builder.setDeserializer([options = options_, metadata = metadata_, produced = produced_type_,
                           arity = physical_row_type_.fieldCount(), upsert = upsert_]() {
    std::optional<RowFormatDecoder> key;
    if (options.key_format) key = orThrow(options.key_format->createDecoder(options.key_row_type));
    return std::unique_ptr<KafkaRecordDeserializationSchema<RowChunk>>(std::make_unique<KafkaRowDeserializationSchema>(
        std::move(key), orThrow(options.value_format.createDecoder(options.value_row_type)), options.key_projection,
        options.value_projection, arity, metadata, produced, upsert));
  });
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<KafkaSource<RowChunk>> source, builder.build());
  return env.fromSource<RowChunk>(source, watermark_, asSummaryString());
}

ChangelogMode KafkaDynamicSink::getChangelogMode(const ChangelogMode& /*requested_mode*/) const {
  return upsert_ ? ChangelogMode::upsert() : options_.value_format.encodingChangelogMode();
}

std::vector<std::pair<std::string, types::LogicalType>> KafkaDynamicSink::listWritableMetadata() const {
  return {{"headers", DataTypes::MAP(DataTypes::STRING(), DataTypes::BYTES())}, {"timestamp", DataTypes::TIMESTAMP_LTZ(3)}};
}

void KafkaDynamicSink::applyWritableMetadata(const std::vector<std::string>& metadata_keys,
                                             const types::LogicalType& /*consumed_type*/) {
  metadata_ = KafkaWritableMetadataPositions{};
  for (size_t i = 0; i < metadata_keys.size(); ++i) {
    const int position = static_cast<int>(physical_arity_ + i);
    if (metadata_keys[i] == "headers") metadata_.headers = position;
    if (metadata_keys[i] == "timestamp") metadata_.timestamp = position;
  }
}

Status KafkaDynamicSink::consumeDataStream(DataStream<RowChunk> stream) {
  std::optional<RowFormatEncoder> key;
  if (options_.key_format) {
    EDDY_ASSIGN_OR_RETURN(key, options_.key_format->createEncoder(options_.key_row_type));
  }
  EDDY_ASSIGN_OR_RETURN(RowFormatEncoder value, options_.value_format.createEncoder(options_.value_row_type));
  auto schema = std::make_shared<KafkaRowSerializationSchema>(options_.topics[0], std::move(key), std::move(value),
                                                              options_.key_projection, options_.value_projection,
                                                              metadata_, options_.partitioner, upsert_);
  auto builder = KafkaSink<RowChunk>::builder();
  for (const auto& [key_name, property] : options_.properties) builder.setProperty(key_name, property);
  builder.setRecordSerializer(std::move(schema))
      .setDeliveryGuarantee(options_.delivery_guarantee)
      .setTransactionalIdPrefix(options_.transactional_id_prefix);
  EDDY_ASSIGN_OR_RETURN(std::shared_ptr<KafkaSink<RowChunk>> sink, builder.build());
  stream.sinkTo(sink, asSummaryString());
  return Status::OK();
}

void registerKafkaFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<KafkaTableFactory>(false));
  registry.registerFactory(std::make_shared<KafkaTableFactory>(true));
}

}  // namespace eddy::sql
