// RowChunk's TypeSerializer (row_chunk_serializer.h): a chunk of every type the SQL layer
// runs, every RowKind and NULLs comes back exactly, as the in-flight data of unaligned
// checkpoints needs; broken bytes are Corruption.

#include "sql/runtime/row_chunk_serializer.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/batch_serializer.h"
#include "eddy/types/data_types.h"
#include "eddy/types/has_type_serializer.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {
namespace {

using types::ColumnBatch;
using types::DataTypes;
using types::Decimal;
using types::LogicalType;
using types::Row;
using types::RowKind;
using types::TimestampData;
using types::Value;

LogicalType everyType() {
  return DataTypes::ROW({
      DataTypes::FIELD("b", DataTypes::BOOLEAN()),
      DataTypes::FIELD("t", DataTypes::TINYINT()),
      DataTypes::FIELD("s", DataTypes::SMALLINT()),
      DataTypes::FIELD("i", DataTypes::INT().notNull()),
      DataTypes::FIELD("l", DataTypes::BIGINT()),
      DataTypes::FIELD("f", DataTypes::FLOAT()),
      DataTypes::FIELD("d", DataTypes::DOUBLE()),
      DataTypes::FIELD("wide", DataTypes::DECIMAL(38, 10)),
      DataTypes::FIELD("price", DataTypes::DECIMAL(5, 2)),
      DataTypes::FIELD("c", DataTypes::CHAR(3)),
      DataTypes::FIELD("v", DataTypes::VARCHAR(10)),
      DataTypes::FIELD("str", DataTypes::STRING(), "a described field"),
      DataTypes::FIELD("bin", DataTypes::BINARY(2)),
      DataTypes::FIELD("bytes", DataTypes::BYTES()),
      DataTypes::FIELD("day", DataTypes::DATE()),
      DataTypes::FIELD("tod", DataTypes::TIME(3)),
      DataTypes::FIELD("rt", DataTypes::TIMESTAMP(3).withTimestampKind(types::TimestampKind::ROWTIME)),
      DataTypes::FIELD("ts9", DataTypes::TIMESTAMP(9)),
      DataTypes::FIELD("ltz", DataTypes::TIMESTAMP_LTZ(3)),
      DataTypes::FIELD("ltz6", DataTypes::TIMESTAMP_LTZ(6)),
      DataTypes::FIELD("ym", DataTypes::INTERVAL(DataTypes::YEAR(), DataTypes::MONTH())),
      DataTypes::FIELD("dt", DataTypes::INTERVAL(DataTypes::DAY(), DataTypes::SECOND(3))),
      DataTypes::FIELD("ints", DataTypes::ARRAY(DataTypes::INT())),
      DataTypes::FIELD("nested", DataTypes::ARRAY(DataTypes::ARRAY(DataTypes::BIGINT().notNull()))),
      DataTypes::FIELD("m", DataTypes::MAP(DataTypes::STRING().notNull(), DataTypes::DOUBLE())),
      DataTypes::FIELD("bag", DataTypes::MULTISET(DataTypes::STRING())),
      DataTypes::FIELD("r", DataTypes::ROW({DataTypes::FIELD("x", DataTypes::INT()),
                                            DataTypes::FIELD("y", DataTypes::STRING()),
                                            DataTypes::FIELD("z", DataTypes::ARRAY(DataTypes::INT()))})),
      DataTypes::FIELD("nothing", DataTypes::NULL_TYPE()),
  });
}

// Row i: distinct values, negative ones on odd rows; every third row's nullable fields NULL.
Row everyTypeRow(int i, RowKind kind) {
  const int sign = i % 2 == 0 ? 1 : -1;
  const std::string text = "r" + std::to_string(i);
  if (i % 3 == 1) {
    Row nulls = Row::withPositions(kind, everyType().fieldCount());
    nulls.setField(3, Value(int32_t{i}));
    return nulls;
  }
  const __int128 wide =
      static_cast<__int128>(sign) * (static_cast<__int128>(1000000000000000000LL) * 10000000000000000LL + i);
  std::vector<Value> fields = {
      Value(i % 4 == 0),
      Value(static_cast<int8_t>(sign * (i % 128))),
      Value(static_cast<int16_t>(sign * 1000 * i)),
      Value(int32_t{i}),
      Value(int64_t{sign * (int64_t{1} << 40) * i}),
      Value(sign * 1.5f * static_cast<float>(i)),
      Value(sign * 0.1 * i),
      Value(Decimal::fromUnscaled(wide, 38, 10)),
      Value(Decimal::fromUnscaled(sign * (i * 101 % 99999), 5, 2)),
      Value(text.substr(0, 3)),
      Value(i % 5 == 0 ? std::string() : text),
      Value(std::string(static_cast<size_t>(i % 7), 'x') + text),
      Value::bytes(std::string{static_cast<char>(i), '\0'}),
      Value::bytes(std::string("\x00\xff", 2) + text),
      Value::date(sign * 19000 + i),
      Value::time(i * 1001),
      Value::timestamp(TimestampData::fromEpochMillis(sign * 1700000000000LL + i)),
      Value::timestamp(TimestampData::fromEpochMillis(sign * 1700000000000LL - i, 999999 - i)),
      Value::timestampLtz(TimestampData::fromEpochMillis(sign * 86400000LL * i)),
      Value::timestampLtz(TimestampData::fromEpochMillis(-1 - i, 123000)),
      Value::intervalYearMonth(sign * 13 * i),
      Value::intervalDayTime(int64_t{sign * 90061001LL * i}),
      Value::array({Value(int32_t{i}), Value(), Value(int32_t{-i})}),
      Value::array({Value::array({}), Value::array({Value(int64_t{i}), Value(int64_t{i + 1})})}),
      Value::map({{Value(text), Value(0.5 * i)}, {Value("k"), Value()}}),
      Value::map({{Value(text), Value(int32_t{2})}, {Value(), Value(int32_t{1})}}),
      Value::row(Row::of(Value(int32_t{i}), Value(), Value::array({Value(int32_t{7})}))),
      Value(),
  };
  return Row(kind, std::move(fields));
}

constexpr RowKind kKinds[] = {RowKind::INSERT, RowKind::UPDATE_BEFORE, RowKind::UPDATE_AFTER, RowKind::DELETE};

// 70 rows: more than one validity word per column.
std::shared_ptr<ColumnBatch> everyTypeBatch(bool with_rowtime) {
  auto batch = std::make_shared<ColumnBatch>(everyType(), with_rowtime);
  for (int i = 0; i < 70; ++i) {
    const Status appended = batch->appendRow(everyTypeRow(i, kKinds[i % 4]),
                                             with_rowtime ? std::optional<int64_t>(1000 * i - 7) : std::nullopt);
    EXPECT_TRUE(appended.ok()) << appended.toString();
  }
  return batch;
}

std::string serialized(const RowChunk& chunk) {
  types::DataOutputSerializer out;
  types::TypeSerializer<RowChunk>::serialize(chunk, out);
  return out.buffer();
}

Result<RowChunk> deserialized(std::string_view bytes) {
  types::DataInputDeserializer in(bytes);
  RowChunk chunk;
  EDDY_RETURN_IF_ERROR(types::TypeSerializer<RowChunk>::deserialize(in, chunk));
  if (in.available() != 0) return InvalidArgument(std::to_string(in.available()) + " bytes left over");
  return chunk;
}

void expectSameRows(const ColumnBatch& actual, const ColumnBatch& expected) {
  EXPECT_EQ(actual.schema(), expected.schema());
  ASSERT_EQ(actual.size(), expected.size());
  ASSERT_EQ(actual.hasRowtime(), expected.hasRowtime());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual.getRow(i), expected.getRow(i)) << "row " << i;
    if (expected.hasRowtime()) {
      EXPECT_EQ(actual.rowtime(i), expected.rowtime(i)) << "row " << i;
    }
  }
}

