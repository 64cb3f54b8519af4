#include "eddy/types/row.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace eddy::types {
namespace {

TEST(RowKindTest, ShortStringsAndByteValuesAreFlinks) {
  EXPECT_EQ(shortString(RowKind::INSERT), "+I");
  EXPECT_EQ(shortString(RowKind::UPDATE_BEFORE), "-U");
  EXPECT_EQ(shortString(RowKind::UPDATE_AFTER), "+U");
  EXPECT_EQ(shortString(RowKind::DELETE), "-D");
  EXPECT_EQ(toByteValue(RowKind::INSERT), 0);
  EXPECT_EQ(toByteValue(RowKind::DELETE), 3);
  EXPECT_EQ(*rowKindFromByteValue(2), RowKind::UPDATE_AFTER);
  EXPECT_EQ(*rowKindFromShortString("-U"), RowKind::UPDATE_BEFORE);
  EXPECT_EQ(rowKindFromByteValue(4).status().toString(), "InvalidArgument: Unsupported byte value '4' for row kind.");
  EXPECT_EQ(rowKindFromShortString("+X").status().toString(),
            "InvalidArgument: Unsupported short string '+X' for row kind.");
}

TEST(RowTest, ToStringAsFlink) {
  EXPECT_EQ(Row::of(1, "abc", Value()).toString(), "+I[1, abc, null]");
  EXPECT_EQ(Row::ofKind(RowKind::UPDATE_BEFORE, int64_t{7}).toString(), "-U[7]");
  EXPECT_EQ(Row::ofKind(RowKind::UPDATE_AFTER).toString(), "+U[]");
  EXPECT_EQ(Row::withPositions(RowKind::DELETE, 2).toString(), "-D[null, null]");
}

TEST(RowTest, NumbersPrintAsJava) {
  EXPECT_EQ(Row::of(true, false, int8_t{-8}, int16_t{300}, int32_t{-5}, int64_t{9007199254740993}).toString(),
            "+I[true, false, -8, 300, -5, 9007199254740993]");
  EXPECT_EQ(Row::of(1.0, 0.1, 100.0, 1e7, 1.234e-5, 0.001, 123456.789, -2.5).toString(),
            "+I[1.0, 0.1, 100.0, 1.0E7, 1.234E-5, 0.001, 123456.789, -2.5]");
  EXPECT_EQ(Row::of(1.5f, 0.1f, 3.0e10f, -0.0).toString(), "+I[1.5, 0.1, 3.0E10, -0.0]");
  EXPECT_EQ(Row::of(std::nan(""), std::numeric_limits<double>::infinity(), -std::numeric_limits<float>::infinity())
                .toString(),
            "+I[NaN, Infinity, -Infinity]");
  EXPECT_EQ(Row::of(Decimal::fromUnscaled(1230, 10, 2), Decimal::fromUnscaled(-5, 4, 2), Decimal::fromUnscaled(7, 3, 0))
                .toString(),
            "+I[12.30, -0.05, 7]");
}

TEST(RowTest, BytesPrintAsJavaByteArray) {
  EXPECT_EQ(Row::of(Value::bytes(std::string("\x01\x7f\x80\xff", 4)), Value::bytes("")).toString(),
            "+I[[1, 127, -128, -1], []]");
}

TEST(RowTest, DatesAndTimesPrintAsJavaTime) {
  // 2024-01-02 is day 19724 after 1970-01-01.
  EXPECT_EQ(Row::of(Value::date(19724), Value::date(0), Value::date(-1), Value::date(-719529)).toString(),
            "+I[2024-01-02, 1970-01-01, 1969-12-31, -0001-12-31]");
  EXPECT_EQ(Row::of(Value::time(45296000), Value::time(45296789), Value::time(45240000), Value::time(0)).toString(),
            "+I[12:34:56, 12:34:56.789, 12:34, 00:00]");
  const int64_t millis = 19724LL * 86400000 + 45296789;
  EXPECT_EQ(Row::of(Value::timestamp(TimestampData::fromEpochMillis(millis)),
                    Value::timestamp(TimestampData::fromEpochMillis(millis, 1000)),
                    Value::timestamp(TimestampData::fromEpochMillis(millis, 123)),
                    Value::timestamp(TimestampData::fromEpochMillis(19724LL * 86400000)))
                .toString(),
            "+I[2024-01-02T12:34:56.789, 2024-01-02T12:34:56.789001, 2024-01-02T12:34:56.789000123, 2024-01-02T00:00]");
  EXPECT_EQ(Row::of(Value::timestamp(TimestampData::fromEpochMillis(-1))).toString(), "+I[1969-12-31T23:59:59.999]");
  EXPECT_EQ(Row::of(Value::timestampLtz(TimestampData::fromEpochMillis(millis)),
                    Value::timestampLtz(TimestampData::fromEpochMillis(19724LL * 86400000)))
                .toString(),
            "+I[2024-01-02T12:34:56.789Z, 2024-01-02T00:00:00Z]");
}

TEST(RowTest, IntervalsPrintAsJavaPeriodAndDuration) {
  EXPECT_EQ(Row::of(Value::intervalYearMonth(14), Value::intervalYearMonth(0), Value::intervalYearMonth(-14),
                    Value::intervalYearMonth(12))
                .toString(),
            "+I[P1Y2M, P0D, P-1Y-2M, P1Y]");
  EXPECT_EQ(Row::of(Value::intervalDayTime(0), Value::intervalDayTime(5400000), Value::intervalDayTime(90061001),
                    Value::intervalDayTime(-500), Value::intervalDayTime(-5400000), Value::intervalDayTime(1500))
                .toString(),
            "+I[PT0S, PT1H30M, PT25H1M1.001S, PT-0.5S, PT-1H-30M, PT1.5S]");
}

TEST(RowTest, NestedValuesPrintAsDeepToString) {
  const Value array = Value::array({1, Value(), 3});
  const Value map = Value::map({{"a", int64_t{1}}, {"b", Value()}});
  const Value nested = Value::row(Row::ofKind(RowKind::DELETE, "x", Value::array({})));
  EXPECT_EQ(Row::of(array, map, nested).toString(), "+I[[1, null, 3], {a=1, b=null}, -D[x, []]]");
  EXPECT_EQ(Row::of(Value::array({Value::array({"a"}), Value::map({})})).toString(), "+I[[[a], {}]]");
}

TEST(RowTest, EqualityIsDeep) {
  EXPECT_EQ(Row::of(1, "a", Value::row(Row::of(2.5))), Row::of(1, "a", Value::row(Row::of(2.5))));
  EXPECT_NE(Row::of(1, "a", Value::row(Row::of(2.5))), Row::of(1, "a", Value::row(Row::of(2.0))));
  EXPECT_NE(Row::of(1), Row::ofKind(RowKind::DELETE, 1));
  EXPECT_NE(Row::of(1), Row::of(int64_t{1}));
  EXPECT_NE(Row::of("a"), Row::of(Value::bytes("a")));
  EXPECT_NE(Row::of(Value::date(3)), Row::of(3));
}

TEST(RowTest, GettersReadTheValues) {
  Row row = Row::withPositions(RowKind::INSERT, 3);
  row.setField(0, Value::date(5));
  row.setField(1, Value::intervalDayTime(1000));
  row.setField(2, Value::bytes("zz"));
  row.setKind(RowKind::UPDATE_AFTER);
  EXPECT_EQ(row.getKind(), RowKind::UPDATE_AFTER);
  EXPECT_EQ(row.getArity(), 3u);
  EXPECT_EQ(row.getField(0).kind(), ValueKind::DATE);
  EXPECT_EQ(row.getField(0).getInt(), 5);
  EXPECT_EQ(row.getField(1).getLong(), 1000);
  EXPECT_EQ(row.getField(2).getString(), "zz");
  EXPECT_TRUE(Value().isNull());
}

}  // namespace
}  // namespace eddy::types
