#include "eddy/formats/json/json_row_deserializer.h"

#include <gtest/gtest.h>

#include <string>

#include "eddy/types/data_types.h"

namespace eddy::formats::json {
namespace {

using types::DataTypes;
using types::LogicalType;

// The row of `json` as Row::toString, or "skipped", or "error: <message>".
std::string decode(const LogicalType& type, const std::string& json, JsonDeserializationOptions options = {}) {
  auto deserializer = JsonRowDeserializer::create(type, options);
  EXPECT_TRUE(deserializer.ok()) << deserializer.status().toString();
  auto row = deserializer->deserialize(json);
  if (!row.ok()) return "error: " + row.status().message();
  return *row ? (*row)->toString() : "skipped";
}

JsonDeserializationOptions ignoring() {
  JsonDeserializationOptions options;
  options.ignore_parse_errors = true;
  return options;
}

LogicalType one(LogicalType type) { return DataTypes::ROW({DataTypes::FIELD("id", std::move(type))}); }

TEST(JsonRowDeserializerTest, EveryScalarType) {
  LogicalType type = DataTypes::ROW({
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
      DataTypes::FIELD("date", DataTypes::DATE()),
      DataTypes::FIELD("time", DataTypes::TIME(3)),
      DataTypes::FIELD("ts", DataTypes::TIMESTAMP(9)),
      DataTypes::FIELD("ltz", DataTypes::TIMESTAMP_LTZ(3)),
      DataTypes::FIELD("nothing", DataTypes::NULL_TYPE()),
  });
  EXPECT_EQ(decode(type,
                   R"({"bool":true,"tinyint":99,"smallint":128,"int":45536,"bigint":1238123899121,"float":33.333,)"
                   R"("double":-1.5e-7,"name":"a\"b\u00e9\n","bytes":"AQL/","decimal":123.456789,)"
                   R"("date":"1990-10-14","time":"12:12:43.123","ts":"1990-10-14 12:12:43.123456789",)"
                   R"("ltz":"1990-10-14 12:12:43.5Z","nothing":5})"),
            "+I[true, 99, 128, 45536, 1238123899121, 33.333, -1.5E-7, a\"b\u00e9\n, [1, 2, -1], 123.456789, "
            "1990-10-14, 12:12:43.123, 1990-10-14T12:12:43.123456789, 1990-10-14T12:12:43.500Z, null]");
}

TEST(JsonRowDeserializerTest, NumbersBooleansAndStringsConvertAsFlinksConverters) {
  EXPECT_EQ(decode(one(DataTypes::INT()), R"({"id":" 42 "})"), "+I[42]");
  EXPECT_EQ(decode(one(DataTypes::INT()), R"({"id":112.013})"), "+I[112]");
  EXPECT_EQ(decode(one(DataTypes::BIGINT()), R"({"id":-112.9})"), "+I[-112]");
  EXPECT_EQ(decode(one(DataTypes::TINYINT()), R"({"id":"-128"})"), "+I[-128]");
  EXPECT_EQ(decode(one(DataTypes::DOUBLE()), R"({"id":"1.5e3"})"), "+I[1500.0]");
  EXPECT_EQ(decode(one(DataTypes::DOUBLE()), R"({"id":"NaN"})"), "+I[NaN]");
  EXPECT_EQ(decode(one(DataTypes::FLOAT()), R"({"id":7})"), "+I[7.0]");
  EXPECT_EQ(decode(one(DataTypes::BOOLEAN()), R"({"id":" TRUE "})"), "+I[true]");
  EXPECT_EQ(decode(one(DataTypes::BOOLEAN()), R"({"id":"trueA"})"), "+I[false]");
  EXPECT_EQ(decode(one(DataTypes::BOOLEAN()), R"({"id":1})"), "+I[false]");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id":true})"), "+I[true]");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id":123.234})"), "+I[123.234]");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id":1e10})"), "+I[1.0E10]");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id":1234567})"), "+I[1234567]");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id": ["array data1", "array data2", 123, 234.345, null, {"k": false}]})"),
            R"(+I[["array data1","array data2",123,234.345,null,{"k":false}]])");
  EXPECT_EQ(decode(one(DataTypes::STRING()), R"({"id":{"k1":123,"k2":234.234,"k3":"string data"}})"),
            R"(+I[{"k1":123,"k2":234.234,"k3":"string data"}])");
  EXPECT_EQ(decode(one(DataTypes::BYTES()), R"({"id":12})"), "+I[null]");
  EXPECT_EQ(decode(one(DataTypes::INTERVAL(DataTypes::MONTH())), R"({"id":14})"), "+I[P1Y2M]");
}

