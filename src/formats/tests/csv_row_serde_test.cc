#include <gtest/gtest.h>

#include <string>

#include "eddy/formats/csv/csv_row_deserializer.h"
#include "eddy/formats/csv/csv_row_serializer.h"
#include "eddy/types/data_types.h"

namespace eddy::formats::csv {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::Value;

// ROW<f0 STRING, f1 type, f2 STRING>, as Flink's CsvRowDataSerDeSchemaTest wraps a field.
LogicalType wrapped(LogicalType type) {
  return DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::STRING()), DataTypes::FIELD("f1", std::move(type)),
                         DataTypes::FIELD("f2", DataTypes::STRING())});
}

CsvFormatOptions nullLiteral() {
  CsvFormatOptions options;
  options.null_literal = "null";
  return options;
}

// The row of `line` as Row::toString, or "skipped", or "error: <message>".
std::string decode(const LogicalType& type, const std::string& line, const CsvFormatOptions& options = {}) {
  auto deserializer = CsvRowDeserializer::create(type, options);
  if (!deserializer.ok()) return "create error: " + deserializer.status().message();
  auto row = deserializer->deserialize(line);
  if (!row.ok()) return "error: " + row.status().message();
  return *row ? (*row)->toString() : "skipped";
}

std::string encode(const LogicalType& type, const Row& row, const CsvFormatOptions& options = {}) {
  auto serializer = CsvRowSerializer::create(type, options);
  if (!serializer.ok()) return "create error: " + serializer.status().message();
  auto line = serializer->serialize(row);
  return line.ok() ? *line : "error: " + line.status().message();
}

// Reads "BEGIN<d>csv<d>END", writes the row back, and returns the middle field's value as
// Row::toString shows it; the written line must equal the read one.
std::string roundTrip(LogicalType type, const std::string& csv, const CsvFormatOptions& options = nullLiteral()) {
  const std::string delimiter(1, options.field_delimiter);
  const std::string line = "BEGIN" + delimiter + csv + delimiter + "END";
  auto deserializer = CsvRowDeserializer::create(wrapped(type), options);
  EXPECT_TRUE(deserializer.ok()) << deserializer.status().toString();
  auto row = deserializer->deserialize(line);
  if (!row.ok()) return "error: " + row.status().message();
  EXPECT_TRUE(row->has_value());
  auto serializer = CsvRowSerializer::create(wrapped(type), options);
  EXPECT_TRUE(serializer.ok());
  auto written = serializer->serialize(**row);
  EXPECT_TRUE(written.ok()) << written.status().toString();
  EXPECT_EQ(*written, line);
  return (*row)->getField(1).toString();
}

