#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "eddy/formats/raw/raw_format_deserializer.h"
#include "eddy/formats/raw/raw_format_serializer.h"
#include "eddy/types/data_types.h"

namespace eddy::formats::raw {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::Value;

LogicalType one(LogicalType type) { return DataTypes::ROW({DataTypes::FIELD("v", std::move(type))}); }

std::string decode(const LogicalType& field, std::optional<std::string_view> message, RawFormatOptions options = {}) {
  auto deserializer = RawFormatDeserializer::create(one(field), options);
  EXPECT_TRUE(deserializer.ok()) << deserializer.status().toString();
  auto row = deserializer->deserialize(message);
  return row.ok() ? row->toString() : "error: " + row.status().message();
}

std::string encode(const LogicalType& field, const Row& row, RawFormatOptions options = {}) {
  auto serializer = RawFormatSerializer::create(one(field), options);
  EXPECT_TRUE(serializer.ok()) << serializer.status().toString();
  std::string out;
  auto written = serializer->serialize(row, out);
  if (!written.ok()) return "error: " + written.status().message();
  return *written ? out : "null";
}

RawFormatOptions littleEndian() {
  RawFormatOptions options;
  options.big_endian = false;
  return options;
}

TEST(RawFormatTest, StringsAndBytesAreTheMessage) {
  EXPECT_EQ(decode(DataTypes::STRING(), std::string_view("héllo, world")), "+I[héllo, world]");
  EXPECT_EQ(decode(DataTypes::BYTES(), std::string_view("\x01\x02", 2)), "+I[[1, 2]]");
  EXPECT_EQ(encode(DataTypes::STRING(), Row::of("abc")), "abc");
  EXPECT_EQ(encode(DataTypes::BYTES(), Row::of(Value::bytes(std::string("\0\xff", 2)))), std::string("\0\xff", 2));
}

TEST(RawFormatTest, NullMessageIsNullField) {
  EXPECT_EQ(decode(DataTypes::STRING(), std::nullopt), "+I[null]");
  EXPECT_EQ(encode(DataTypes::STRING(), Row::of(Value())), "null");
}

TEST(RawFormatTest, NumbersInBothByteOrders) {
  EXPECT_EQ(decode(DataTypes::INT(), std::string_view("\x00\x00\x01\x02", 4)), "+I[258]");
  EXPECT_EQ(decode(DataTypes::INT(), std::string_view("\x02\x01\x00\x00", 4), littleEndian()), "+I[258]");
  EXPECT_EQ(decode(DataTypes::BIGINT(), std::string_view("\xff\xff\xff\xff\xff\xff\xff\xfe", 8)), "+I[-2]");
  EXPECT_EQ(decode(DataTypes::SMALLINT(), std::string_view("\x80\x00", 2)), "+I[-32768]");
  EXPECT_EQ(decode(DataTypes::TINYINT(), std::string_view("\x7f", 1)), "+I[127]");
  EXPECT_EQ(decode(DataTypes::BOOLEAN(), std::string_view("\x01", 1)), "+I[true]");
  EXPECT_EQ(decode(DataTypes::DOUBLE(), std::string_view("\x3f\xf8\x00\x00\x00\x00\x00\x00", 8)), "+I[1.5]");
  EXPECT_EQ(decode(DataTypes::FLOAT(), std::string_view("\x00\x00\xc0\x3f", 4), littleEndian()), "+I[1.5]");
  EXPECT_EQ(encode(DataTypes::INT(), Row::of(int32_t{258})), std::string("\x00\x00\x01\x02", 4));
  EXPECT_EQ(encode(DataTypes::INT(), Row::of(int32_t{258}), littleEndian()), std::string("\x02\x01\x00\x00", 4));
  EXPECT_EQ(encode(DataTypes::DOUBLE(), Row::of(1.5)), std::string("\x3f\xf8\x00\x00\x00\x00\x00\x00", 8));
}

TEST(RawFormatTest, WrongSizeFails) {
  EXPECT_EQ(decode(DataTypes::INT(), std::string_view("abc")),
            "error: Could not deserialize a INT from 3 bytes: the raw format expects 4 bytes.");
}

TEST(RawFormatTest, SchemaChecksWithFlinksMessages) {
  auto two = RawFormatDeserializer::create(
      DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT()), DataTypes::FIELD("b", DataTypes::STRING())}));
  EXPECT_EQ(two.status().message(),
            "The 'raw' format only supports single physical column. However the defined schema contains multiple "
            "physical columns: [`a` INT, `b` STRING]");
  auto date = RawFormatSerializer::create(one(DataTypes::DATE()));
  EXPECT_EQ(date.status().message(), "The 'raw' format doesn't supports 'DATE' as column type.");
}

TEST(RawFormatTest, OptionsWithFlinksMessages) {
  auto little = RawFormatOptions::fromTableOptions({{"endianness", "Little-Endian"}, {"charset", "utf-8"}});
  ASSERT_TRUE(little.ok());
  EXPECT_FALSE(little->big_endian);
  EXPECT_EQ(RawFormatOptions::fromTableOptions({{"endianness", "middle"}}).status().message(),
            "Unsupported endianness name: middle. Valid values of 'raw.endianness' option are 'big-endian' and "
            "'little-endian'.");
  EXPECT_EQ(RawFormatOptions::fromTableOptions({{"charset", "nope"}}).status().message(),
            "Unsupported 'raw.charset' name: nope.");
  EXPECT_EQ(RawFormatOptions::fromTableOptions({{"charset", "ISO-8859-1"}}).status().code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace eddy::formats::raw
