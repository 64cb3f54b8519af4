#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/connectors/datagen/datagen_table_factory.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::LogicalType;

constexpr int64_t kNow = 1'700'000'000'123;  // 2023-11-14T22:13:20.123Z

DynamicTableContext contextOf(LogicalType row_type, std::map<std::string, std::string> options) {
  options.emplace("connector", "datagen");
  CatalogTable table;
  table.options = std::move(options);
  return DynamicTableContext{ObjectIdentifier{"default_catalog", "default_database", "gen"}, std::move(table),
                             std::move(row_type), Configuration(), false};
}

Result<std::unique_ptr<DataGenTableSource>> create(LogicalType row_type, std::map<std::string, std::string> options,
                                                   uint64_t seed = 42) {
  return createDataGenTableSource(contextOf(std::move(row_type), std::move(options)), seed, [] { return kNow; });
}

// Every row one reader makes (Row::toString), polling until the end or `limit` rows.
std::vector<std::string> readAll(SourceReader<RowChunk>& reader, size_t limit = 100000) {
  std::vector<std::string> rows;
  for (int polls = 0; polls < 1000000 && rows.size() < limit; ++polls) {
    runtime::RecordBatch<RowChunk> out;
    InputStatus status = reader.pollNext(out);
    for (const RowChunk& chunk : out.values) {
      for (size_t i = 0; i < chunk.size(); ++i) rows.push_back(chunk.batch->getRow(i).toString());
    }
    if (status == InputStatus::kEndOfInput) break;
  }
  return rows;
}

std::vector<std::string> readAll(DataGenTableSource& table, int subtask = 0, int parallelism = 1) {
  auto reader = table.createSource()->createReader(SourceReaderContext{subtask, parallelism});
  return readAll(*reader);
}

TEST(ConnectorDataGenTest, SequenceFieldsAreExactAndEndTheSource) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("name", DataTypes::STRING()),
                                     DataTypes::FIELD("big", DataTypes::BIGINT())});
  auto table = create(type, {{"rows-per-second", "1000000000"},
                             {"fields.id.kind", "sequence"}, {"fields.id.start", "1"}, {"fields.id.end", "5"},
                             {"fields.name.kind", "sequence"}, {"fields.name.start", "100"}, {"fields.name.end", "200"},
                             {"fields.big.kind", "sequence"}, {"fields.big.start", "-2"}, {"fields.big.end", "-1"}});
  ASSERT_TRUE(table.ok()) << table.status().toString();
  // The shortest sequence ends the source.
  EXPECT_TRUE((*table)->isBounded());
  EXPECT_EQ((*table)->count(), 2);
  EXPECT_EQ(readAll(**table), (std::vector<std::string>{"+I[1, 100, -2]", "+I[2, 101, -1]"}));

  auto longer = create(type, {{"rows-per-second", "1000000000"},
                              {"fields.id.kind", "sequence"}, {"fields.id.start", "1"}, {"fields.id.end", "5"},
                              {"fields.name.kind", "sequence"}, {"fields.name.start", "100"}, {"fields.name.end", "200"},
                              {"fields.big.kind", "sequence"}, {"fields.big.start", "0"}, {"fields.big.end", "9"}});
  ASSERT_TRUE(longer.ok());
  // Two readers split the sequence into contiguous ranges, the first one longer.
  EXPECT_EQ(readAll(**longer, 0, 2), (std::vector<std::string>{"+I[1, 100, 0]", "+I[2, 101, 1]", "+I[3, 102, 2]"}));
  EXPECT_EQ(readAll(**longer, 1, 2), (std::vector<std::string>{"+I[4, 103, 3]", "+I[5, 104, 4]"}));
}