TEST(CsvRowSerDeTest, EveryTypeRoundTripsAsFlinkWritesIt) {
  EXPECT_EQ(roundTrip(DataTypes::BIGINT(), "null"), "null");
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "null"), "null");
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "\"This is a test.\""), "This is a test.");
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "\"This is a test\n\r.\""), "This is a test\n\r.");
  EXPECT_EQ(roundTrip(DataTypes::BOOLEAN(), "true"), "true");
  EXPECT_EQ(roundTrip(DataTypes::TINYINT(), "124"), "124");
  EXPECT_EQ(roundTrip(DataTypes::SMALLINT(), "10000"), "10000");
  EXPECT_EQ(roundTrip(DataTypes::INT(), "1234567"), "1234567");
  EXPECT_EQ(roundTrip(DataTypes::BIGINT(), "12345678910"), "12345678910");
  EXPECT_EQ(roundTrip(DataTypes::FLOAT(), "0.33333334"), "0.33333334");
  EXPECT_EQ(roundTrip(DataTypes::DOUBLE(), "0.33333333332"), "0.33333333332");
  EXPECT_EQ(roundTrip(DataTypes::DECIMAL(38, 25), "\"1234.0000000000000000000000001\""),
            "1234.0000000000000000000000001");
  EXPECT_EQ(roundTrip(DataTypes::DECIMAL(38, 0), "\"123400000000000000000000000001\""),
            "123400000000000000000000000001");
  EXPECT_EQ(roundTrip(DataTypes::DATE(), "2018-10-12"), "2018-10-12");
  EXPECT_EQ(roundTrip(DataTypes::TIME(0), "12:12:12"), "12:12:12");
  EXPECT_EQ(roundTrip(DataTypes::TIMESTAMP(0), "\"2018-10-12 12:12:12\""), "2018-10-12T12:12:12");
  EXPECT_EQ(roundTrip(DataTypes::TIMESTAMP(3), "\"2018-10-12 12:12:12.123\""), "2018-10-12T12:12:12.123");
  EXPECT_EQ(roundTrip(DataTypes::TIMESTAMP_LTZ(0), "\"1970-01-01 00:02:03Z\""), "1970-01-01T00:02:03Z");
  EXPECT_EQ(roundTrip(DataTypes::TIMESTAMP_LTZ(3), "\"1970-01-01 00:02:03.456Z\""), "1970-01-01T00:02:03.456Z");
  EXPECT_EQ(roundTrip(DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::STRING()),
                                      DataTypes::FIELD("f1", DataTypes::INT()),
                                      DataTypes::FIELD("f2", DataTypes::BOOLEAN())}),
                      "Hello;42;false"),
            "+I[Hello, 42, false]");
  EXPECT_EQ(roundTrip(DataTypes::ARRAY(DataTypes::STRING()), "a;b;c"), "[a, b, c]");
  EXPECT_EQ(roundTrip(DataTypes::ARRAY(DataTypes::TINYINT()), "12;4;null"), "[12, 4, null]");
  EXPECT_EQ(roundTrip(DataTypes::BYTES(), "awML"), "[107, 3, 11]");
  EXPECT_EQ(roundTrip(DataTypes::TIME(3), "12:12:12.232"), "12:12:12.232");
  EXPECT_EQ(roundTrip(DataTypes::TIME(2), "12:12:12.23"), "12:12:12.230");
  EXPECT_EQ(roundTrip(DataTypes::TIME(1), "12:12:12.2"), "12:12:12.200");
}

TEST(CsvRowSerDeTest, CustomDelimiterQuoteAndEscape) {
  CsvFormatOptions options;
  options.escape_character = '*';
  options.quote_character = '\'';
  options.array_element_delimiter = ":";
  options.field_delimiter = ';';
  EXPECT_EQ(decode(wrapped(DataTypes::STRING()), "BEGIN;123*'4**;END", options), "+I[BEGIN, 123'4*, END]");
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "'123''4**'", options), "123'4*");
  EXPECT_EQ(decode(wrapped(DataTypes::STRING()), "BEGIN;'a;b*'c';END", options), "+I[BEGIN, a;b'c, END]");
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "'a;b''c'", options), "a;b'c");
  EXPECT_EQ(decode(wrapped(DataTypes::INT()), "BEGIN;       12          ;END", options), "+I[BEGIN, 12, END]");
  EXPECT_EQ(roundTrip(DataTypes::INT(), "12", options), "12");
  LogicalType pair = DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::STRING()), DataTypes::FIELD("f1", DataTypes::STRING())});
  EXPECT_EQ(decode(wrapped(pair), "BEGIN;1:hello;END", options), "+I[BEGIN, +I[1, hello], END]");
  EXPECT_EQ(roundTrip(pair, "'1:hello'", options), "+I[1, hello]");
  EXPECT_EQ(roundTrip(pair, "'1:hello world'", options), "+I[1, hello world]");
  // Without a null literal "null" is a string.
  EXPECT_EQ(roundTrip(DataTypes::STRING(), "null", options), "null");
  EXPECT_EQ(decode(wrapped(DataTypes::TIME(3)), "BEGIN;12:12:12.232342;END", options), "+I[BEGIN, 12:12:12.232, END]");
  EXPECT_EQ(decode(wrapped(DataTypes::TIME(2)), "BEGIN;12:12:12.232312;END", options), "+I[BEGIN, 12:12:12.230, END]");
  EXPECT_EQ(decode(wrapped(DataTypes::TIME(0)), "BEGIN;12:12:12.45;END", options), "+I[BEGIN, 12:12:12, END]");
  EXPECT_EQ(decode(wrapped(DataTypes::TIME(5)), "BEGIN;12:12:12.45;END", options),
            "create error: Csv does not support TIME type with precision: 5, it only supports precision 0 ~ 3.");
}