TEST(RowChunkSerializerTest, RowChunkHasATypeSerializer) {
  EXPECT_TRUE(types::kHasTypeSerializer<RowChunk>);
  EXPECT_NE(runtime::makeBatchSerializer<RowChunk>(), nullptr);
}

TEST(RowChunkSerializerTest, AChunkOfEveryTypeRowKindAndNullComesBackExactly) {
  const RowChunk chunk{everyTypeBatch(false)};
  const std::string bytes = serialized(chunk);
  Result<RowChunk> back = deserialized(bytes);
  ASSERT_TRUE(back.ok()) << back.status().toString();
  ASSERT_NE(back->batch, nullptr);
  expectSameRows(*back->batch, *chunk.batch);
  EXPECT_EQ(back->batch->getRow(1).toString(),
            "-U[null, null, null, 1, null, null, null, null, null, null, null, null, null, null, null, null, null, "
            "null, null, null, null, null, null, null, null, null, null, null]");
  EXPECT_EQ(back->batch->getRow(2).toString(),
            "+U[false, 2, 2000, 2, 2199023255552, 3.0, 0.2, 1000000000000000000000000.0000000002, 2.02, r2, r2, xxr2, "
            "[2, 0], [0, -1, 114, 50], 2022-01-10, 00:00:02.002, 2023-11-14T22:13:20.002, "
            "2023-11-14T22:13:19.998999997, 1970-01-03T00:00:00Z, 1969-12-31T23:59:59.997123Z, P2Y2M, PT50H2M2.002S, "
            "[2, null, -2], [[], [2, 3]], "
            "{r2=1.0, k=null}, {r2=2, null=1}, +I[2, null, [7]], null]");
  EXPECT_EQ(back->batch->rowKind(3), RowKind::DELETE);
  // Nothing is lost on the way: the copy writes the same bytes.
  EXPECT_EQ(serialized(*back), bytes);
}

