#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <string>
#include <vector>

#include "eddy/common/logging.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/kafka/kafka_row_deserialization_schema.h"
#include "sql/connectors/kafka/kafka_row_serialization_schema.h"
#include "sql/connectors/kafka/kafka_table_options.h"

namespace eddy::sql {
namespace {

using connectors::kafka::KafkaConsumerRecord;
using connectors::kafka::KafkaProducerRecords;
using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::RowKind;
using Options = std::map<std::string, std::string>;

LogicalType physicalType() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("name", DataTypes::STRING())});
}

KafkaConsumerRecord record(std::string_view key, std::string_view value, int64_t offset, bool tombstone = false) {
  KafkaConsumerRecord r;
  r.topic = "orders";
  r.partition = 2;
  r.offset = offset;
  r.timestamp = 1000 + offset;
  r.key = key;
  r.key_is_null = key.empty();
  r.value = value;
  r.value_is_null = tombstone;
  return r;
}

Result<KafkaTableOptions> tableOptions(Options options, std::vector<std::string> primary_key = {}, bool upsert = false,
                                       bool for_sink = false) {
  return KafkaTableOptions::fromTableOptions(options, physicalType(), primary_key, upsert, for_sink);
}

// The rows the schema makes of `records`, one Row::toString a line, or "error: <message>".
std::string read(const KafkaTableOptions& options, std::vector<KafkaConsumerRecord> records, bool upsert = false,
                 std::vector<KafkaReadableMetadata> metadata = {}) {
  std::vector<types::RowField> fields = physicalType().fields();
  if (!metadata.empty()) fields.push_back(DataTypes::FIELD("offset", DataTypes::BIGINT().notNull()));
  std::optional<RowFormatDecoder> key;
  if (options.key_format) key = std::move(options.key_format->createDecoder(options.key_row_type)).value();
  KafkaRowDeserializationSchema schema(std::move(key), std::move(options.value_format.createDecoder(options.value_row_type)).value(),
                                       options.key_projection, options.value_projection, 2, metadata,
                                       DataTypes::ROW(fields), upsert);
  runtime::RecordBatch<RowChunk> out;
  Status status = schema.deserialize(records, out);
  if (!status.ok()) return "error: " + status.message();
  std::string text;
  for (const RowChunk& chunk : out.values) {
    for (size_t i = 0; i < chunk.size(); ++i) text += chunk.batch->getRow(i).toString() + "\n";
  }
  return text;
}

TEST(SqlKafkaSchemaTest, ValueFormatRowsWithMetadata) {
  auto options = tableOptions({{"topic", "orders"}, {"format", "json"}});
  ASSERT_TRUE(options.ok()) << options.status().toString();
  EXPECT_EQ(read(*options, {record("", R"({"id":1,"name":"a"})", 5), record("", R"({"id":2})", 6)}, false,
                 {KafkaReadableMetadata::OFFSET}),
            "+I[1, a, 5]\n+I[2, null, 6]\n");
}

TEST(SqlKafkaSchemaTest, MalformedJsonNamesTopicPartitionOffset) {
  auto options = tableOptions({{"topic", "orders"}, {"value.format", "json"}});
  ASSERT_TRUE(options.ok());
  std::string error = read(*options, {record("", R"({"id":1,"name":"a"})", 5), record("", "{oops", 6)});
  EXPECT_TRUE(error.starts_with("error: Failed to deserialize the record of topic orders partition 2 offset 6: "
                                "Failed to deserialize JSON '{oops'."))
      << error;
}

TEST(SqlKafkaSchemaTest, IgnoreParseErrorsSkipsTheRecordAndCountsIt) {
  auto options = tableOptions({{"topic", "orders"}, {"value.format", "json"}, {"value.json.ignore-parse-errors", "true"}});
  ASSERT_TRUE(options.ok()) << options.status().toString();
  std::ostringstream log_lines;
  const auto saved_sinks = log::logger().sinks();
  log::setSinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(log_lines)});
  const std::string rows = read(*options, {record("", "{oops", 6), record("", R"({"id":3,"name":"c"})", 7),
                                           record("", "[1]", 8), record("", "nope", 9), record("", "{", 10)});
  log::setSinks(saved_sinks);
  EXPECT_EQ(rows, "+I[3, c]\n");
  // Logged at the 1st, 2nd and 4th skip.
  const std::string logged = log_lines.str();
  for (const char* line : {"topic orders partition 2 offset 6 (ignore-parse-errors); 1 skipped so far",
                           "topic orders partition 2 offset 8 (ignore-parse-errors); 2 skipped so far",
                           "topic orders partition 2 offset 10 (ignore-parse-errors); 4 skipped so far"}) {
    EXPECT_NE(logged.find(line), std::string::npos) << logged;
  }
  EXPECT_EQ(logged.find("3 skipped so far"), std::string::npos) << logged;
}

