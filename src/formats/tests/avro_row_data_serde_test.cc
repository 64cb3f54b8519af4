#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "eddy/formats/avro/avro_row_data_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_serialization_schema.h"
#include "eddy/formats/avro/avro_schema_converter.h"
#include "eddy/types/data_types.h"

namespace eddy::formats::avro {
namespace {

using types::DataTypes;
using types::Decimal;
using types::LogicalType;
using types::Row;
using types::TimestampData;
using types::Value;

std::string hex(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x} ", c);
  if (!out.empty()) out.pop_back();
  return out;
}

std::string readerSchema(const LogicalType& type) { return *AvroSchemaConverter::convertToSchema(type.notNull()); }

std::string encode(const LogicalType& type, const Row& row, AvroFormatOptions options = {}) {
  auto schema = AvroRowDataSerializationSchema::create(type, options);
  EXPECT_TRUE(schema.ok()) << schema.status().toString();
  auto bytes = schema->serialize(row);
  return bytes.ok() ? hex(*bytes) : "error: " + bytes.status().message();
}

// Serializes and deserializes `row`, and returns what came back (or the error).
std::string roundTrip(const LogicalType& type, const Row& row, AvroFormatOptions options = {}) {
  auto writer = AvroRowDataSerializationSchema::create(type, options);
  auto reader = AvroRowDataDeserializationSchema::create(type, options);
  EXPECT_TRUE(writer.ok() && reader.ok());
  auto bytes = writer->serialize(row);
  if (!bytes.ok()) return "error: " + bytes.status().message();
  auto back = reader->deserialize(*bytes);
  if (!back.ok()) return "error: " + back.status().message();
  EXPECT_EQ(*back, row);
  return back->toString();
}

LogicalType allTypes() {
  return DataTypes::ROW(
      {DataTypes::FIELD("f_boolean", DataTypes::BOOLEAN()), DataTypes::FIELD("f_tinyint", DataTypes::TINYINT()),
       DataTypes::FIELD("f_smallint", DataTypes::SMALLINT()), DataTypes::FIELD("f_int", DataTypes::INT().notNull()),
       DataTypes::FIELD("f_bigint", DataTypes::BIGINT()), DataTypes::FIELD("f_float", DataTypes::FLOAT()),
       DataTypes::FIELD("f_double", DataTypes::DOUBLE()), DataTypes::FIELD("f_string", DataTypes::STRING()),
       DataTypes::FIELD("f_bytes", DataTypes::BYTES()), DataTypes::FIELD("f_decimal", DataTypes::DECIMAL(20, 4)),
       DataTypes::FIELD("f_date", DataTypes::DATE()), DataTypes::FIELD("f_time", DataTypes::TIME(3)),
       DataTypes::FIELD("f_timestamp", DataTypes::TIMESTAMP(3)),
       DataTypes::FIELD("f_row", DataTypes::ROW({DataTypes::FIELD("a", DataTypes::STRING()),
                                                 DataTypes::FIELD("b", DataTypes::ARRAY(DataTypes::INT()))})),
       DataTypes::FIELD("f_array", DataTypes::ARRAY(DataTypes::STRING())),
       DataTypes::FIELD("f_map", DataTypes::MAP(DataTypes::STRING(), DataTypes::BIGINT())),
       DataTypes::FIELD("f_multiset", DataTypes::MULTISET(DataTypes::STRING()))});
}

TEST(AvroRowDataSerdeTest, RoundTripOfEveryType) {
  Row row = Row::of(
      true, int8_t{-7}, int16_t{300}, int32_t{-42}, int64_t{1} << 40, 1.5f, -2.25, "héllo", Value::bytes(std::string("\x00\xff", 2)),
      Decimal::fromUnscaled(-123456789, 20, 4), Value::date(19724), Value::time(45296789),
      Value::timestamp(TimestampData::fromEpochMillis(1704198896789)),
      Value::row(Row::of("x", Value::array({int32_t{1}, Value(), int32_t{3}}))), Value::array({"a", Value(), "c"}),
      Value::map({{"k1", int64_t{1}}, {"k2", Value()}}), Value::map({{"m", int32_t{2}}}));
  EXPECT_EQ(roundTrip(allTypes(), row),
            "+I[true, -7, 300, -42, 1099511627776, 1.5, -2.25, héllo, [0, -1], -12345.6789, 2024-01-02, 12:34:56.789, "
            "2024-01-02T12:34:56.789, +I[x, [1, null, 3]], [a, null, c], {k1=1, k2=null}, {m=2}]");
}

TEST(AvroRowDataSerdeTest, RoundTripOfNulls) {
  Row row = Row::withPositions(types::RowKind::INSERT, 17);
  row.setField(3, int32_t{0});
  EXPECT_EQ(roundTrip(allTypes(), row),
            "+I[null, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, null]");
  EXPECT_EQ(encode(allTypes(), Row::withPositions(types::RowKind::INSERT, 17)),
            "error: Failed to serialize row. Caused by: The NOT NULL field 'f_int' is null");
}

TEST(AvroRowDataSerdeTest, TimestampsWithTheCorrectedMapping) {
  AvroFormatOptions corrected;
  corrected.legacy_timestamp_mapping = false;
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("ts6", DataTypes::TIMESTAMP(6)),
                                     DataTypes::FIELD("ltz3", DataTypes::TIMESTAMP_LTZ(3)),
                                     DataTypes::FIELD("ts9", DataTypes::TIMESTAMP(9))});
  Row row = Row::of(Value::timestamp(TimestampData::fromEpochMillis(-1, 123000)),
                    Value::timestampLtz(TimestampData::fromEpochMillis(1000)),
                    Value::timestamp(TimestampData::fromEpochMillis(5, 999999)));
  EXPECT_EQ(roundTrip(type, row, corrected),
            "+I[1969-12-31T23:59:59.999123, 1970-01-01T00:00:01Z, 1970-01-01T00:00:00.005999999]");
  // -1 ms + 123 µs = -877 µs: zig-zag 1753 = d9 0d.
  EXPECT_EQ(encode(DataTypes::ROW({DataTypes::FIELD("ts6", DataTypes::TIMESTAMP(6).notNull())}),
                   Row::of(Value::timestamp(TimestampData::fromEpochMillis(-1, 123000))), corrected),
            "d9 0d");
}