TEST(CsvRowSerDeTest, WriterQuotesAsJackson) {
  LogicalType type = wrapped(DataTypes::STRING());
  EXPECT_EQ(encode(type, Row::of("Test", "x", "Hello")), "Test,x,Hello");
  // Characters below ',' + 1 and values over 24 characters are quoted; quotes doubled.
  EXPECT_EQ(encode(type, Row::of("a b", "say \"hi\"", "0123456789012345678901234")),
            "\"a b\",\"say \"\"hi\"\"\",\"0123456789012345678901234\"");
  EXPECT_EQ(encode(type, Row::of("", Value(), "-.:;")), ",,-.:;");
  CsvFormatOptions hash_quote;
  hash_quote.quote_character = '#';
  EXPECT_EQ(encode(type, Row::of("Test", "12", "2019-12-26 12:12:12"), hash_quote), "Test,12,#2019-12-26 12:12:12#");
  CsvFormatOptions no_quote;
  no_quote.disable_quote_character = true;
  EXPECT_EQ(encode(type, Row::of("Test", "12", "2019-12-26 12:12:12"), no_quote), "Test,12,2019-12-26 12:12:12");
  // Numbers are never quoted; DECIMAL is text: "1E+2" has a '+'.
  LogicalType numbers = DataTypes::ROW({DataTypes::FIELD("d", DataTypes::DOUBLE()), DataTypes::FIELD("f", DataTypes::FLOAT()),
                                        DataTypes::FIELD("dec", DataTypes::DECIMAL(10, 2))});
  EXPECT_EQ(encode(numbers, Row::of(-1.5e-7, std::numeric_limits<float>::infinity(), types::Decimal::fromUnscaled(10000, 10, 2))),
            "-1.5E-7,Infinity,\"1E+2\"");
  CsvFormatOptions plain;
  plain.write_bigdecimal_in_scientific_notation = false;
  EXPECT_EQ(encode(numbers, Row::of(2.0, 0.5f, types::Decimal::fromUnscaled(10050, 10, 2)), plain), "2.0,0.5,100.5");
}

TEST(CsvRowSerDeTest, ParseErrorsNameTheField) {
  LogicalType type = wrapped(DataTypes::INT());
  EXPECT_EQ(decode(type, "Test,null,Test"),
            "error: Failed to deserialize CSV row 'Test,null,Test'. Caused by: Fail to deserialize at field: f1. "
            "Caused by: For input string: \"null\"");
  LogicalType three_ints = DataTypes::ROW({DataTypes::FIELD("f0", DataTypes::STRING()),
                                           DataTypes::FIELD("f1", DataTypes::INT()),
                                           DataTypes::FIELD("f2", DataTypes::INT())});
  EXPECT_EQ(decode(three_ints, "Test,1,Test"),
            "error: Failed to deserialize CSV row 'Test,1,Test'. Caused by: Fail to deserialize at field: f2. "
            "Caused by: For input string: \"Test\"");
  EXPECT_EQ(decode(type, "Test"),
            "error: Failed to deserialize CSV row 'Test'. Caused by: Row length mismatch. 3 fields expected but was 1.");
  EXPECT_EQ(decode(type, "Test,12,Test,Test"),
            "error: Failed to deserialize CSV row 'Test,12,Test,Test'. Caused by: Too many entries: expected at most 3 "
            "(value #3 (4 chars) \"Test\")");
  EXPECT_EQ(decode(type, "Test,\"12,Test"),
            "error: Failed to deserialize CSV row 'Test,\"12,Test'. Caused by: Missing closing quote for value");
  EXPECT_EQ(decode(wrapped(DataTypes::DATE()), "a,2018-13-01,b"),
            "error: Failed to deserialize CSV row 'a,2018-13-01,b'. Caused by: Fail to deserialize at field: f1. "
            "Caused by: java.lang.IllegalArgumentException");
  EXPECT_EQ(decode(wrapped(DataTypes::TIME(0)), "a,12:7,b"),
            "error: Failed to deserialize CSV row 'a,12:7,b'. Caused by: Fail to deserialize at field: f1. "
            "Caused by: Text '12:7' could not be parsed at index 3");
}

