#include "eddy/types/column_batch.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "eddy/types/data_types.h"

namespace eddy::types {
namespace {

using DT = DataTypes;

LogicalType allTypesSchema() {
  return DT::ROW({
      DT::FIELD("b", DT::BOOLEAN()),
      DT::FIELD("i8", DT::TINYINT()),
      DT::FIELD("i16", DT::SMALLINT()),
      DT::FIELD("i32", DT::INT().notNull()),
      DT::FIELD("i64", DT::BIGINT()),
      DT::FIELD("f", DT::FLOAT()),
      DT::FIELD("d", DT::DOUBLE()),
      DT::FIELD("dec", DT::DECIMAL(10, 2)),
      DT::FIELD("s", DT::STRING()),
      DT::FIELD("bin", DT::BYTES()),
      DT::FIELD("date", DT::DATE()),
      DT::FIELD("time", DT::TIME(3)),
      DT::FIELD("ts", DT::TIMESTAMP(3)),
      DT::FIELD("ts9", DT::TIMESTAMP(9)),
      DT::FIELD("ltz", DT::TIMESTAMP_LTZ(6)),
      DT::FIELD("ym", DT::INTERVAL(DT::YEAR(), DT::MONTH())),
      DT::FIELD("dt", DT::INTERVAL(DT::DAY(), DT::SECOND(3))),
  });
}

TEST(ColumnBatchTest, RoundTripsEveryAtomicTypeWithNulls) {
  ColumnBatch batch(allTypesSchema(), /*has_rowtime=*/true);
  const Row full = Row::ofKind(RowKind::UPDATE_AFTER, true, int8_t{-1}, int16_t{2}, 3, int64_t{-4}, 1.5f, 2.25,
                               Decimal::fromUnscaled(-1230, 10, 2), "héllo", Value::bytes(std::string("\0\xff", 2)),
                               Value::date(19724), Value::time(45296789),
                               Value::timestamp(TimestampData::fromEpochMillis(-1)),
                               Value::timestamp(TimestampData::fromEpochMillis(1700000000123, 456789)),
                               Value::timestampLtz(TimestampData::fromEpochMillis(1700000000123, 456000)),
                               Value::intervalYearMonth(14), Value::intervalDayTime(-1500));
  Row nulls = Row::withPositions(RowKind::DELETE, 17);
  nulls.setField(3, 0);
  ASSERT_TRUE(batch.appendRow(full, 1000).ok());
  ASSERT_TRUE(batch.appendRow(nulls, 2000).ok());
  ASSERT_TRUE(batch.appendRow(full, 3000).ok());
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch.getRow(0), full);
  EXPECT_EQ(batch.getRow(1), nulls);
  EXPECT_EQ(batch.getRow(2), full);
  EXPECT_EQ(batch.getRow(1).toString(),
            "-D[null, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, null]");
  EXPECT_EQ(batch.getRow(0).toString(),
            "+U[true, -1, 2, 3, -4, 1.5, 2.25, -12.30, héllo, [0, -1], 2024-01-02, 12:34:56.789, "
            "1969-12-31T23:59:59.999, 2023-11-14T22:13:20.123456789, 2023-11-14T22:13:20.123456Z, P1Y2M, PT-1.5S]");
  EXPECT_EQ(batch.rowKind(1), RowKind::DELETE);
  EXPECT_EQ(batch.rowtime(2), 3000);
}

TEST(ColumnBatchTest, ColumnsAreContiguousArrowLayouts) {
  ColumnBatch batch(DT::ROW({DT::FIELD("id", DT::BIGINT()), DT::FIELD("name", DT::STRING())}));
  ASSERT_TRUE(batch.appendRow(Row::of(int64_t{10}, "ab")).ok());
  ASSERT_TRUE(batch.appendRow(Row::of(Value(), Value())).ok());
  ASSERT_TRUE(batch.appendRow(Row::of(int64_t{30}, "cde")).ok());
  const ColumnVector& ids = batch.column(0);
  EXPECT_EQ(ids.values<int64_t>()[0], 10);
  EXPECT_EQ(ids.values<int64_t>()[1], 0);
  EXPECT_EQ(ids.values<int64_t>()[2], 30);
  EXPECT_EQ(ids.validity()[0], 0b101u);
  const ColumnVector& names = batch.column(1);
  EXPECT_EQ(std::vector<int32_t>(names.offsets(), names.offsets() + 4), (std::vector<int32_t>{0, 2, 2, 5}));
  EXPECT_EQ(std::string_view(names.bytes(), 5), "abcde");
  EXPECT_EQ(names.stringAt(2), "cde");
  EXPECT_TRUE(names.isNull(1));
  EXPECT_FALSE(names.isNull(2));
}

TEST(ColumnBatchTest, NestedTypesRoundTrip) {
  const LogicalType schema = DT::ROW({
      DT::FIELD("tags", DT::ARRAY(DT::STRING())),
      DT::FIELD("counts", DT::MAP(DT::STRING(), DT::BIGINT())),
      DT::FIELD("bag", DT::MULTISET(DT::INT())),
      DT::FIELD("point", DT::ROW({DT::FIELD("x", DT::DOUBLE()), DT::FIELD("y", DT::ARRAY(DT::INT()))})),
  });
  ColumnBatch batch(schema);
  const Row first = Row::of(Value::array({"a", Value(), "b"}), Value::map({{"k", int64_t{1}}, {"z", Value()}}),
                            Value::map({{7, 2}}), Value::row(Row::of(1.5, Value::array({1, 2}))));
  const Row second = Row::of(Value::array({}), Value(), Value::map({}), Value());
  ASSERT_TRUE(batch.appendRow(first).ok());
  ASSERT_TRUE(batch.appendRow(second).ok());
  ASSERT_TRUE(batch.appendRow(first).ok());
  EXPECT_EQ(batch.getRow(0), first);
  EXPECT_EQ(batch.getRow(1), second);
  EXPECT_EQ(batch.getRow(2), first);
  EXPECT_EQ(batch.getRow(2).toString(), "+I[[a, null, b], {k=1, z=null}, {7=2}, +I[1.5, [1, 2]]]");
  EXPECT_EQ(batch.column(3).child(1).size(), 3u);
}

TEST(ColumnBatchTest, RejectsRowsThatDoNotFitAndStaysUnchanged) {
  ColumnBatch batch(DT::ROW({DT::FIELD("id", DT::INT().notNull()), DT::FIELD("price", DT::DECIMAL(5, 2))}));
  EXPECT_EQ(batch.appendRow(Row::of(1, "x")).toString(),
            "InvalidArgument: field 'price': value x does not fit type DECIMAL(5, 2)");
  EXPECT_EQ(batch.appendRow(Row::of(Value(), Value())).toString(),
            "InvalidArgument: field 'id': null does not fit type INT NOT NULL");
  EXPECT_EQ(batch.appendRow(Row::of(1, Decimal::fromUnscaled(1, 5, 1))).toString(),
            "InvalidArgument: field 'price': value 0.1 does not fit type DECIMAL(5, 2)");
  EXPECT_EQ(batch.appendRow(Row::of(1)).toString(), "InvalidArgument: row +I[1] has 1 fields but the batch has 2 columns");
  EXPECT_EQ(batch.size(), 0u);
  EXPECT_EQ(batch.column(0).size(), 0u);
  EXPECT_EQ(batch.column(1).size(), 0u);
}

TEST(ColumnBatchTest, ClearKeepsCapacityAndTypedAppendsFillColumns) {
  ColumnBatch batch(DT::ROW({DT::FIELD("n", DT::INT()), DT::FIELD("s", DT::STRING())}));
  batch.reserve(4);
  for (int i = 0; i < 3; ++i) {
    batch.column(0).append<int32_t>(i);
    batch.column(1).appendString(std::string(static_cast<size_t>(i), 'x'));
    batch.appendRowKind(RowKind::INSERT);
  }
  batch.column(0).appendNull();
  batch.column(1).appendNull();
  batch.appendRowKind(RowKind::DELETE);
  EXPECT_EQ(batch.getRow(2).toString(), "+I[2, xx]");
  EXPECT_EQ(batch.getRow(3).toString(), "-D[null, null]");
  const int32_t* before = batch.column(0).values<int32_t>();
  batch.clear();
  EXPECT_EQ(batch.size(), 0u);
  EXPECT_EQ(batch.column(1).size(), 0u);
  ASSERT_TRUE(batch.appendRow(Row::of(5, "y")).ok());
  EXPECT_EQ(batch.column(0).values<int32_t>(), before);
  EXPECT_EQ(batch.getRow(0).toString(), "+I[5, y]");
  EXPECT_EQ(batch.column(1).offsets()[1], 1);
}

TEST(ColumnBatchTest, BulkAppendsMarkTheirRowsValidFromAnyPosition) {
  ColumnVector column(DT::BIGINT());
  column.append<int64_t>(-1);
  column.appendNull();
  // From row 2 across two word boundaries of the validity bitmap.
  int64_t* values = column.appendValid<int64_t>(140);
  for (int64_t i = 0; i < 140; ++i) values[i] = i;
  column.appendNull();
  ASSERT_EQ(column.size(), 143u);
  EXPECT_EQ(column.getValue(0).toString(), "-1");
  EXPECT_TRUE(column.isNull(1));
  for (size_t i = 2; i < 142; ++i) {
    ASSERT_FALSE(column.isNull(i)) << i;
    ASSERT_EQ(column.valueAt<int64_t>(i), static_cast<int64_t>(i - 2));
  }
  EXPECT_TRUE(column.isNull(142));
  EXPECT_TRUE(column.noNullsIn(1));
  EXPECT_FALSE(column.noNullsIn(2));

  ColumnVector valid(DT::INT());
  std::fill_n(valid.appendValid<int32_t>(64), 64, 7);
  EXPECT_TRUE(valid.noNullsIn(64));
  valid.append<int32_t>(8);
  EXPECT_TRUE(valid.noNullsIn(65));
  valid.appendNull();
  EXPECT_TRUE(valid.noNullsIn(65));
  EXPECT_FALSE(valid.noNullsIn(66));
  EXPECT_TRUE(valid.noNullsIn(0));
}

}  // namespace
}  // namespace eddy::types
