#include "eddy/formats/json/json_row_serializer.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/types/data_types.h"

namespace eddy::formats::json {
namespace {

using types::DataTypes;
using types::Decimal;
using types::LogicalType;
using types::Row;
using types::TimestampData;
using types::Value;

std::string encode(const LogicalType& type, const Row& row, JsonSerializationOptions options = {}) {
  auto serializer = JsonRowSerializer::create(type, options);
  EXPECT_TRUE(serializer.ok()) << serializer.status().toString();
  auto json = serializer->serialize(row);
  return json.ok() ? *json : "error: " + json.status().message();
}

LogicalType allTypes() {
  return DataTypes::ROW({
      DataTypes::FIELD("bool", DataTypes::BOOLEAN()),
      DataTypes::FIELD("tinyint", DataTypes::TINYINT()),
      DataTypes::FIELD("smallint", DataTypes::SMALLINT()),
      DataTypes::FIELD("int", DataTypes::INT()),
      DataTypes::FIELD("bigint", DataTypes::BIGINT()),
      DataTypes::FIELD("float", DataTypes::FLOAT()),
      DataTypes::FIELD("double", DataTypes::DOUBLE()),
      DataTypes::FIELD("name", DataTypes::STRING()),
      DataTypes::FIELD("bytes", DataTypes::BYTES()),
      DataTypes::FIELD("decimal", DataTypes::DECIMAL(9, 6)),
      DataTypes::FIELD("doubles", DataTypes::ARRAY(DataTypes::DOUBLE())),
      DataTypes::FIELD("date", DataTypes::DATE()),
      DataTypes::FIELD("time", DataTypes::TIME(0)),
      DataTypes::FIELD("timestamp3", DataTypes::TIMESTAMP(3)),
      DataTypes::FIELD("timestamp9", DataTypes::TIMESTAMP(9)),
      DataTypes::FIELD("ltz", DataTypes::TIMESTAMP_LTZ(9)),
      DataTypes::FIELD("map", DataTypes::MAP(DataTypes::STRING(), DataTypes::BIGINT())),
      DataTypes::FIELD("multiSet", DataTypes::MULTISET(DataTypes::STRING())),
      DataTypes::FIELD("row", DataTypes::ROW({DataTypes::FIELD("f1", DataTypes::STRING()),
                                              DataTypes::FIELD("f2", DataTypes::INT())})),
  });
}

Row allValues() {
  // 1990-10-14 12:12:43.123456789 is 655906363123 ms after the epoch.
  return Row::of(true, int8_t{99}, int16_t{128}, int32_t{45536}, int64_t{1238123899121}, 33.333f, 1.1,
                 std::string("a\"b\\c\n\x01\u00e9/"), Value::bytes(std::string("\x01\x02\xff", 3)),
                 Decimal::fromString("123.456789", 9, 6).value(), Value::array({Value(1.1), Value(), Value(3.3)}),
                 Value::date(7591), Value::time(43963000), Value::timestamp(TimestampData::fromEpochMillis(655906363123)),
                 Value::timestamp(TimestampData::fromEpochMillis(655906363123, 456789)),
                 Value::timestampLtz(TimestampData::fromEpochMillis(655906363123, 456789)),
                 Value::map({{Value("element"), Value(int64_t{123})}}), Value::map({{Value("element"), Value(2)}}),
                 Value::row(Row::of("this is row1", Value())));
}

TEST(JsonRowSerializerTest, WritesEveryTypeAsFlink) {
  JsonSerializationOptions iso;
  iso.timestamp_format = TimestampFormat::ISO_8601;
  EXPECT_EQ(encode(allTypes(), allValues(), iso),
            R"({"bool":true,"tinyint":99,"smallint":128,"int":45536,"bigint":1238123899121,"float":33.333,)"
            R"("double":1.1,"name":"a\"b\\c\n\u0001)"
            "\u00e9"
            R"(/","bytes":"AQL/","decimal":123.456789,"doubles":[1.1,null,3.3],"date":"1990-10-14",)"
            R"("time":"12:12:43","timestamp3":"1990-10-14T12:12:43.123","timestamp9":"1990-10-14T12:12:43.123456789",)"
            R"("ltz":"1990-10-14T12:12:43.123456789Z","map":{"element":123},"multiSet":{"element":2},)"
            R"("row":{"f1":"this is row1","f2":null}})");
  EXPECT_EQ(encode(allTypes(), allValues()).find(R"("timestamp3":"1990-10-14 12:12:43.123","timestamp9":)"
                                                 R"("1990-10-14 12:12:43.123456789","ltz":"1990-10-14 12:12:43.123456789Z")") !=
                std::string::npos,
            true);
}

TEST(JsonRowSerializerTest, NullsAndNonFiniteNumbers) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("a", DataTypes::DOUBLE()), DataTypes::FIELD("b", DataTypes::FLOAT()),
                                     DataTypes::FIELD("c", DataTypes::DOUBLE()), DataTypes::FIELD("d", DataTypes::STRING()),
                                     DataTypes::FIELD("e", DataTypes::DOUBLE())});
  EXPECT_EQ(encode(type, Row::of(std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<float>::infinity(),
                                 1e21, Value(), 0.001)),
            R"({"a":"NaN","b":"-Infinity","c":1.0E21,"d":null,"e":0.001})");
}