TEST(JsonRowDeserializerTest, DecimalsAreExactFromTheNumbersText) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()),
                                     DataTypes::FIELD("factor", DataTypes::DECIMAL(38, 18)),
                                     DataTypes::FIELD("text", DataTypes::STRING())});
  EXPECT_EQ(decode(type, R"({"id":1,"factor":799.929496989092949698,"text":100.50})"),
            "+I[1, 799.929496989092949698, 100.5]");
  EXPECT_EQ(decode(type, R"({"factor":"-1.5E2","text":1.0e2})"), "+I[null, -150.000000000000000000, 1E+2]");
  // Rounded HALF_UP to the scale; null when it does not fit the precision.
  EXPECT_EQ(decode(one(DataTypes::DECIMAL(5, 2)), R"({"id":1.005})"), "+I[1.01]");
  EXPECT_EQ(decode(one(DataTypes::DECIMAL(5, 2)), R"({"id":12345})"), "+I[null]");
}

TEST(JsonRowDeserializerTest, NestedRowsArraysAndMaps) {
  LogicalType type = DataTypes::ROW({
      DataTypes::FIELD("row", DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT()),
                                              DataTypes::FIELD("b", DataTypes::ARRAY(DataTypes::STRING()))})),
      DataTypes::FIELD("map", DataTypes::MAP(DataTypes::STRING(), DataTypes::MAP(DataTypes::STRING(), DataTypes::INT()))),
      DataTypes::FIELD("set", DataTypes::MULTISET(DataTypes::STRING())),
      DataTypes::FIELD("ints", DataTypes::ARRAY(DataTypes::INT())),
  });
  EXPECT_EQ(decode(type, R"({"ints":[1,null,3],"set":{"x":2},"map":{"k":{"in":234},"n":null},"row":{"b":["p",null],"a":7,"zz":[{}]}})"),
            "+I[+I[7, [p, null]], {k={in=234}, n=null}, {x=2}, [1, null, 3]]");
  // A repeated key keeps its last value, as Jackson's ObjectNode.
  EXPECT_EQ(decode(type, R"({"ints":[1],"ints":[2],"map":{"k":{"a":1},"k":{"b":2}}})"),
            "+I[null, {k={b=2}}, null, [2]]");
  // Anything but an object is an empty map (JsonNode#fields()).
  EXPECT_EQ(decode(type, R"({"map":"text"})"), "+I[null, {}, null, null]");
}

TEST(JsonRowDeserializerTest, TimestampsInSqlAndIsoFormats) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3)),
                                     DataTypes::FIELD("ltz", DataTypes::TIMESTAMP_LTZ(3))});
  JsonDeserializationOptions iso;
  iso.timestamp_format = TimestampFormat::ISO_8601;
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12 18:00:12","ltz":"2019-11-12 18:00:12.1Z"})"),
            "+I[2019-11-12T18:00:12, 2019-11-12T18:00:12.100Z]");
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12T18:00","ltz":"2019-11-12T18:00:12.123Z"})", iso),
            "+I[2019-11-12T18:00, 2019-11-12T18:00:12.123Z]");
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12T18:00:12"})"),
            "error: Failed to deserialize JSON '{\"ts\":\"2019-11-12T18:00:12\"}'. Caused by: Fail to deserialize at "
            "field: ts. Caused by: Text '2019-11-12T18:00:12' could not be parsed at index 10");
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12 18:00:12"})", iso),
            "error: Failed to deserialize JSON '{\"ts\":\"2019-11-12 18:00:12\"}'. Caused by: Fail to deserialize at "
            "field: ts. Caused by: Text '2019-11-12 18:00:12' could not be parsed at index 10");
  EXPECT_EQ(decode(type, R"({"ltz":"2019-11-12T18:00:12+0800"})", iso),
            "error: Failed to deserialize JSON '{\"ltz\":\"2019-11-12T18:00:12+0800\"}'. Caused by: Fail to "
            "deserialize at field: ltz. Caused by: Text '2019-11-12T18:00:12+0800' could not be parsed at index 19");
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12 18:00:12Z"})"),
            "error: Failed to deserialize JSON '{\"ts\":\"2019-11-12 18:00:12Z\"}'. Caused by: Fail to deserialize at "
            "field: ts. Caused by: Text '2019-11-12 18:00:12Z' could not be parsed, unparsed text found at index 19");
  // The SQL form resolves smartly (24:00 is the next midnight), ISO's strictly.
  EXPECT_EQ(decode(type, R"({"ts":"2019-12-31 24:00:00"})"), "+I[2020-01-01T00:00, null]");
  EXPECT_EQ(decode(type, R"({"ts":"2019-11-12T24:00:00"})", iso),
            "error: Failed to deserialize JSON '{\"ts\":\"2019-11-12T24:00:00\"}'. Caused by: Fail to deserialize at "
            "field: ts. Caused by: Text '2019-11-12T24:00:00' could not be parsed: Invalid value for HourOfDay (valid "
            "values 0 - 23): 24");
}