TEST(ConnectorDataGenTest, SequenceOfEveryNumericAndTextType) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("t", DataTypes::TINYINT()), DataTypes::FIELD("s", DataTypes::SMALLINT()),
                                     DataTypes::FIELD("f", DataTypes::FLOAT()), DataTypes::FIELD("d", DataTypes::DOUBLE()),
                                     DataTypes::FIELD("dec", DataTypes::DECIMAL(5, 2)), DataTypes::FIELD("b", DataTypes::BYTES())});
  std::map<std::string, std::string> options = {{"rows-per-second", "1000000000"}};
  for (const char* field : {"t", "s", "f", "d", "dec", "b"}) {
    options[std::string("fields.") + field + ".kind"] = "sequence";
    options[std::string("fields.") + field + ".start"] = "7";
    options[std::string("fields.") + field + ".end"] = "8";
  }
  auto table = create(type, options);
  ASSERT_TRUE(table.ok()) << table.status().toString();
  EXPECT_EQ(readAll(**table), (std::vector<std::string>{"+I[7, 7, 7.0, 7.0, 7.00, [0, 0, 0, 0, 0, 0, 0, 7]]",
                                                        "+I[8, 8, 8.0, 8.0, 8.00, [0, 0, 0, 0, 0, 0, 0, 8]]"}));
}

TEST(ConnectorDataGenTest, NumberOfRowsBoundsRandomRowsWithinMinAndMax) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("i", DataTypes::INT()), DataTypes::FIELD("d", DataTypes::DOUBLE()),
                                     DataTypes::FIELD("s", DataTypes::STRING()), DataTypes::FIELD("c", DataTypes::CHAR(3))});
  std::map<std::string, std::string> options = {{"rows-per-second", "1000000000"}, {"number-of-rows", "2000"},
                                                {"fields.i.min", "5"},            {"fields.i.max", "9"},
                                                {"fields.d.min", "0.5"},          {"fields.d.max", "1.5"},
                                                {"fields.s.length", "4"}};
  auto table = create(type, options);
  ASSERT_TRUE(table.ok()) << table.status().toString();
  EXPECT_TRUE((*table)->isBounded());
  auto reader = (*table)->createSource()->createReader(SourceReaderContext{0, 1});
  std::set<int32_t> ints;
  size_t rows = 0;
  for (int polls = 0; polls < 1000000; ++polls) {
    runtime::RecordBatch<RowChunk> out;
    InputStatus status = reader->pollNext(out);
    for (const RowChunk& chunk : out.values) {
      for (size_t r = 0; r < chunk.size(); ++r, ++rows) {
        types::Row row = chunk.batch->getRow(r);
        ints.insert(row.getField(0).getInt());
        EXPECT_GE(row.getField(1).getDouble(), 0.5);
        EXPECT_LT(row.getField(1).getDouble(), 1.5);
        EXPECT_EQ(row.getField(2).getString().size(), 4u);
        EXPECT_EQ(row.getField(3).getString().size(), 3u);
        EXPECT_EQ(row.getField(2).getString().find_first_not_of("0123456789abcdef"), std::string::npos);
      }
    }
    if (status == InputStatus::kEndOfInput) break;
  }
  EXPECT_EQ(rows, 2000u);
  EXPECT_EQ(ints, (std::set<int32_t>{5, 6, 7, 8, 9}));
  // The same seed makes the same rows; another seed other rows.
  auto again = create(type, options);
  auto other = create(type, options, 7);
  ASSERT_TRUE(again.ok() && other.ok());
  std::vector<std::string> first = readAll(**table);
  EXPECT_EQ(first.size(), 2000u);
  EXPECT_EQ(readAll(**again), first);
  EXPECT_NE(readAll(**other), first);
}

TEST(ConnectorDataGenTest, TimesNullsAndCollections) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3)), DataTypes::FIELD("now", DataTypes::TIMESTAMP_LTZ(3)),
                                     DataTypes::FIELD("day", DataTypes::DATE()), DataTypes::FIELD("n", DataTypes::BIGINT()),
                                     DataTypes::FIELD("a", DataTypes::ARRAY(DataTypes::INT()))});
  auto table = create(type, {{"rows-per-second", "1000000000"}, {"number-of-rows", "50"}, {"fields.ts.max-past", "10 s"},
                             {"fields.n.null-rate", "1.0"}, {"fields.a.length", "2"}, {"fields.a.element.min", "1"},
                             {"fields.a.element.max", "2"}});
  ASSERT_TRUE(table.ok()) << table.status().toString();
  auto reader = (*table)->createSource()->createReader(SourceReaderContext{0, 1});
  size_t rows = 0;
  for (int polls = 0; polls < 1000000 && rows < 50; ++polls) {
    runtime::RecordBatch<RowChunk> out;
    reader->pollNext(out);
    for (const RowChunk& chunk : out.values) {
      for (size_t r = 0; r < chunk.size(); ++r, ++rows) {
        types::Row row = chunk.batch->getRow(r);
        const int64_t ts = row.getField(0).getTimestamp().millisecond;
        EXPECT_GE(ts, kNow - 10000);
        EXPECT_LE(ts, kNow);
        EXPECT_EQ(row.getField(1).toString(), "2023-11-14T22:13:20.123Z");
        EXPECT_EQ(row.getField(2).toString(), "2023-11-14");
        EXPECT_TRUE(row.getField(3).isNull());
        ASSERT_EQ(row.getField(4).getArray().size(), 2u);
        for (const types::Value& element : row.getField(4).getArray()) {
          EXPECT_TRUE(element.getInt() == 1 || element.getInt() == 2);
        }
      }
    }
  }
  EXPECT_EQ(rows, 50u);
}

