#include <gtest/gtest.h>

#include <string>

#include "eddy/formats/avro/avro_schema_converter.h"
#include "eddy/types/data_types.h"

namespace eddy::formats::avro {
namespace {

using types::DataTypes;
using types::LogicalType;

std::string schemaOf(const LogicalType& type, bool legacy = true) {
  auto schema = AvroSchemaConverter::convertToSchema(type, legacy);
  return schema.ok() ? *schema : "error: " + schema.status().message();
}

// Flink's AvroSchemaConverterTest#testSchemaToDataTypeToSchemaNullable, compact as Avro's
// Schema#toString writes it (its TIMESTAMP_LTZ field aside: see TimestampMappings).
TEST(AvroSchemaConverterTest, NullableTypesAsFlink) {
  LogicalType type =
      DataTypes::ROW({DataTypes::FIELD("f_null", DataTypes::NULL_TYPE()),
                      DataTypes::FIELD("f_boolean", DataTypes::BOOLEAN()),
                      DataTypes::FIELD("f_int", DataTypes::INT()),
                      DataTypes::FIELD("f_bigint", DataTypes::BIGINT()),
                      DataTypes::FIELD("f_float", DataTypes::FLOAT()),
                      DataTypes::FIELD("f_double", DataTypes::DOUBLE()),
                      DataTypes::FIELD("f_string", DataTypes::STRING()),
                      DataTypes::FIELD("f_varbinary", DataTypes::BYTES()),
                      DataTypes::FIELD("f_timestamp", DataTypes::TIMESTAMP(3)),
                      DataTypes::FIELD("f_date", DataTypes::DATE()),
                      DataTypes::FIELD("f_time", DataTypes::TIME(3)),
                      DataTypes::FIELD("f_decimal", DataTypes::DECIMAL(10, 0)),
                      DataTypes::FIELD("f_row", DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::INT()),
                                                                DataTypes::FIELD("f1", DataTypes::TIMESTAMP(3))})),
                      DataTypes::FIELD("f_map", DataTypes::MAP(DataTypes::STRING().notNull(), DataTypes::INT())),
                      DataTypes::FIELD("f_array", DataTypes::ARRAY(DataTypes::INT()))})
          .notNull();
  EXPECT_EQ(schemaOf(type),
            R"({"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[)"
            R"({"name":"f_null","type":"null","default":null},)"
            R"({"name":"f_boolean","type":["null","boolean"],"default":null},)"
            R"({"name":"f_int","type":["null","int"],"default":null},)"
            R"({"name":"f_bigint","type":["null","long"],"default":null},)"
            R"({"name":"f_float","type":["null","float"],"default":null},)"
            R"({"name":"f_double","type":["null","double"],"default":null},)"
            R"({"name":"f_string","type":["null","string"],"default":null},)"
            R"({"name":"f_varbinary","type":["null","bytes"],"default":null},)"
            R"({"name":"f_timestamp","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},)"
            R"({"name":"f_date","type":["null",{"type":"int","logicalType":"date"}],"default":null},)"
            R"({"name":"f_time","type":["null",{"type":"int","logicalType":"time-millis"}],"default":null},)"
            R"({"name":"f_decimal","type":["null",{"type":"bytes","logicalType":"decimal","precision":10,"scale":0}],"default":null},)"
            R"({"name":"f_row","type":["null",{"type":"record","name":"record_f_row","fields":[)"
            R"({"name":"f0","type":["null","int"],"default":null},)"
            R"({"name":"f1","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null}]}],"default":null},)"
            R"({"name":"f_map","type":["null",{"type":"map","values":["null","int"]}],"default":null},)"
            R"({"name":"f_array","type":["null",{"type":"array","items":["null","int"]}],"default":null}]})");
}

// Flink's testSchemaToDataTypeToSchemaNonNullable; TINYINT and SMALLINT become int, CHAR string,
// BINARY bytes, MULTISET a map of counts.
TEST(AvroSchemaConverterTest, NotNullTypesAsFlink) {
  LogicalType type =
      DataTypes::ROW(
          {DataTypes::FIELD("f_boolean", DataTypes::BOOLEAN().notNull()),
           DataTypes::FIELD("f_tinyint", DataTypes::TINYINT().notNull()),
           DataTypes::FIELD("f_smallint", DataTypes::SMALLINT().notNull()),
           DataTypes::FIELD("f_char", DataTypes::CHAR(3).notNull()),
           DataTypes::FIELD("f_binary", DataTypes::BINARY(3).notNull()),
           DataTypes::FIELD("f_timestamp", DataTypes::TIMESTAMP(3).notNull()),
           DataTypes::FIELD("f_decimal", DataTypes::DECIMAL(10, 0).notNull()),
           DataTypes::FIELD("f_row", DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::INT().notNull()),
                                                     DataTypes::FIELD("f1", DataTypes::TIMESTAMP(3).notNull())})
                                         .notNull()),
           DataTypes::FIELD("f_map", DataTypes::MAP(DataTypes::STRING().notNull(), DataTypes::INT().notNull()).notNull()),
           DataTypes::FIELD("f_array", DataTypes::ARRAY(DataTypes::INT().notNull()).notNull()),
           DataTypes::FIELD("f_multiset", DataTypes::MULTISET(DataTypes::STRING()).notNull())})
          .notNull();
  EXPECT_EQ(schemaOf(type),
            R"({"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[)"
            R"({"name":"f_boolean","type":"boolean"},{"name":"f_tinyint","type":"int"},)"
            R"({"name":"f_smallint","type":"int"},{"name":"f_char","type":"string"},)"
            R"({"name":"f_binary","type":"bytes"},)"
            R"({"name":"f_timestamp","type":{"type":"long","logicalType":"timestamp-millis"}},)"
            R"({"name":"f_decimal","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":0}},)"
            R"({"name":"f_row","type":{"type":"record","name":"record_f_row","fields":[{"name":"f0","type":"int"},)"
            R"({"name":"f1","type":{"type":"long","logicalType":"timestamp-millis"}}]}},)"
            R"({"name":"f_map","type":{"type":"map","values":"int"}},)"
            R"({"name":"f_array","type":{"type":"array","items":"int"}},)"
            R"({"name":"f_multiset","type":{"type":"map","values":["null","int"]}}]})");
}