TEST(JsonRowDeserializerTest, DatesAndTimesRejectWhatJavaTimeRejects) {
  EXPECT_EQ(decode(one(DataTypes::DATE()), R"({"id":"20191112"})"),
            "error: Failed to deserialize JSON '{\"id\":\"20191112\"}'. Caused by: Fail to deserialize at field: id. "
            "Caused by: Text '20191112' could not be parsed at index 0");
  EXPECT_EQ(decode(one(DataTypes::DATE()), R"({"id":"2023-02-29"})"),
            "error: Failed to deserialize JSON '{\"id\":\"2023-02-29\"}'. Caused by: Fail to deserialize at field: id. "
            "Caused by: Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap "
            "year");
  EXPECT_EQ(decode(one(DataTypes::DATE()), R"({"id":"2023-13-01"})"),
            "error: Failed to deserialize JSON '{\"id\":\"2023-13-01\"}'. Caused by: Fail to deserialize at field: id. "
            "Caused by: Text '2023-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13");
  EXPECT_EQ(decode(one(DataTypes::TIME()), R"({"id":"18:00:243"})"),
            "error: Failed to deserialize JSON '{\"id\":\"18:00:243\"}'. Caused by: Fail to deserialize at field: id. "
            "Caused by: Text '18:00:243' could not be parsed, unparsed text found at index 8");
  EXPECT_EQ(decode(one(DataTypes::DATE()), R"({"id":"2024-02-29"})"), "+I[2024-02-29]");
}

TEST(JsonRowDeserializerTest, MissingFieldsAreNullOrFail) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("name", DataTypes::STRING()),
                                     DataTypes::FIELD("id", DataTypes::INT())});
  EXPECT_EQ(decode(type, R"({"id":123123123})"), "+I[null, 123123123]");
  JsonDeserializationOptions strict;
  strict.fail_on_missing_field = true;
  EXPECT_EQ(decode(type, R"({"id":123123123})", strict),
            "error: Failed to deserialize JSON '{\"id\":123123123}'. Caused by: Fail to deserialize at field: name. "
            "Caused by: Could not find field with name 'name'.");
  EXPECT_EQ(decode(type, R"({"id":null,"name":null})", strict), "+I[null, null]");
  strict.ignore_parse_errors = true;
  EXPECT_EQ(JsonRowDeserializer::create(type, strict).status().message(),
            "JSON format doesn't support failOnMissingField and ignoreParseErrors are both enabled.");
}

TEST(JsonRowDeserializerTest, ValuesThatDoNotConvertFailOrBecomeNull) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::STRING()),
                                     DataTypes::FIELD("f1", DataTypes::INT()),
                                     DataTypes::FIELD("f2", DataTypes::ARRAY(DataTypes::INT()))});
  const std::string json = R"({"f2":[123, "abc"], "f1": "abc", "f0":"abc"})";
  EXPECT_EQ(decode(type, json),
            "error: Failed to deserialize JSON '" + json +
                "'. Caused by: Fail to deserialize at field: f1. Caused by: For input string: \"abc\"");
  EXPECT_EQ(decode(type, json, ignoring()), "+I[abc, null, [123, null]]");
  EXPECT_EQ(decode(one(DataTypes::INT()), R"({"id":11211111111.013})"),
            "error: Failed to deserialize JSON '{\"id\":11211111111.013}'. Caused by: Fail to deserialize at field: "
            "id. Caused by: For input string: \"1.1211111111013E10\"");
  EXPECT_EQ(decode(one(DataTypes::TINYINT()), R"({"id":300})"),
            "error: Failed to deserialize JSON '{\"id\":300}'. Caused by: Fail to deserialize at field: id. Caused by: "
            "Value out of range. Value:\"300\" Radix:10");
  EXPECT_EQ(decode(one(DataTypes::DOUBLE()), R"({"id":"112.013.123"})"),
            "error: Failed to deserialize JSON '{\"id\":\"112.013.123\"}'. Caused by: Fail to deserialize at field: "
            "id. Caused by: For input string: \"112.013.123\"");
  EXPECT_EQ(decode(one(DataTypes::DECIMAL(10, 3)), R"({"id":"abc"})"),
            "error: Failed to deserialize JSON '{\"id\":\"abc\"}'. Caused by: Fail to deserialize at field: id. Caused "
            "by: Character a is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.");
  EXPECT_EQ(decode(one(DataTypes::BYTES()), R"({"id":"AQ!="})"),
            "error: Failed to deserialize JSON '{\"id\":\"AQ!=\"}'. Caused by: Fail to deserialize at field: id. Caused "
            "by: Unable to deserialize byte array. Caused by: Cannot access contents of TextNode as binary due to "
            "broken Base64 encoding: Illegal character '!' (code 0x21) in base64 content");
  LogicalType nested = DataTypes::ROW({DataTypes::FIELD("row", DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())}))});
  EXPECT_EQ(decode(nested, R"({"row":{"id":"x"}})"),
            "error: Failed to deserialize JSON '{\"row\":{\"id\":\"x\"}}'. Caused by: Fail to deserialize at field: row. "
            "Caused by: Fail to deserialize at field: id. Caused by: For input string: \"x\"");
  EXPECT_EQ(decode(nested, R"({"row":{"id":"x"}})", ignoring()), "+I[+I[null]]");
  EXPECT_EQ(decode(nested, R"({"row":[1]})"),
            "error: Failed to deserialize JSON '{\"row\":[1]}'. Caused by: Fail to deserialize at field: row. Caused "
            "by: class org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode cannot be cast "
            "to class org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode");
  EXPECT_EQ(decode(nested, R"({"row":[1]})", ignoring()), "+I[null]");
}

