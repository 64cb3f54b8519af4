#include "eddy/types/logical_type.h"

#include <gtest/gtest.h>

#include "eddy/types/data_types.h"

namespace eddy::types {
namespace {

using DT = DataTypes;

TEST(LogicalTypeTest, SummaryStringsOfAtomicTypes) {
  EXPECT_EQ(DT::BOOLEAN().asSummaryString(), "BOOLEAN");
  EXPECT_EQ(DT::TINYINT().asSummaryString(), "TINYINT");
  EXPECT_EQ(DT::SMALLINT().asSummaryString(), "SMALLINT");
  EXPECT_EQ(DT::INT().asSummaryString(), "INT");
  EXPECT_EQ(DT::INT().notNull().asSummaryString(), "INT NOT NULL");
  EXPECT_EQ(DT::BIGINT().asSummaryString(), "BIGINT");
  EXPECT_EQ(DT::FLOAT().asSummaryString(), "FLOAT");
  EXPECT_EQ(DT::DOUBLE().asSummaryString(), "DOUBLE");
  EXPECT_EQ(DT::DECIMAL(10, 2).asSummaryString(), "DECIMAL(10, 2)");
  EXPECT_EQ(DT::CHAR(3).asSummaryString(), "CHAR(3)");
  EXPECT_EQ(DT::VARCHAR(5).asSummaryString(), "VARCHAR(5)");
  EXPECT_EQ(DT::STRING().asSummaryString(), "STRING");
  EXPECT_EQ(DT::STRING().notNull().asSummaryString(), "STRING NOT NULL");
  EXPECT_EQ(DT::BINARY(4).asSummaryString(), "BINARY(4)");
  EXPECT_EQ(DT::VARBINARY(8).asSummaryString(), "VARBINARY(8)");
  EXPECT_EQ(DT::BYTES().asSummaryString(), "BYTES");
  EXPECT_EQ(DT::DATE().asSummaryString(), "DATE");
  EXPECT_EQ(DT::TIME().asSummaryString(), "TIME(0)");
  EXPECT_EQ(DT::TIME(3).asSummaryString(), "TIME(3)");
  EXPECT_EQ(DT::TIMESTAMP().asSummaryString(), "TIMESTAMP(6)");
  EXPECT_EQ(DT::TIMESTAMP(3).asSummaryString(), "TIMESTAMP(3)");
  EXPECT_EQ(DT::TIMESTAMP_LTZ(3).asSummaryString(), "TIMESTAMP_LTZ(3)");
  EXPECT_EQ(DT::NULL_TYPE().asSummaryString(), "NULL");
}

TEST(LogicalTypeTest, SerializableStrings) {
  EXPECT_EQ(DT::STRING().asSerializableString(), "VARCHAR(2147483647)");
  EXPECT_EQ(DT::BYTES().notNull().asSerializableString(), "VARBINARY(2147483647) NOT NULL");
  EXPECT_EQ(DT::TIMESTAMP_LTZ(3).asSerializableString(), "TIMESTAMP(3) WITH LOCAL TIME ZONE");
  EXPECT_EQ(DT::MAP(DT::STRING(), DT::BIGINT()).asSerializableString(), "MAP<VARCHAR(2147483647), BIGINT>");
  EXPECT_EQ(DT::ROW({DT::FIELD("a", DT::INT(), "it's a")}).asSerializableString(), "ROW<`a` INT 'it''s a'>");
}

TEST(LogicalTypeTest, TimeAttributesInSummary) {
  EXPECT_EQ(DT::TIMESTAMP(3).withTimestampKind(TimestampKind::ROWTIME).asSummaryString(), "TIMESTAMP(3) *ROWTIME*");
  EXPECT_EQ(DT::TIMESTAMP_LTZ(3).notNull().withTimestampKind(TimestampKind::PROCTIME).asSummaryString(),
            "TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*");
  EXPECT_EQ(DT::TIMESTAMP(3).withTimestampKind(TimestampKind::ROWTIME).asSerializableString(), "TIMESTAMP(3)");
}

TEST(LogicalTypeTest, IntervalStrings) {
  EXPECT_EQ(DT::INTERVAL(DT::YEAR()).asSummaryString(), "INTERVAL YEAR(2)");
  EXPECT_EQ(DT::INTERVAL(DT::YEAR(4), DT::MONTH()).asSummaryString(), "INTERVAL YEAR(4) TO MONTH");
  EXPECT_EQ(DT::INTERVAL(DT::MONTH()).asSummaryString(), "INTERVAL MONTH");
  EXPECT_EQ(DT::INTERVAL(DT::DAY()).asSummaryString(), "INTERVAL DAY(2)");
  EXPECT_EQ(DT::INTERVAL(DT::DAY(3), DT::HOUR()).asSummaryString(), "INTERVAL DAY(3) TO HOUR");
  EXPECT_EQ(DT::INTERVAL(DT::DAY(), DT::MINUTE()).asSummaryString(), "INTERVAL DAY(2) TO MINUTE");
  EXPECT_EQ(DT::INTERVAL(DT::DAY(), DT::SECOND(3)).asSummaryString(), "INTERVAL DAY(2) TO SECOND(3)");
  EXPECT_EQ(DT::INTERVAL(DT::HOUR()).asSummaryString(), "INTERVAL HOUR");
  EXPECT_EQ(DT::INTERVAL(DT::HOUR(), DT::MINUTE()).asSummaryString(), "INTERVAL HOUR TO MINUTE");
  EXPECT_EQ(DT::INTERVAL(DT::HOUR(), DT::SECOND(0)).asSummaryString(), "INTERVAL HOUR TO SECOND(0)");
  EXPECT_EQ(DT::INTERVAL(DT::MINUTE()).asSummaryString(), "INTERVAL MINUTE");
  EXPECT_EQ(DT::INTERVAL(DT::MINUTE(), DT::SECOND()).asSummaryString(), "INTERVAL MINUTE TO SECOND(6)");
  EXPECT_EQ(DT::INTERVAL(DT::SECOND(9)).notNull().asSummaryString(), "INTERVAL SECOND(9) NOT NULL");
}

TEST(LogicalTypeTest, SummaryStringsOfNestedTypes) {
  EXPECT_EQ(DT::ARRAY(DT::INT()).asSummaryString(), "ARRAY<INT>");
  EXPECT_EQ(DT::ARRAY(DT::INT().notNull()).notNull().asSummaryString(), "ARRAY<INT NOT NULL> NOT NULL");
  EXPECT_EQ(DT::MULTISET(DT::STRING()).asSummaryString(), "MULTISET<STRING>");
  EXPECT_EQ(DT::MAP(DT::STRING(), DT::BIGINT()).asSummaryString(), "MAP<STRING, BIGINT>");
  EXPECT_EQ(DT::ROW({DT::FIELD("a", DT::INT()), DT::FIELD("b", DT::STRING())}).asSummaryString(),
            "ROW<`a` INT, `b` STRING>");
  EXPECT_EQ(DT::ROW({DT::FIELD("we`ird", DT::INT(), "doc")}).asSummaryString(), "ROW<`we``ird` INT '...'>");
  EXPECT_EQ(DT::ROW(std::vector<LogicalType>{DT::INT(), DT::ARRAY(DT::DOUBLE())}).asSummaryString(),
            "ROW<`f0` INT, `f1` ARRAY<DOUBLE>>");
  EXPECT_EQ(DT::ROW(std::vector<RowField>{}).asSummaryString(), "ROW<>");
}

TEST(LogicalTypeTest, EqualityIsByValue) {
  EXPECT_EQ(DT::DECIMAL(10, 2), DT::DECIMAL(10, 2));
  EXPECT_NE(DT::DECIMAL(10, 2), DT::DECIMAL(10, 3));
  EXPECT_NE(DT::INT(), DT::INT().notNull());
  EXPECT_EQ(DT::INT().notNull().nullable(), DT::INT());
  EXPECT_NE(DT::VARCHAR(5), DT::CHAR(5));
  EXPECT_EQ(DT::ROW({DT::FIELD("a", DT::ARRAY(DT::INT()))}), DT::ROW({DT::FIELD("a", DT::ARRAY(DT::INT()))}));
  EXPECT_NE(DT::ROW({DT::FIELD("a", DT::INT())}), DT::ROW({DT::FIELD("b", DT::INT())}));
  EXPECT_NE(DT::ROW({DT::FIELD("a", DT::INT())}), DT::ROW({DT::FIELD("a", DT::INT(), "x")}));
  EXPECT_NE(DT::TIMESTAMP(3), DT::TIMESTAMP(3).withTimestampKind(TimestampKind::ROWTIME));
}

TEST(LogicalTypeTest, Accessors) {
  const LogicalType row = DT::ROW({DT::FIELD("id", DT::BIGINT()), DT::FIELD("tags", DT::MAP(DT::STRING(), DT::INT()))});
  EXPECT_EQ(row.fieldCount(), 2u);
  EXPECT_EQ(row.fieldNames(), (std::vector<std::string>{"id", "tags"}));
  EXPECT_EQ(row.fieldIndex("tags"), 1);
  EXPECT_EQ(row.fieldIndex("nope"), -1);
  EXPECT_EQ(row.typeAt(1).keyType(), DT::STRING());
  EXPECT_EQ(row.typeAt(1).valueType(), DT::INT());
  EXPECT_EQ(DT::ARRAY(DT::DATE()).elementType(), DT::DATE());
  EXPECT_EQ(DT::DECIMAL(12, 4).precision(), 12);
  EXPECT_EQ(DT::DECIMAL(12, 4).scale(), 4);
  EXPECT_EQ(DT::VARCHAR(7).length(), 7);
  EXPECT_EQ(DT::INTERVAL(DT::DAY(3), DT::SECOND(2)).dayTimeResolution(), DayTimeResolution::DAY_TO_SECOND);
  EXPECT_EQ(DT::INTERVAL(DT::DAY(3), DT::SECOND(2)).dayPrecision(), 3);
  EXPECT_EQ(DT::INTERVAL(DT::DAY(3), DT::SECOND(2)).fractionalPrecision(), 2);
  EXPECT_EQ(row.children(), (std::vector<LogicalType>{DT::BIGINT(), DT::MAP(DT::STRING(), DT::INT())}));
}

TEST(LogicalTypeDeathTest, InvalidFactoryParametersAbort) {
  EXPECT_DEATH(DT::DECIMAL(39, 0), "Decimal precision must be between 1 and 38 \\(both inclusive\\)\\.");
  EXPECT_DEATH(DT::ROW({DT::FIELD("a", DT::INT()), DT::FIELD("a", DT::INT())}),
               "Field names must be unique. Found duplicates: \\[a\\]");
  EXPECT_DEATH(DT::NULL_TYPE().notNull(), "NULL_TYPE");
}

}  // namespace
}  // namespace eddy::types