// Flink's testRowTypeAvroSchemaConversion: nested records are named by their path; rows inside
// arrays and maps take the name of the field holding them.
TEST(AvroSchemaConverterTest, NestedRecordNamesFollowTheFieldPath) {
  LogicalType type =
      DataTypes::ROW(
          {DataTypes::FIELD("row1", DataTypes::ROW({DataTypes::FIELD("a", DataTypes::STRING())})),
           DataTypes::FIELD("row3", DataTypes::ROW({DataTypes::FIELD(
                                        "row3", DataTypes::ROW({DataTypes::FIELD("c", DataTypes::STRING())}))})),
           DataTypes::FIELD("rows", DataTypes::ARRAY(DataTypes::ROW({DataTypes::FIELD("d", DataTypes::INT())}).notNull()))})
          .notNull();
  EXPECT_EQ(schemaOf(type),
            R"({"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[)"
            R"({"name":"row1","type":["null",{"type":"record","name":"record_row1","fields":[)"
            R"({"name":"a","type":["null","string"],"default":null}]}],"default":null},)"
            R"({"name":"row3","type":["null",{"type":"record","name":"record_row3","fields":[)"
            R"({"name":"row3","type":["null",{"type":"record","name":"record_row3_row3","fields":[)"
            R"({"name":"c","type":["null","string"],"default":null}]}],"default":null}]}],"default":null},)"
            R"({"name":"rows","type":["null",{"type":"array","items":{"type":"record","name":"record_rows","fields":[)"
            R"({"name":"d","type":["null","int"],"default":null}]}}],"default":null}]})");
  // A nullable top-level row is a union, and a name without a namespace has none.
  EXPECT_EQ(*AvroSchemaConverter::convertToSchema(DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT().notNull())}),
                                                  "Top", true),
            R"(["null",{"type":"record","name":"Top","fields":[{"name":"a","type":"int"}]}])");
}

TEST(AvroSchemaConverterTest, TimestampMappings) {
  auto row = [](LogicalType type) { return DataTypes::ROW({DataTypes::FIELD("t", type.notNull())}).notNull(); };
  auto field = [](const std::string& schema) {
    const std::string prefix = R"({"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[{"name":"t","type":)";
    return schema.starts_with(prefix) ? schema.substr(prefix.size(), schema.size() - prefix.size() - 3) : schema;
  };
  EXPECT_EQ(field(schemaOf(row(DataTypes::TIMESTAMP(3)), false)), R"({"type":"long","logicalType":"local-timestamp-millis"})");
  EXPECT_EQ(field(schemaOf(row(DataTypes::TIMESTAMP(6)), false)), R"({"type":"long","logicalType":"local-timestamp-micros"})");
  EXPECT_EQ(field(schemaOf(row(DataTypes::TIMESTAMP(9)), false)), R"({"type":"long","logicalType":"local-timestamp-nanos"})");
  EXPECT_EQ(field(schemaOf(row(DataTypes::TIMESTAMP_LTZ(3)), false)), R"({"type":"long","logicalType":"timestamp-millis"})");
  EXPECT_EQ(field(schemaOf(row(DataTypes::TIMESTAMP_LTZ(6)), false)), R"({"type":"long","logicalType":"timestamp-micros"})");
  EXPECT_EQ(schemaOf(row(DataTypes::TIMESTAMP_LTZ(3))), "error: Unsupported to derive Schema for type: TIMESTAMP_LTZ(3) NOT NULL");
  EXPECT_EQ(schemaOf(row(DataTypes::TIMESTAMP(9))),
            "error: Avro does not support TIMESTAMP type with precision: 9, it only supports precision less than 3.");
  EXPECT_EQ(schemaOf(row(DataTypes::TIME(6))),
            "error: Avro does not support TIME type with precision: 6, it only supports precision less than 3.");
}

TEST(AvroSchemaConverterTest, UnsupportedTypesWithFlinksMessages) {
  EXPECT_EQ(schemaOf(DataTypes::ROW({DataTypes::FIELD("m", DataTypes::MAP(DataTypes::INT(), DataTypes::INT()))})),
            "error: Avro format doesn't support non-string as key type of map. The key type is: INT");
  EXPECT_EQ(schemaOf(DataTypes::ROW({DataTypes::FIELD("i", DataTypes::INTERVAL(DataTypes::SECOND(3)))}).notNull()),
            "error: Unsupported to derive Schema for type: INTERVAL SECOND(3)");
  EXPECT_EQ(schemaOf(DataTypes::ROW({DataTypes::FIELD("a-b", DataTypes::INT())}).notNull()),
            "error: Illegal character in: a-b");
  EXPECT_EQ(schemaOf(DataTypes::ROW({DataTypes::FIELD("1a", DataTypes::INT())}).notNull()),
            "error: Illegal initial character: 1a");
}

}  // namespace
}  // namespace eddy::formats::avro