TEST(ConnectorDataGenTest, ACheckpointedReaderGoesOnWithTheNextRow) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT())});
  auto table = create(type, {{"rows-per-second", "1000000000"}, {"fields.id.kind", "sequence"},
                             {"fields.id.start", "0"}, {"fields.id.end", "2999"}});
  ASSERT_TRUE(table.ok());
  auto source = (*table)->createSource();
  auto reader = source->createReader(SourceReaderContext{0, 1});
  std::vector<std::string> before = readAll(*reader, 1500);
  auto splits = reader->snapshotState(1);
  ASSERT_TRUE(splits.ok());
  auto restored = source->restoreReader(SourceReaderContext{0, 1}, *splits);
  ASSERT_TRUE(restored.ok());
  std::vector<std::string> after = readAll(**restored);
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(before.size() + after.size(), 3000u);
  EXPECT_EQ(after.front(), "+I[" + std::to_string(before.size()) + "]");
  EXPECT_EQ(after.back(), "+I[2999]");
}

TEST(ConnectorDataGenTest, BadOptionsFailWithFlinksMessages) {
  LogicalType type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())});
  EXPECT_EQ(create(type, {{"fields.id.kind", "foo"}}).status().message(), "Unsupported generator kind: foo");
  EXPECT_EQ(create(type, {{"fields.id.kind", "sequence"}, {"fields.id.end", "3"}}).status().message(),
            "Could not find required property 'fields.id.start' for sequence generator.");
  EXPECT_EQ(create(type, {{"fields.id.min", "abc"}}).status().message(),
            "Could not parse value 'abc' for key 'fields.id.min'.");
  EXPECT_EQ(create(type, {{"fields.id.length", "3"}}).status().message(),
            "Unsupported options found for 'datagen'.\n\nUnsupported options:\n\nfields.id.length\n\n"
            "Supported options:\n\nconnector\nfields.id.kind\nfields.id.max\nfields.id.min\nfields.id.null-rate\n"
            "number-of-rows\nrows-per-second\nscan.parallelism");
  EXPECT_EQ(create(DataTypes::ROW({DataTypes::FIELD("a", DataTypes::ARRAY(DataTypes::INT()))}),
                   {{"fields.a.kind", "sequence"}, {"fields.a.start", "1"}, {"fields.a.end", "2"}})
                .status()
                .message(),
            "Unsupported type: ARRAY<INT>");
  EXPECT_EQ(create(type, {{"fields.id.min", "5"}, {"fields.id.max", "5"}}).status().message(),
            "lower bound (5) must be strictly less than upper bound (5)");
}

TEST(ConnectorDataGenTest, RegisteredUnderItsIdentifier) {
  FactoryRegistry registry;
  registerDataGenFactories(registry);
  auto factory = registry.sourceFactory("datagen");
  ASSERT_TRUE(factory.ok());
  auto source = (*factory)->createDynamicTableSource(contextOf(DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT())}), {}));
  ASSERT_TRUE(source.ok()) << source.status().toString();
  EXPECT_FALSE((*source)->isBounded());
  EXPECT_EQ((*source)->getChangelogMode().toString(), "I");
  EXPECT_EQ((*source)->asSummaryString(), "DataGenTableSource");
}

}  // namespace
}  // namespace eddy::sql