TEST(JsonRowDeserializerTest, MalformedJsonFailsOrIsSkipped) {
  LogicalType type = one(DataTypes::INT());
  EXPECT_EQ(decode(type, R"({"id":1,})"),
            "error: Failed to deserialize JSON '{\"id\":1,}'. Caused by: The JSON document has an improper "
            "structure: missing or superfluous commas, braces, missing keys, etc.");
  EXPECT_EQ(decode(type, R"({"id":01})"),
            "error: Failed to deserialize JSON '{\"id\":01}'. Caused by: Problem while parsing a number");
  // Malformed JSON after a value that does not convert is still malformed JSON.
  EXPECT_EQ(decode(type, R"({"id":"x","other":[1,}})"),
            "error: Failed to deserialize JSON '{\"id\":\"x\",\"other\":[1,}}'. Caused by: The JSON "
            "document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
  EXPECT_EQ(decode(type, "[1,2]"),
            "error: Failed to deserialize JSON '[1,2]'. Caused by: class "
            "org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode cannot be cast to class "
            "org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode");
  EXPECT_EQ(decode(type, R"({"id":1,})", ignoring()), "skipped");
  EXPECT_EQ(decode(type, "[1,2]", ignoring()), "skipped");
  EXPECT_EQ(decode(type, "not json", ignoring()), "skipped");
  EXPECT_EQ(decode(type, ""), "skipped");
  EXPECT_EQ(decode(type, " \t"), "skipped");
  EXPECT_EQ(decode(type, "null"), "skipped");
}

TEST(JsonRowDeserializerTest, CountsTheRecordsItSkips) {
  auto deserializer = JsonRowDeserializer::create(one(DataTypes::INT()), ignoring());
  ASSERT_TRUE(deserializer.ok()) << deserializer.status().toString();
  for (const char* json : {R"({"id":1,})", R"({"id":2})", "[1,2]", "null", R"({"id":"x"})", "not json"}) {
    ASSERT_TRUE(deserializer->deserialize(json).ok());
  }
  // The three malformed documents; not the JSON null, nor the field that became NULL.
  EXPECT_EQ(deserializer->skippedRecords(), 3);
}

TEST(JsonRowDeserializerTest, ReusesItsParserAcrossRecords) {
  auto deserializer = JsonRowDeserializer::create(one(DataTypes::STRING())).value();
  std::string big = R"({"id":")" + std::string(100000, 'x') + R"("})";
  EXPECT_EQ((*deserializer.deserialize(R"({"id":"a"})"))->toString(), "+I[a]");
  EXPECT_EQ((*deserializer.deserialize(big))->getField(0).getString().size(), 100000u);
  EXPECT_EQ((*deserializer.deserialize(R"({"id":"b"})"))->toString(), "+I[b]");
}

TEST(JsonRowDeserializerTest, RejectsTypesTheFormatCannotRead) {
  EXPECT_EQ(JsonRowDeserializer::create(DataTypes::INT()).status().message(),
            "The JSON format needs a ROW type, not INT.");
  EXPECT_EQ(JsonRowDeserializer::create(one(DataTypes::MAP(DataTypes::INT(), DataTypes::STRING()))).status().message(),
            "JSON format doesn't support non-string as key type of map. The type is: MAP<INT, STRING>");
}

}  // namespace
}  // namespace eddy::formats::json
