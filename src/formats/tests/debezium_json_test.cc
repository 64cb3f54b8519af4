#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/formats/debezium/debezium_json_deserializer.h"
#include "eddy/formats/debezium/debezium_json_serializer.h"
#include "eddy/formats/decode_rows.h"
#include "eddy/types/data_types.h"
#include "formats/tests/changelog_format_test_rows.h"

namespace eddy::formats::debezium {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::RowKind;

using testing::productType;

std::string decode(const std::vector<std::string>& messages, DebeziumJsonOptions options = {}) {
  return testing::decodeChangelog<DebeziumJsonDeserializer>(messages, options);
}

TEST(DebeziumJsonTest, EveryOperation) {
  EXPECT_EQ(decode({
                R"({"before":null,"after":{"id":101,"name":"scooter","weight":3.14},"source":{"db":"inventory"},"op":"r","ts_ms":1})",
                R"({"before":null,"after":{"id":102,"name":"car battery","weight":8.1},"op":"c"})",
                R"({"before":{"id":101,"name":"scooter","weight":3.14},"after":{"id":101,"name":"scooter","weight":5.18},"op":"u"})",
                R"({"before":{"id":102,"name":"car battery","weight":8.1},"after":null,"op":"d"})",
            }),
            "+I[101, scooter, 3.14]\n"
            "+I[102, car battery, 8.1]\n"
            "-U[101, scooter, 3.14]\n"
            "+U[101, scooter, 5.18]\n"
            "-D[102, car battery, 8.1]\n");
}

TEST(DebeziumJsonTest, SchemaInclude) {
  DebeziumJsonOptions options;
  options.schema_include = true;
  EXPECT_EQ(decode({R"({"schema":{"type":"struct"},"payload":{"before":null,"after":{"id":1,"name":"a","weight":1.0},"op":"c"}})"},
                   options),
            "+I[1, a, 1.0]\n");
}

TEST(DebeziumJsonTest, EmptyAndNullMessagesAreSkipped) { EXPECT_EQ(decode({"", "null"}), ""); }

TEST(DebeziumJsonTest, FailuresWithFlinksMessages) {
  EXPECT_EQ(decode({R"({"before":null,"after":{"id":1},"op":"x"})"}),
            "error: Corrupt Debezium JSON message '{\"before\":null,\"after\":{\"id\":1},\"op\":\"x\"}'. Caused by: "
            "Unknown \"op\" value \"x\". The Debezium JSON message is "
            "'{\"before\":null,\"after\":{\"id\":1},\"op\":\"x\"}'");
  EXPECT_EQ(decode({R"({"before":null,"after":{"id":1},"op":"u"})"}),
            "error: Corrupt Debezium JSON message '{\"before\":null,\"after\":{\"id\":1},\"op\":\"u\"}'. Caused by: "
            "The \"before\" field of UPDATE message is null, if you are using Debezium Postgres Connector, please check "
            "the Postgres table has been set REPLICA IDENTITY to FULL level.");
  std::string not_json = decode({"{not json"});
  EXPECT_TRUE(not_json.starts_with("error: Corrupt Debezium JSON message '{not json'. Caused by: Failed to "
                                   "deserialize JSON '{not json'."))
      << not_json;
}

TEST(DebeziumJsonTest, IgnoreParseErrorsSkipsCorruptMessages) {
  DebeziumJsonOptions options;
  options.ignore_parse_errors = true;
  EXPECT_EQ(decode({"{not json", R"({"op":"x"})", R"({"before":null,"after":{"id":7,"name":"b","weight":2.5},"op":"c"})"},
                   options),
            "+I[7, b, 2.5]\n");
}

TEST(DebeziumJsonTest, SerializesEveryKind) {
  auto serializer = DebeziumJsonSerializer::create(productType());
  ASSERT_TRUE(serializer.ok());
  std::string out;
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::INSERT, int32_t{1}, "a", 1.5), out).ok());
  out += "\n";
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::UPDATE_BEFORE, int32_t{1}, "a", 1.5), out).ok());
  out += "\n";
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::UPDATE_AFTER, int32_t{1}, "b", 2.0), out).ok());
  out += "\n";
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::DELETE, int32_t{1}, "b", 2.0), out).ok());
  EXPECT_EQ(out,
            R"({"before":null,"after":{"id":1,"name":"a","weight":1.5},"op":"c"})"
            "\n"
            R"({"before":{"id":1,"name":"a","weight":1.5},"after":null,"op":"d"})"
            "\n"
            R"({"before":null,"after":{"id":1,"name":"b","weight":2.0},"op":"c"})"
            "\n"
            R"({"before":{"id":1,"name":"b","weight":2.0},"after":null,"op":"d"})");
}

TEST(DebeziumJsonTest, OptionsWithFlinksMessages) {
  auto options = DebeziumJsonOptions::fromTableOptions({{"schema-include", "TRUE"}, {"ignore-parse-errors", "false"}});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options->schema_include);
  EXPECT_EQ(DebeziumJsonOptions::fromTableOptions({{"ignore-parse-errors", "yes"}}).status().message(),
            "Could not parse value 'yes' for key 'debezium-json.ignore-parse-errors'.");
}

// The shape the DataStream value-only Kafka schema reads it through (formats::decodeRows;
// connectors' kafka_value_formats_test checks the timestamps it adds).
TEST(DebeziumJsonTest, ValueOnlySchemaShape) {
  auto deserializer = DebeziumJsonDeserializer::create(productType());
  ASSERT_TRUE(deserializer.ok());
  std::vector<Row> rows;
  ASSERT_TRUE(decodeRows(*deserializer,
                         R"({"before":{"id":1,"name":"a","weight":1.0},"after":{"id":1,"name":"a","weight":2.0},"op":"u"})",
                         rows)
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].toString(), "-U[1, a, 1.0]");
  EXPECT_EQ(rows[1].toString(), "+U[1, a, 2.0]");
}

}  // namespace
}  // namespace eddy::formats::debezium