// Hand-computed Avro binary: int -3 is zig-zag 5; the union ["null","string"] writes branch 1
// (zig-zag 2) then the length 2 (zig-zag 4) and the bytes; long 300 is zig-zag 600 = d8 04;
// a null is branch 0.
TEST(AvroRowDataSerdeTest, ExactBytesOfASmallRecord) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT().notNull()),
                                     DataTypes::FIELD("name", DataTypes::STRING()),
                                     DataTypes::FIELD("score", DataTypes::BIGINT()),
                                     DataTypes::FIELD("tags", DataTypes::ARRAY(DataTypes::INT().notNull()).notNull())});
  EXPECT_EQ(encode(type, Row::of(int32_t{-3}, "ab", int64_t{300}, Value::array({int32_t{1}, int32_t{-1}}))),
            "05 02 04 61 62 02 d8 04 04 02 01 00");
  EXPECT_EQ(encode(type, Row::of(int32_t{1}, Value(), Value(), Value::array({}))), "02 00 00 00");
  // A copy (a sink's clone) writes the same bytes through its own record.
  auto writer = AvroRowDataSerializationSchema::create(type);
  ASSERT_TRUE(writer.ok());
  const AvroRowDataSerializationSchema copy = *writer;
  EXPECT_EQ(hex(*copy.serialize(Row::of(int32_t{1}, Value(), Value(), Value::array({int32_t{2}})))), "02 00 00 02 04 00");
  EXPECT_EQ(copy.schema(), writer->schema());
  auto reader = AvroRowDataDeserializationSchema::create(type);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->deserialize(std::string("\x05\x02\x04" "ab\x02\xd8\x04\x04\x02\x01\x00", 12))->toString(),
            "+I[-3, ab, 300, [1, -1]]");
}

