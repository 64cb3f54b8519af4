#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/connectors/kafka/kafka_record_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_serialization_schema.h"
#include "eddy/types/data_types.h"
#include "sql/formats/format_factory.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::Value;

constexpr const char* kKafkaOptions =
    "'connector' = 'kafka', 'topic' = 'avro_format_sql_test', 'properties.bootstrap.servers' = '127.0.0.1:9'";

std::string createTable(table::TableEnvironment& env, const std::string& name, const std::string& format_options) {
  return runSql(env, "CREATE TABLE " + name + " (id BIGINT, name STRING) WITH (" + std::string(kKafkaOptions) + ", " +
                         format_options + ")");
}

TEST(AvroFormatSqlTest, KafkaTablesTakeTheAvroFormats) {
  auto env = table::TableEnvironment::create();
  ASSERT_EQ(createTable(*env, "plain", "'format' = 'avro', 'avro.timestamp_mapping.legacy' = 'false'"), "[OK]\n");
  const std::string plan = runSql(*env, "EXPLAIN SELECT * FROM plain");
  EXPECT_FALSE(plan.starts_with("ERROR")) << plan;
  ASSERT_EQ(createTable(*env, "registry",
                        "'value.format' = 'avro-confluent', 'value.avro-confluent.url' = 'http://127.0.0.1:9', "
                        "'value.avro-confluent.basic-auth.credentials-source' = 'USER_INFO', "
                        "'value.avro-confluent.basic-auth.user-info' = 'alice:s3cret'"),
            "[OK]\n");
  const std::string registry_plan = runSql(*env, "EXPLAIN SELECT * FROM registry");
  EXPECT_FALSE(registry_plan.starts_with("ERROR")) << registry_plan;
  // A sink without 'avro-confluent.subject' registers under "<topic>-value", as Flink's
  // Kafka factory fills it in (the serializer refuses a missing subject otherwise).
  const std::string insert_plan = runSql(*env, "EXPLAIN INSERT INTO registry SELECT * FROM plain");
  EXPECT_FALSE(insert_plan.starts_with("ERROR")) << insert_plan;
}

// Flink's wrapping of a factory's error: the table, its options (secrets masked), the cause.
std::string sourceError(const std::string& table, const std::string& format_options, const std::string& cause) {
  return "ERROR: Unable to create a source for reading table 'default_catalog.default_database." + table +
         "'.\n\nTable options are:\n\n" + format_options +
         "'connector'='kafka'\n'format'='avro'\n'properties.bootstrap.servers'='127.0.0.1:9'\n"
         "'topic'='avro_format_sql_test'\n\n" +
         cause;
}

TEST(AvroFormatSqlTest, UnknownAvroOptionsAreRefusedWithFlinksMessage) {
  auto env = table::TableEnvironment::create();
  ASSERT_EQ(createTable(*env, "bad", "'format' = 'avro', 'avro.compression' = 'snappy'"), "[OK]\n");
  EXPECT_EQ(runSql(*env, "SELECT * FROM bad"),
            sourceError("bad", "'avro.compression'='snappy'\n",
                        "Unsupported options found for 'kafka'.\n\nUnsupported options:\n\navro.compression\n\n"
                        "Supported options:\n\navro.codec\navro.encoding\navro.timestamp_mapping.legacy\nconnector\n"
                        "format\nkey.fields\nkey.fields-prefix\nkey.format\nscan.bounded.mode\n"
                        "scan.bounded.specific-offsets\nscan.bounded.timestamp-millis\nscan.startup.mode\n"
                        "scan.startup.specific-offsets\nscan.startup.timestamp-millis\nsink.delivery-guarantee\n"
                        "sink.parallelism\nsink.partitioner\nsink.transactional-id-prefix\ntopic\ntopic-pattern\n"
                        "value.fields-include\nvalue.format"));

  ASSERT_EQ(createTable(*env, "json_encoding", "'format' = 'avro', 'avro.encoding' = 'json'"), "[OK]\n");
  EXPECT_EQ(runSql(*env, "SELECT * FROM json_encoding"),
            sourceError("json_encoding", "'avro.encoding'='json'\n",
                        "'avro.encoding' = 'json': only the binary encoding is supported"));

  ASSERT_EQ(createTable(*env, "no_url",
                        "'value.format' = 'avro-confluent', 'value.avro-confluent.basic-auth.user-info' = 'alice:s3cret'"),
            "[OK]\n");
  const std::string error = runSql(*env, "SELECT * FROM no_url");
  EXPECT_TRUE(error.ends_with("\n\nOne or more required options are missing.\n\nMissing required options are:\n\nurl"))
      << error;
  EXPECT_NE(error.find("'value.avro-confluent.basic-auth.user-info'='******'"), std::string::npos) << error;
  EXPECT_EQ(error.find("s3cret"), std::string::npos) << error;
}

// The table format's encoder and decoder are the avro format's (de)serialization schemas.
TEST(AvroFormatSqlTest, RowFormatCodecsRoundTrip) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT()),
                                     DataTypes::FIELD("name", DataTypes::STRING())});
  auto format = TableFormat::fromTableOptions({{"format", "avro"}}, "format");
  ASSERT_TRUE(format.ok()) << format.status().toString();
  auto encoder = format->createEncoder(type);
  auto decoder = format->createDecoder(type);
  ASSERT_TRUE(encoder.ok() && decoder.ok());
  std::string message;
  ASSERT_TRUE(*encoder->encode(Row::of(int64_t{-1}, "é"), message));
  EXPECT_EQ(message, std::string("\x02\x01\x02\x04\xc3\xa9", 6));
  std::vector<Row> rows;
  ASSERT_TRUE(decoder->decode(message, rows).ok());
  ASSERT_TRUE(decoder->decode(std::nullopt, rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].toString(), "+I[-1, é]");
  std::vector<Row> none;
  EXPECT_EQ(decoder->decode(std::string_view("\x02", 1), none).message(),
            "Failed to deserialize Avro record. Caused by: Cannot read long value: Cannot read 1 bytes from memory "
            "buffer");
}

// In a DataStream job the schemas plug into the Kafka connector as Flink's do.
TEST(AvroFormatSqlTest, DataStreamValueOnlyDeserialization) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT().notNull())});
  auto writer = formats::avro::AvroRowDataSerializationSchema::create(type);
  auto reader = formats::avro::AvroRowDataDeserializationSchema::create(type);
  ASSERT_TRUE(writer.ok() && reader.ok());
  const std::string value = *writer->serialize(Row::of(int32_t{21}));
  connectors::kafka::KafkaConsumerRecord record;
  record.topic = "t";
  record.value = value;
  record.timestamp = 1234;
  auto schema = connectors::kafka::KafkaRecordDeserializationSchema<Row>::valueOnly(std::move(*reader));
  runtime::RecordBatch<Row> out;
  ASSERT_TRUE(schema->deserialize(std::span(&record, 1), out).ok());
  ASSERT_EQ(out.values.size(), 1u);
  EXPECT_EQ(out.values[0].toString(), "+I[21]");
  EXPECT_EQ(out.timestamps[0], 1234);
}

}  // namespace
}  // namespace eddy::sql
