#include "eddy/types/logical_type_parser.h"

#include <gtest/gtest.h>

#include "eddy/types/data_types.h"

namespace eddy::types {
namespace {

using DT = DataTypes;

LogicalType parsed(std::string_view text) {
  Result<LogicalType> type = LogicalTypeParser::parse(text);
  EXPECT_TRUE(type.ok()) << text << ": " << type.status().toString();
  return type.ok() ? *type : DT::NULL_TYPE();
}

std::string parseError(std::string_view text) {
  Result<LogicalType> type = LogicalTypeParser::parse(text);
  EXPECT_FALSE(type.ok()) << text;
  return type.ok() ? "" : type.status().toString();
}

TEST(LogicalTypeParserTest, AtomicTypesAndAliases) {
  EXPECT_EQ(parsed("INT"), DT::INT());
  EXPECT_EQ(parsed("integer"), DT::INT());
  EXPECT_EQ(parsed("BOOLEAN"), DT::BOOLEAN());
  EXPECT_EQ(parsed("TINYINT"), DT::TINYINT());
  EXPECT_EQ(parsed("SMALLINT"), DT::SMALLINT());
  EXPECT_EQ(parsed("BIGINT"), DT::BIGINT());
  EXPECT_EQ(parsed("FLOAT"), DT::FLOAT());
  EXPECT_EQ(parsed("DOUBLE"), DT::DOUBLE());
  EXPECT_EQ(parsed("DOUBLE PRECISION"), DT::DOUBLE());
  EXPECT_EQ(parsed("DATE"), DT::DATE());
  EXPECT_EQ(parsed("STRING"), DT::STRING());
  EXPECT_EQ(parsed("BYTES"), DT::BYTES());
  EXPECT_EQ(parsed("NULL"), DT::NULL_TYPE());
}

TEST(LogicalTypeParserTest, ParametersAndDefaults) {
  EXPECT_EQ(parsed("DECIMAL(10, 2)"), DT::DECIMAL(10, 2));
  EXPECT_EQ(parsed("DECIMAL"), DT::DECIMAL(10, 0));
  EXPECT_EQ(parsed("DEC(5)"), DT::DECIMAL(5, 0));
  EXPECT_EQ(parsed("NUMERIC(38,18)"), DT::DECIMAL(38, 18));
  EXPECT_EQ(parsed("VARCHAR(20)"), DT::VARCHAR(20));
  EXPECT_EQ(parsed("VARCHAR"), DT::VARCHAR(1));
  EXPECT_EQ(parsed("CHAR"), DT::CHAR(1));
  EXPECT_EQ(parsed("CHAR(3)"), DT::CHAR(3));
  EXPECT_EQ(parsed("BINARY(16)"), DT::BINARY(16));
  EXPECT_EQ(parsed("VARBINARY(2147483647)"), DT::BYTES());
  EXPECT_EQ(parsed("TIME"), DT::TIME(0));
  EXPECT_EQ(parsed("TIME(3) WITHOUT TIME ZONE"), DT::TIME(3));
  EXPECT_EQ(parsed("TIMESTAMP"), DT::TIMESTAMP(6));
  EXPECT_EQ(parsed("TIMESTAMP(3)"), DT::TIMESTAMP(3));
  EXPECT_EQ(parsed("TIMESTAMP(9) WITHOUT TIME ZONE"), DT::TIMESTAMP(9));
  EXPECT_EQ(parsed("TIMESTAMP_LTZ(3)"), DT::TIMESTAMP_LTZ(3));
  EXPECT_EQ(parsed("TIMESTAMP_LTZ"), DT::TIMESTAMP_LTZ(6));
  EXPECT_EQ(parsed("TIMESTAMP(3) WITH LOCAL TIME ZONE"), DT::TIMESTAMP_LTZ(3));
  EXPECT_EQ(parsed("timestamp with local time zone"), DT::TIMESTAMP_LTZ(6));
}

TEST(LogicalTypeParserTest, Nullability) {
  EXPECT_EQ(parsed("STRING NOT NULL"), DT::STRING().notNull());
  EXPECT_EQ(parsed("INT NULL"), DT::INT());
  EXPECT_EQ(parsed("int not null"), DT::INT().notNull());
}

TEST(LogicalTypeParserTest, Intervals) {
  EXPECT_EQ(parsed("INTERVAL DAY TO SECOND(3)"), DT::INTERVAL(DT::DAY(), DT::SECOND(3)));
  EXPECT_EQ(parsed("INTERVAL DAY(4) TO SECOND"), DT::INTERVAL(DT::DAY(4), DT::SECOND()));
  EXPECT_EQ(parsed("INTERVAL DAY"), DT::INTERVAL(DT::DAY()));
  EXPECT_EQ(parsed("INTERVAL DAY TO HOUR"), DT::INTERVAL(DT::DAY(), DT::HOUR()));
  EXPECT_EQ(parsed("INTERVAL DAY TO MINUTE"), DT::INTERVAL(DT::DAY(), DT::MINUTE()));
  EXPECT_EQ(parsed("INTERVAL HOUR"), DT::INTERVAL(DT::HOUR()));
  EXPECT_EQ(parsed("INTERVAL HOUR TO MINUTE"), DT::INTERVAL(DT::HOUR(), DT::MINUTE()));
  EXPECT_EQ(parsed("INTERVAL HOUR TO SECOND(1)"), DT::INTERVAL(DT::HOUR(), DT::SECOND(1)));
  EXPECT_EQ(parsed("INTERVAL MINUTE"), DT::INTERVAL(DT::MINUTE()));
  EXPECT_EQ(parsed("INTERVAL MINUTE TO SECOND"), DT::INTERVAL(DT::MINUTE(), DT::SECOND()));
  EXPECT_EQ(parsed("INTERVAL SECOND(3)"), DT::INTERVAL(DT::SECOND(3)));
  EXPECT_EQ(parsed("INTERVAL YEAR"), DT::INTERVAL(DT::YEAR()));
  EXPECT_EQ(parsed("INTERVAL YEAR(4) TO MONTH"), DT::INTERVAL(DT::YEAR(4), DT::MONTH()));
  EXPECT_EQ(parsed("INTERVAL MONTH"), DT::INTERVAL(DT::MONTH()));
}

TEST(LogicalTypeParserTest, NestedTypes) {
  EXPECT_EQ(parsed("ARRAY<INT>"), DT::ARRAY(DT::INT()));
  EXPECT_EQ(parsed("INT ARRAY"), DT::ARRAY(DT::INT()));
  EXPECT_EQ(parsed("INT NOT NULL ARRAY NOT NULL"), DT::ARRAY(DT::INT().notNull()).notNull());
  EXPECT_EQ(parsed("MULTISET<STRING>"), DT::MULTISET(DT::STRING()));
  EXPECT_EQ(parsed("STRING MULTISET"), DT::MULTISET(DT::STRING()));
  EXPECT_EQ(parsed("MAP<STRING,INT>"), DT::MAP(DT::STRING(), DT::INT()));
  EXPECT_EQ(parsed("MAP<STRING, ARRAY<BIGINT NOT NULL>>"), DT::MAP(DT::STRING(), DT::ARRAY(DT::BIGINT().notNull())));
  const LogicalType row = DT::ROW({DT::FIELD("a", DT::INT()), DT::FIELD("b", DT::STRING())});
  EXPECT_EQ(parsed("ROW<a INT, b STRING>"), row);
  EXPECT_EQ(parsed("ROW(a INT, b STRING)"), row);
  EXPECT_EQ(parsed("ROW<`a` INT, `b` STRING>"), row);
  EXPECT_EQ(parsed("ROW<>"), DT::ROW(std::vector<RowField>{}));
  EXPECT_EQ(parsed("ROW<`we``ird` INT 'it''s doc'>"), DT::ROW({DT::FIELD("we`ird", DT::INT(), "it's doc")}));
  EXPECT_EQ(parsed("ROW<a ROW<b MAP<INT, DECIMAL(5, 1)>> NOT NULL>"),
            DT::ROW({DT::FIELD("a", DT::ROW({DT::FIELD("b", DT::MAP(DT::INT(), DT::DECIMAL(5, 1)))}).notNull())}));
}

TEST(LogicalTypeParserTest, SerializableStringsRoundTrip) {
  const std::vector<LogicalType> types = {
      DT::STRING().notNull(),
      DT::BYTES(),
      DT::TIMESTAMP_LTZ(3),
      DT::INTERVAL(DT::DAY(6), DT::SECOND(9)),
      DT::INTERVAL(DT::YEAR(3), DT::MONTH()).notNull(),
      DT::ROW({DT::FIELD("a b", DT::ARRAY(DT::CHAR(2)), "the 'doc'"), DT::FIELD("m", DT::MULTISET(DT::DATE()))}),
  };
  for (const LogicalType& type : types) {
    EXPECT_EQ(parsed(type.asSerializableString()), type) << type.asSerializableString();
  }
}

// As in Flink, the position is where the last token before the failing one ends.
TEST(LogicalTypeParserTest, SyntaxErrorsNamePosition) {
  EXPECT_EQ(parseError("VARCHAR(x)"),
            "InvalidArgument: Could not parse type at position 8: <LITERAL_INT> expected but was <IDENTIFIER>.\n"
            " Input type string: VARCHAR(x)");
  EXPECT_EQ(parseError("MAP<INT>"),
            "InvalidArgument: Could not parse type at position 7: <LIST_SEPARATOR> expected but was <END_SUBTYPE>.\n"
            " Input type string: MAP<INT>");
  EXPECT_EQ(parseError("ARRAY<INT"),
            "InvalidArgument: Could not parse type at position 6: Unexpected end.\n Input type string: ARRAY<INT");
  EXPECT_EQ(parseError("INT INT"),
            "InvalidArgument: Could not parse type at position 3: Unexpected token: INT\n Input type string: INT INT");
  EXPECT_EQ(parseError(""), "InvalidArgument: Could not parse type at position 0: Unexpected end.\n Input type string: ");
  EXPECT_EQ(parseError("TIMESTAMP(3) WITH LOCAL ZONE"),
            "InvalidArgument: Could not parse type at position 23: Keyword 'TIME' expected but was 'ZONE'.\n"
            " Input type string: TIMESTAMP(3) WITH LOCAL ZONE");
  EXPECT_EQ(parseError("INTERVAL DAY TO YEAR"),
            "InvalidArgument: Could not parse type at position 15: Invalid day-time interval resolution.\n"
            " Input type string: INTERVAL DAY TO YEAR");
  EXPECT_EQ(parseError("VARCHAR(99999999999)"),
            "InvalidArgument: Could not parse type at position 8: Invalid integer value.\n"
            " Input type string: VARCHAR(99999999999)");
}

TEST(LogicalTypeParserTest, InvalidParametersNamePosition) {
  EXPECT_EQ(parseError("DECIMAL(39, 2)"),
            "InvalidArgument: Could not parse type at position 13: Decimal precision must be between 1 and 38 (both "
            "inclusive).\n Input type string: DECIMAL(39, 2)");
  EXPECT_EQ(parseError("DECIMAL(5, 6)"),
            "InvalidArgument: Could not parse type at position 12: Decimal scale must be between 0 and the precision 5 "
            "(both inclusive).\n Input type string: DECIMAL(5, 6)");
  EXPECT_EQ(parseError("VARCHAR(0)"),
            "InvalidArgument: Could not parse type at position 9: Variable character string length must be between 1 "
            "and 2147483647 (both inclusive).\n Input type string: VARCHAR(0)");
  EXPECT_EQ(parseError("TIMESTAMP(10)"),
            "InvalidArgument: Could not parse type at position 12: Timestamp precision must be between 0 and 9 (both "
            "inclusive).\n Input type string: TIMESTAMP(10)");
  EXPECT_EQ(parseError("ROW<a INT, a STRING>"),
            "InvalidArgument: Could not parse type at position 19: Field names must be unique. Found duplicates: "
            "[a]\n Input type string: ROW<a INT, a STRING>");
  EXPECT_EQ(parseError("NULL NOT NULL"),
            "InvalidArgument: Could not parse type at position 8: The nullability of a NULL type cannot be disabled "
            "because the type must always be able to contain a null value.\n Input type string: NULL NOT NULL");
}

TEST(LogicalTypeParserTest, TypesEddyDoesNotRunAreNotSupported) {
  EXPECT_EQ(parseError("RAW('java.lang.Object', 'abc')"),
            "NotSupported: Could not parse type at position 0: Type 'RAW' is not supported.\n"
            " Input type string: RAW('java.lang.Object', 'abc')");
  EXPECT_EQ(parseError("TIMESTAMP(3) WITH TIME ZONE"),
            "NotSupported: Could not parse type at position 22: Type 'TIMESTAMP WITH TIME ZONE' is not supported.\n"
            " Input type string: TIMESTAMP(3) WITH TIME ZONE");
  EXPECT_EQ(parseError("cat.db.MyType"),
            "NotSupported: Could not parse type at position 0: Type 'cat' is not supported.\n"
            " Input type string: cat.db.MyType");
}

}  // namespace
}  // namespace eddy::types