TEST(CsvRowSerDeTest, IgnoreParseErrorsAndComments) {
  LogicalType type = wrapped(DataTypes::INT());
  CsvFormatOptions ignore;
  ignore.ignore_parse_errors = true;
  EXPECT_EQ(decode(type, "Test,null,Test", ignore), "+I[Test, null, Test]");
  EXPECT_EQ(decode(type, "Test", ignore), "+I[Test, null, null]");
  EXPECT_EQ(decode(type, "Test,12,Test,Test", ignore), "skipped");
  EXPECT_EQ(decode(type, "#Test,12,Test"), "+I[#Test, 12, Test]");
  CsvFormatOptions comments = ignore;
  comments.allow_comments = true;
  EXPECT_EQ(decode(type, "#Test,12,Test", comments), "skipped");
  EXPECT_EQ(decode(type, ""), "skipped");
  // A trailing comma after the last column is allowed, as Jackson's ALLOW_TRAILING_COMMA.
  EXPECT_EQ(decode(type, "a,1,b,"), "+I[a, 1, b]");
  CsvFormatOptions no_quote;
  no_quote.disable_quote_character = true;
  EXPECT_EQ(decode(wrapped(DataTypes::STRING()), "BEGIN,\"abc,END", no_quote), "+I[BEGIN, \"abc, END]");
}

TEST(CsvRowSerDeTest, UnsupportedTypesAndBadOptions) {
  EXPECT_EQ(decode(DataTypes::ROW({DataTypes::FIELD("m", DataTypes::MAP(DataTypes::STRING(), DataTypes::INT()))}), "x"),
            "create error: Unsupported type 'MAP<STRING, INT>' for field 'm'.");
  EXPECT_EQ(encode(DataTypes::ROW({DataTypes::FIELD("a", DataTypes::ARRAY(DataTypes::ARRAY(DataTypes::INT())))}), Row::of(1)),
            "create error: Only simple types are supported in the second level nesting of fields 'a' but was: "
            "ARRAY<INT>");
  auto bad_delimiter = CsvFormatOptions::fromTableOptions({{"field-delimiter", ";;"}});
  EXPECT_EQ(bad_delimiter.status().message(), "Option 'csv.field-delimiter' must be a string with single character, but was: ;;");
  auto both_quotes = CsvFormatOptions::fromTableOptions({{"disable-quote-character", "true"}, {"quote-character", "'"}});
  EXPECT_EQ(both_quotes.status().message(),
            "Format cannot define a quote character and disabled quote character at the same time.");
  auto tab = CsvFormatOptions::fromTableOptions({{"field-delimiter", "\\t"}, {"null-literal", "N/A"}});
  ASSERT_TRUE(tab.ok()) << tab.status().toString();
  EXPECT_EQ(tab->field_delimiter, '\t');
  EXPECT_EQ(tab->null_literal, "N/A");
}

TEST(CsvRowSerDeTest, ColumnBatchRowsRoundTrip) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT()), DataTypes::FIELD("name", DataTypes::STRING())});
  auto deserializer = CsvRowDeserializer::create(type, nullLiteral());
  auto serializer = CsvRowSerializer::create(type, nullLiteral());
  ASSERT_TRUE(deserializer.ok() && serializer.ok());
  types::ColumnBatch batch(type);
  for (const char* line : {"1,a", "", "2,null", "3,\"x, y\""}) ASSERT_TRUE(deserializer->deserializeInto(line, batch).ok());
  ASSERT_EQ(batch.size(), 3u);
  std::string out;
  for (size_t i = 0; i < batch.size(); ++i) {
    ASSERT_TRUE(serializer->serialize(batch, i, out).ok());
    out += '\n';
  }
  EXPECT_EQ(out, "1,a\n2,null\n3,\"x, y\"\n");
}

}  // namespace
}  // namespace eddy::formats::csv