TEST(RowChunkSerializerTest, TheRowtimeColumnComesBack) {
  const RowChunk chunk{everyTypeBatch(true)};
  Result<RowChunk> back = deserialized(serialized(chunk));
  ASSERT_TRUE(back.ok()) << back.status().toString();
  expectSameRows(*back->batch, *chunk.batch);
  EXPECT_EQ(back->batch->rowtime(69), 68993);
}

TEST(RowChunkSerializerTest, ChunksWithoutRowsOrBatchComeBack) {
  Result<RowChunk> empty = deserialized(serialized(RowChunk{std::make_shared<ColumnBatch>(everyType())}));
  ASSERT_TRUE(empty.ok()) << empty.status().toString();
  ASSERT_NE(empty->batch, nullptr);
  EXPECT_EQ(empty->batch->size(), 0u);
  EXPECT_EQ(empty->batch->schema(), everyType());

  Result<RowChunk> none = deserialized(serialized(RowChunk{}));
  ASSERT_TRUE(none.ok()) << none.status().toString();
  EXPECT_EQ(none->batch, nullptr);
}

TEST(RowChunkSerializerTest, TheEdgeBatchSerializerKeepsChunksAndTimestamps) {
  const auto serializer = runtime::makeBatchSerializer<RowChunk>();
  ASSERT_NE(serializer, nullptr);
  runtime::RecordBatch<RowChunk> batch(2);
  batch.add(RowChunk{everyTypeBatch(false)}, 42);
  batch.add(RowChunk{}, -1);
  types::DataOutputSerializer out;
  serializer->serialize(batch, out);
  types::DataInputDeserializer in(out.data());
  Result<std::unique_ptr<runtime::BatchBase>> back = serializer->deserialize(in);
  ASSERT_TRUE(back.ok()) << back.status().toString();
  EXPECT_EQ(in.available(), 0u);
  const auto& chunks = static_cast<const runtime::RecordBatch<RowChunk>&>(**back);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks.timestamps[0], 42);
  EXPECT_EQ(chunks.timestamps[1], -1);
  expectSameRows(*chunks.values[0].batch, *batch.values[0].batch);
  EXPECT_EQ(chunks.values[1].batch, nullptr);
}

TEST(RowChunkSerializerTest, TruncatedOrBrokenBytesAreCorruption) {
  auto batch = std::make_shared<ColumnBatch>(everyType());
  ASSERT_TRUE(batch->appendRow(everyTypeRow(0, RowKind::UPDATE_AFTER)).ok());
  ASSERT_TRUE(batch->appendRow(everyTypeRow(1, RowKind::DELETE)).ok());
  const std::string bytes = serialized(RowChunk{batch});
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    Result<RowChunk> back = deserialized(std::string_view(bytes).substr(0, cut));
    EXPECT_EQ(back.status().code(), StatusCode::kCorruption) << "cut at " << cut;
  }

  // A chunk of ROW<a INT>: its first RowKind byte follows the presence flag (1), the
  // schema (15 bytes per type, plus the field's name and description flag: 36) and the row
  // count (4). 5 is no RowKind.
  auto ints = std::make_shared<ColumnBatch>(DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT())}));
  ASSERT_TRUE(ints->appendRow(Row::of(int32_t{1})).ok());
  std::string bad_kind = serialized(RowChunk{ints});
  ASSERT_EQ(bad_kind[41], 0);
  bad_kind[41] = 5;
  Result<RowChunk> back = deserialized(bad_kind);
  EXPECT_EQ(back.status().code(), StatusCode::kCorruption);
  EXPECT_NE(back.status().message().find("Invalid row chunk in channel state"), std::string::npos)
      << back.status().toString();
}

}  // namespace
}  // namespace eddy::sql