TEST(SqlKafkaSchemaTest, KeyFieldsWithPrefixAndExceptKey) {
  auto options = tableOptions({{"topic", "orders"},
                               {"key.format", "raw"},
                               {"key.fields", "name"},
                               {"value.format", "json"},
                               {"value.fields-include", "EXCEPT_KEY"}});
  ASSERT_TRUE(options.ok()) << options.status().toString();
  EXPECT_EQ(read(*options, {record("k1", R"({"id":1,"name":"ignored"})", 0)}), "+I[1, k1]\n");
}

TEST(SqlKafkaSchemaTest, DebeziumValuesAreAChangelog) {
  auto options = tableOptions({{"topic", "orders"}, {"value.format", "debezium-json"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(read(*options, {record("", R"({"before":{"id":1,"name":"a"},"after":{"id":1,"name":"b"},"op":"u"})", 0)}),
            "-U[1, a]\n+U[1, b]\n");
}

TEST(SqlKafkaSchemaTest, UpsertKafkaTombstonesAreDeletes) {
  auto options = tableOptions({{"topic", "orders"}, {"key.format", "json"}, {"value.format", "json"}}, {"id"}, true);
  ASSERT_TRUE(options.ok()) << options.status().toString();
  EXPECT_EQ(read(*options, {record(R"({"id":1})", R"({"id":1,"name":"a"})", 0), record(R"({"id":1})", "", 1, true)}, true),
            "+U[1, a]\n-D[1, null]\n");
}

TEST(SqlKafkaSchemaTest, ReadsHeadersTimestampTypeAndLeaderEpoch) {
  auto options = tableOptions({{"topic", "orders"}, {"format", "json"}});
  ASSERT_TRUE(options.ok()) << options.status().toString();
  const std::vector<connectors::kafka::KafkaHeader> headers = {{"a", "1", false}, {"b", "", true}, {"a", "2", false}};
  KafkaConsumerRecord first = record("", R"({"id":1,"name":"a"})", 5);
  first.headers = headers;
  first.leader_epoch = 3;
  first.timestamp_type = connectors::kafka::KafkaTimestampType::LOG_APPEND_TIME;
  std::vector<types::RowField> fields = physicalType().fields();
  fields.push_back(DataTypes::FIELD("headers", DataTypes::MAP(DataTypes::STRING(), DataTypes::BYTES()).notNull()));
  fields.push_back(DataTypes::FIELD("leader-epoch", DataTypes::INT()));
  fields.push_back(DataTypes::FIELD("timestamp-type", DataTypes::STRING().notNull()));
  KafkaRowDeserializationSchema schema(std::nullopt, options->value_format.createDecoder(options->value_row_type).value(),
                                       options->key_projection, options->value_projection, 2,
                                       {KafkaReadableMetadata::HEADERS, KafkaReadableMetadata::LEADER_EPOCH,
                                        KafkaReadableMetadata::TIMESTAMP_TYPE},
                                       DataTypes::ROW(fields), false);
  runtime::RecordBatch<RowChunk> out;
  const std::vector<KafkaConsumerRecord> records = {first, record("", R"({"id":2,"name":"b"})", 6)};
  ASSERT_TRUE(schema.deserialize(records, out).ok());
  ASSERT_EQ(out.values.size(), 1u);
  EXPECT_EQ(out.values[0].batch->getRow(0).toString(), "+I[1, a, {a=[50], b=null}, 3, LogAppendTime]");
  EXPECT_EQ(out.values[0].batch->getRow(1).toString(), "+I[2, b, {}, null, CreateTime]");
}

TEST(SqlKafkaSchemaTest, UpsertKafkaSinkWritesTombstones) {
  auto options = tableOptions({{"topic", "orders"}, {"key.format", "json"}, {"value.format", "json"}}, {"id"}, true, true);
  ASSERT_TRUE(options.ok()) << options.status().toString();
  KafkaRowSerializationSchema schema("orders", options->key_format->createEncoder(options->key_row_type).value(),
                                     options->value_format.createEncoder(options->value_row_type).value(),
                                     options->key_projection, options->value_projection, {},
                                     KafkaSinkPartitioner::DEFAULT, true);
  auto batch = std::make_shared<types::ColumnBatch>(physicalType());
  ASSERT_TRUE(batch->appendRow(Row::ofKind(RowKind::INSERT, int32_t{1}, "a")).ok());
  ASSERT_TRUE(batch->appendRow(Row::ofKind(RowKind::UPDATE_BEFORE, int32_t{1}, "a")).ok());
  ASSERT_TRUE(batch->appendRow(Row::ofKind(RowKind::DELETE, int32_t{1}, "a")).ok());
  runtime::RecordBatch<RowChunk> in;
  in.add(RowChunk{batch}, 7);
  KafkaProducerRecords out;
  ASSERT_TRUE(schema.serialize(in, out).ok());
  // As Flink's DynamicKafkaRecordSerializationSchema: UPDATE_BEFORE and DELETE are
  // tombstones, and the stream record's timestamp (7) is not the Kafka timestamp.
  ASSERT_EQ(out.entries.size(), 3u);
  EXPECT_EQ(out.key(out.entries[0]), R"({"id":1})");
  EXPECT_EQ(out.value(out.entries[0]), R"({"id":1,"name":"a"})");
  for (size_t i : {1, 2}) {
    EXPECT_EQ(out.key(out.entries[i]), R"({"id":1})");
    EXPECT_TRUE(out.entries[i].value_is_null);
  }
  EXPECT_EQ(out.entries[0].timestamp, 0);
}

TEST(SqlKafkaSchemaTest, SinkWritesHeadersAndTimestampMetadata) {
  auto options = tableOptions({{"topic", "orders"}, {"format", "json"}}, {}, false, true);
  ASSERT_TRUE(options.ok()) << options.status().toString();
  KafkaRowSerializationSchema schema("orders", std::nullopt,
                                     options->value_format.createEncoder(options->value_row_type).value(),
                                     options->key_projection, options->value_projection,
                                     KafkaWritableMetadataPositions{.headers = 2, .timestamp = 3},
                                     KafkaSinkPartitioner::DEFAULT, false);
  std::vector<types::RowField> fields = physicalType().fields();
  fields.push_back(DataTypes::FIELD("headers", DataTypes::MAP(DataTypes::STRING(), DataTypes::BYTES())));
  fields.push_back(DataTypes::FIELD("ts", DataTypes::TIMESTAMP_LTZ(3)));
  auto batch = std::make_shared<types::ColumnBatch>(DataTypes::ROW(fields));
  const types::Value headers = types::Value::map(
      {{types::Value("k"), types::Value::bytes("v")}, {types::Value("skipped"), types::Value()}});
  ASSERT_TRUE(batch->appendRow(Row::ofKind(RowKind::INSERT, int32_t{1}, "a", headers,
                                           types::Value::timestampLtz(types::TimestampData::fromEpochMillis(42))))
                  .ok());
  ASSERT_TRUE(batch->appendRow(Row::ofKind(RowKind::INSERT, int32_t{2}, "b", types::Value(), types::Value())).ok());
  runtime::RecordBatch<RowChunk> in;
  in.add(RowChunk{batch}, 7);
  KafkaProducerRecords out;
  ASSERT_TRUE(schema.serialize(in, out).ok());
  ASSERT_EQ(out.entries.size(), 2u);
  EXPECT_EQ(out.value(out.entries[0]), R"({"id":1,"name":"a"})");
  EXPECT_EQ(out.entries[0].timestamp, 42);
  ASSERT_EQ(out.entries[0].headers_end - out.entries[0].headers_begin, 1u);
  const KafkaProducerRecords::Header& header = out.headers[out.entries[0].headers_begin];
  EXPECT_EQ(out.slice(header.key_begin, header.key_end), "k");
  EXPECT_EQ(out.slice(header.value_begin, header.value_end), "v");
  EXPECT_EQ(out.entries[1].timestamp, 0);
  EXPECT_EQ(out.entries[1].headers_begin, out.entries[1].headers_end);
}

TEST(SqlKafkaSchemaTest, OptionErrorsWithFlinksMessages) {
  EXPECT_EQ(tableOptions({{"format", "json"}}).status().message(), "Either 'topic' or 'topic-pattern' must be set.");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"topic-pattern", "b.*"}, {"format", "json"}}).status().message(),
            "Option 'topic' and 'topic-pattern' shouldn't be set together.");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"format", "json"}, {"scan.startup.mode", "timestamp"}}).status().message(),
            "'scan.startup.timestamp-millis' is required in 'timestamp' startup mode but missing.");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"format", "json"}, {"scan.startup.mode", "specific-offsets"},
                          {"scan.startup.specific-offsets", "partition:0,offset"}})
                .status()
                .message(),
            "Invalid properties 'scan.startup.specific-offsets' should follow the format "
            "'partition:0,offset:42;partition:1,offset:300', but is 'partition:0,offset'.");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"value.format", "json"}}, {}, true).status().message().substr(0, 68),
            "'upsert-kafka' tables require to define a PRIMARY KEY constraint. Th");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"format", "no-such-format"}}).status().message().substr(0, 70),
            "Could not find any factory for identifier 'no-such-format' that implem");
  EXPECT_EQ(tableOptions({{"topic", "a"}, {"format", "json"}, {"sink.delivery-guarantee", "exactly-once"}}, {}, false, true)
                .status()
                .message(),
            "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.");
}

}  // namespace
}  // namespace eddy::sql