TEST(JsonRowSerializerTest, DecimalsScientificOrPlain) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("decimal1", DataTypes::DECIMAL(9, 6)),
                                     DataTypes::FIELD("decimal2", DataTypes::DECIMAL(20, 0)),
                                     DataTypes::FIELD("decimal3", DataTypes::DECIMAL(11, 9)),
                                     DataTypes::FIELD("decimal4", DataTypes::DECIMAL(5, 2))});
  auto deserializer = JsonRowDeserializer::create(type).value();
  const std::string plain =
      R"({"decimal1":123.456789,"decimal2":454621864049246170,"decimal3":0.000000027,"decimal4":-0.00})";
  Row row = **deserializer.deserialize(plain);
  JsonSerializationOptions options;
  options.encode_decimal_as_plain_number = true;
  EXPECT_EQ(encode(type, row, options), R"({"decimal1":123.456789,"decimal2":454621864049246170,"decimal3":0.000000027,"decimal4":0})");
  EXPECT_EQ(encode(type, row), R"({"decimal1":123.456789,"decimal2":4.5462186404924617E+17,"decimal3":2.7E-8,"decimal4":0})");
}

TEST(JsonRowSerializerTest, MapNullKeyModes) {
  LogicalType type = DataTypes::ROW(
      {DataTypes::FIELD("nestedMap", DataTypes::MAP(DataTypes::STRING(), DataTypes::MAP(DataTypes::STRING(), DataTypes::INT())))});
  Value inner = Value::map({{Value("no-null key"), Value(1)}, {Value(), Value(2)}});
  Row row = Row::of(Value::map({{Value("no-null key"), inner}, {Value(), inner}}));
  EXPECT_EQ(encode(type, row),
            "error: Could not serialize row '+I[{no-null key={no-null key=1, null=2}, null={no-null key=1, null=2}}]'. "
            "Caused by: Fail to serialize at field: nestedMap. Caused by: JSON format doesn't support to serialize map "
            "data with null keys. You can drop null key entries or encode null in literals by specifying "
            "map-null-key.mode option.");
  JsonSerializationOptions drop;
  drop.map_null_key_mode = MapNullKeyMode::DROP;
  EXPECT_EQ(encode(type, row, drop), R"({"nestedMap":{"no-null key":{"no-null key":1}}})");
  JsonSerializationOptions literal;
  literal.map_null_key_mode = MapNullKeyMode::LITERAL;
  literal.map_null_key_literal = "nullKey";
  EXPECT_EQ(encode(type, row, literal),
            R"({"nestedMap":{"no-null key":{"no-null key":1,"nullKey":2},"nullKey":{"no-null key":1,"nullKey":2}}})");
}

TEST(JsonRowSerializerTest, ValueOfTheWrongTypeFailsNamingTheField) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::INT()), DataTypes::FIELD("f1", DataTypes::STRING())});
  EXPECT_EQ(encode(type, Row::of(1, 1)),
            "error: Could not serialize row '+I[1, 1]'. Caused by: Fail to serialize at field: f1. Caused by: The value "
            "1 is not of type STRING.");
}

TEST(JsonRowSerializerTest, RoundTripsThroughTheDeserializer) {
  for (TimestampFormat format : {TimestampFormat::SQL, TimestampFormat::ISO_8601}) {
    JsonSerializationOptions write;
    write.timestamp_format = format;
    JsonDeserializationOptions read;
    read.timestamp_format = format;
    auto serializer = JsonRowSerializer::create(allTypes(), write).value();
    auto deserializer = JsonRowDeserializer::create(allTypes(), read).value();
    const std::string json = *serializer.serialize(allValues());
    auto row = deserializer.deserialize(json);
    ASSERT_TRUE(row.ok()) << row.status().toString();
    EXPECT_EQ(**row, allValues()) << json;
    EXPECT_EQ(*serializer.serialize(**row), json);
  }
}

}  // namespace
}  // namespace eddy::formats::json
