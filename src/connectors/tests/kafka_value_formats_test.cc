// Every table format as a DataStream value-only deserialization schema of the Kafka source
// (KafkaRecordDeserializationSchema::valueOnly), as issue #6 asks: json, csv, raw,
// debezium-json, canal-json and avro, one Kafka record each, rows and timestamps exact.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "eddy/connectors/kafka/json_row_schema.h"
#include "eddy/connectors/kafka/kafka_record_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_serialization_schema.h"
#include "eddy/formats/canal/canal_json_deserializer.h"
#include "eddy/formats/csv/csv_row_deserializer.h"
#include "eddy/formats/debezium/debezium_json_deserializer.h"
#include "eddy/formats/raw/raw_format_deserializer.h"
#include "eddy/types/data_types.h"

namespace eddy::connectors::kafka {
namespace {

using types::DataTypes;
using types::Row;

types::LogicalType idName() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("name", DataTypes::STRING())});
}

// The rows `schema` makes of one record with `value` and timestamp 1234, each as
// Row::toString and its timestamp, or "error: <message>".
template <typename Schema>
std::string read(Result<Schema> schema, std::string_view value) {
  if (!schema.ok()) return "error: " + schema.status().message();
  auto reader = KafkaRecordDeserializationSchema<Row>::valueOnly(std::move(schema).value());
  KafkaConsumerRecord record;
  record.topic = "t";
  record.value = value;
  record.timestamp = 1234;
  runtime::RecordBatch<Row> out;
  Status status = reader->deserialize(std::span(&record, 1), out);
  if (!status.ok()) return "error: " + status.message();
  std::string text;
  for (size_t i = 0; i < out.values.size(); ++i) {
    text += out.values[i].toString() + "@" + std::to_string(out.timestamps[i]) + "\n";
  }
  return text;
}

TEST(KafkaValueFormatsTest, EveryFormatIsAValueOnlyDeserializationSchema) {
  EXPECT_EQ(read(JsonRowDeserializationSchema::create(idName()), R"({"id":1,"name":"a"})"), "+I[1, a]@1234\n");
  EXPECT_EQ(read(formats::csv::CsvRowDeserializer::create(idName()), "2,b"), "+I[2, b]@1234\n");
  EXPECT_EQ(read(formats::raw::RawFormatDeserializer::create(
                     DataTypes::ROW({DataTypes::FIELD("line", DataTypes::STRING())})),
                 "raw text"),
            "+I[raw text]@1234\n");
  EXPECT_EQ(read(formats::debezium::DebeziumJsonDeserializer::create(idName()),
                 R"({"before":{"id":3,"name":"c"},"after":{"id":3,"name":"d"},"op":"u"})"),
            "-U[3, c]@1234\n+U[3, d]@1234\n");
  EXPECT_EQ(read(formats::canal::CanalJsonDeserializer::create(idName()),
                 R"({"data":[{"id":"4","name":"e"}],"old":null,"type":"INSERT"})"),
            "+I[4, e]@1234\n");
  auto avro_writer = formats::avro::AvroRowDataSerializationSchema::create(idName());
  ASSERT_TRUE(avro_writer.ok()) << avro_writer.status().toString();
  std::string avro;
  ASSERT_TRUE(avro_writer->serialize(Row::of(5, std::string("f")), avro).ok());
  EXPECT_EQ(read(formats::avro::AvroRowDataDeserializationSchema::create(idName()), avro), "+I[5, f]@1234\n");
}

TEST(KafkaValueFormatsTest, AFormatErrorNamesTheRecord) {
  EXPECT_EQ(read(formats::csv::CsvRowDeserializer::create(idName()), "x,b"),
            "error: Failed to deserialize the record of topic t partition 0 offset 0: Failed to deserialize CSV row "
            "'x,b'. Caused by: Fail to deserialize at field: id. Caused by: For input string: \"x\"");
}

}  // namespace
}  // namespace eddy::connectors::kafka