// DECIMAL as Java's BigInteger#toByteArray: big-endian two's complement, fewest bytes.
TEST(AvroRowDataSerdeTest, DecimalBytes) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("d", DataTypes::DECIMAL(5, 2).notNull())});
  auto bytesOf = [&](__int128 unscaled) { return encode(type, Row::of(Decimal::fromUnscaled(unscaled, 5, 2))); };
  EXPECT_EQ(bytesOf(0), "02 00");
  EXPECT_EQ(bytesOf(100), "02 64");
  EXPECT_EQ(bytesOf(128), "04 00 80");
  EXPECT_EQ(bytesOf(-128), "02 80");
  EXPECT_EQ(bytesOf(-129), "04 ff 7f");
  EXPECT_EQ(roundTrip(type, Row::of(Decimal::fromUnscaled(-99999, 5, 2))), "+I[-999.99]");
}

TEST(AvroRowDataSerdeTest, OlderWriterSchemaIsResolved) {
  // Flink's AvroSchemaConverterTest#testAddingOptionalField: the reader has a field the writer
  // lacked, the writer a field the reader dropped, and an int the reader reads as long.
  const std::string writer_schema =
      R"({"type":"record","name":"record","fields":[{"name":"category_id","type":"int"},)"
      R"({"name":"dropped","type":"string"},{"name":"name","type":["null","string"],"default":null}]})";
  std::string old_record;
  {
    LogicalType old_type = DataTypes::ROW({DataTypes::FIELD("category_id", DataTypes::INT().notNull()),
                                           DataTypes::FIELD("dropped", DataTypes::STRING().notNull()),
                                           DataTypes::FIELD("name", DataTypes::STRING())});
    auto writer = AvroRowDataSerializationSchema::create(old_type, writer_schema);
    ASSERT_TRUE(writer.ok()) << writer.status().toString();
    ASSERT_TRUE(writer->serialize(Row::of(int32_t{1}, "gone", "test"), old_record).ok());
  }
  LogicalType type = DataTypes::ROW(
      {DataTypes::FIELD("category_id", DataTypes::BIGINT().notNull()), DataTypes::FIELD("name", DataTypes::STRING()),
       DataTypes::FIELD("description", DataTypes::STRING()),
       DataTypes::FIELD("extra", DataTypes::ROW({DataTypes::FIELD("x", DataTypes::INT())}))});
  auto reader_schema = readerSchema(type);
  auto reader = AvroRowDataDeserializationSchema::create(type, reader_schema, writer_schema);
  ASSERT_TRUE(reader.ok()) << reader.status().toString();
  EXPECT_EQ(reader->deserialize(old_record)->toString(), "+I[1, test, null, null]");
  EXPECT_EQ(reader->deserialize(old_record)->toString(), "+I[1, test, null, null]");

  // A NOT NULL reader field the writer lacks has no default.
  LogicalType strict = DataTypes::ROW({DataTypes::FIELD("category_id", DataTypes::BIGINT().notNull()),
                                       DataTypes::FIELD("description", DataTypes::STRING().notNull())});
  EXPECT_EQ(AvroRowDataDeserializationSchema::create(strict, readerSchema(strict), writer_schema)
                .status()
                .message(),
            "The writer schema does not resolve to the reader schema: The Avro record record has no field "
            "'description', and the NOT NULL field of type STRING NOT NULL has no default");
}

TEST(AvroRowDataSerdeTest, MalformedRecordsFailClearly) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT().notNull()),
                                     DataTypes::FIELD("name", DataTypes::STRING().notNull())});
  auto reader = AvroRowDataDeserializationSchema::create(type);
  ASSERT_TRUE(reader.ok());
  // Truncated: the string says 3 bytes, 2 follow.
  EXPECT_EQ(reader->deserialize(std::string("\x02\x06" "ab", 4)).status().message(),
            "Failed to deserialize Avro record. Caused by: Cannot read string value: Cannot read 3 bytes from memory "
            "buffer");
  EXPECT_EQ(reader->deserialize("").status().message(),
            "Failed to deserialize Avro record. Caused by: Cannot read int value: Cannot read 1 bytes from memory "
            "buffer");
  // A length beyond any buffer fails without a crash.
  EXPECT_FALSE(reader->deserialize(std::string("\x02\xfe\xff\xff\xff\xff\xff\xff\xff\x7f", 10)).ok());
  // The reader still works afterwards.
  EXPECT_EQ(reader->deserialize(std::string("\x02\x04" "ab", 4))->toString(), "+I[1, ab]");
}

}  // namespace
}  // namespace eddy::formats::avro
