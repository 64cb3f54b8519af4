// The `nexmark` table source against the vectors of the Java port of the reference generator
// (src/connectors/tests/data/nexmark_seed42.txt), and through SQL with the reference DDL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eddy/table/table_environment.h"
#include "eddy/testing/source_dir.h"
#include "sql/connectors/nexmark/nexmark_row_source.h"
#include "sql/connectors/nexmark/nexmark_table_factory.h"
#include "table_test_util.h"

namespace eddy::sql {
namespace {

using connectors::nexmark::NexmarkConfiguration;
using types::ColumnVector;

std::vector<std::string> vectorLines() {
  std::ifstream in(std::filesystem::path(::eddy::testing::kSourceDir) / "src" / "connectors" / "tests" / "data" /
                   "nexmark_seed42.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Field f of the ROW `row` at row i in the vectors' form: strings as they are, numbers and
// timestamps (epoch millis) in decimal.
std::string fieldText(const ColumnVector& row, size_t f, size_t i) {
  const ColumnVector& field = row.child(f);
  if (field.type().root() == types::LogicalTypeRoot::VARCHAR) return std::string(field.stringAt(i));
  return std::to_string(field.valueAt<int64_t>(i));
}

// Row i of a chunk as the vectors print an event: "P|...", "A|..." or "B|...".
std::string eventLine(const types::ColumnBatch& batch, size_t i) {
  const int32_t kind = batch.column(0).valueAt<int32_t>(i);
  const ColumnVector& row = batch.column(static_cast<size_t>(kind) + 1);
  std::string line(1, "PAB"[kind]);
  for (size_t f = 0; f < row.type().fieldCount(); ++f) line += "|" + fieldText(row, f, i);
  for (size_t other = 1; other <= 3; ++other) {
    if (other != static_cast<size_t>(kind) + 1 && !batch.column(other).isNull(i)) line += "|<other row not null>";
  }
  return line;
}

std::vector<std::string> readLines(SourceReader<RowChunk>& reader) {
  std::vector<std::string> lines;
  for (int polls = 0; polls < 100000; ++polls) {
    runtime::RecordBatch<RowChunk> out;
    const InputStatus status = reader.pollNext(out);
    for (const RowChunk& chunk : out.values) {
      for (size_t i = 0; i < chunk.size(); ++i) lines.push_back(eventLine(*chunk.batch, i));
    }
    if (status == InputStatus::kEndOfInput) break;
  }
  return lines;
}

NexmarkConfiguration seeded(int64_t events) {
  NexmarkConfiguration conf;
  conf.seed = 42;
  conf.base_time = 1700000000000;
  conf.num_events = events;
  return conf;
}

TEST(ConnectorNexmarkTest, RowsAreTheEventsOfTheReferenceGenerator) {
  const std::vector<std::string> expected = vectorLines();
  ASSERT_EQ(expected.size(), 101u) << "missing nexmark_seed42.txt";
  NexmarkRowSource source(seeded(100));
  EXPECT_EQ(source.getBoundedness(), Boundedness::kBounded);
  auto reader = source.createReader(SourceReaderContext{0, 1});
  const std::vector<std::string> lines = readLines(*reader);
  ASSERT_EQ(lines.size(), 100u);
  for (size_t i = 0; i < 100; ++i) EXPECT_EQ(lines[i], expected[i]) << "event " << i;
}

TEST(ConnectorNexmarkTest, ParallelReadersSplitTheEventSpace) {
  NexmarkRowSource source(seeded(2001));
  auto first = source.createReader(SourceReaderContext{0, 2});
  auto second = source.createReader(SourceReaderContext{1, 2});
  const std::vector<std::string> a = readLines(*first);
  const std::vector<std::string> b = readLines(*second);
  // The reference's GeneratorConfig.split: 1000 events for the first, the rest for the last.
  EXPECT_EQ(a.size(), 1000u);
  EXPECT_EQ(b.size(), 1001u);
  // The first generator's events are a single generator's with half the rate: same ids,
  // kinds and prices, other timestamps.
  const std::vector<std::string> expected = vectorLines();
  EXPECT_EQ(a[2].substr(0, a[2].find("|https")), expected[2].substr(0, expected[2].find("|https")));
  EXPECT_NE(a[0], b[0]);
}

TEST(ConnectorNexmarkTest, CheckpointedReaderGoesOnWithTheNextEvent) {
  NexmarkRowSource source(seeded(100));
  auto reader = source.createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<RowChunk> out;
  ASSERT_EQ(reader->pollNext(out), InputStatus::kMoreAvailable);
  Result<std::vector<std::string>> state = reader->snapshotState(1);
  ASSERT_TRUE(state.ok());
  // The whole bounded run fits one chunk, so nothing is left to restore.
  EXPECT_TRUE(state->empty());
  NexmarkRowSource longer(seeded(3000));
  auto partial = longer.createReader(SourceReaderContext{0, 1});
  runtime::RecordBatch<RowChunk> chunk;
  ASSERT_EQ(partial->pollNext(chunk), InputStatus::kMoreAvailable);
  Result<std::vector<std::string>> splits = partial->snapshotState(1);
  ASSERT_TRUE(splits.ok());
  ASSERT_EQ(splits->size(), 1u);
  EXPECT_EQ((*splits)[0], "1700000000000,1,3000,-1,1,1024");
  Result<std::unique_ptr<SourceReader<RowChunk>>> restored = longer.restoreReader(SourceReaderContext{0, 1}, *splits);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(readLines(**restored).size(), 3000u - 1024u);
}

constexpr const char* kDdl = R"(CREATE TABLE datagen (
    event_type int,
    person ROW<id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR, state VARCHAR,
        `dateTime` TIMESTAMP(3), extra VARCHAR>,
    auction ROW<id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT,
        `dateTime` TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR>,
    bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, `dateTime` TIMESTAMP(3),
        extra VARCHAR>,
    `dateTime` AS CASE WHEN event_type = 0 THEN person.`dateTime` WHEN event_type = 1 THEN auction.`dateTime`
        ELSE bid.`dateTime` END,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
) WITH ('connector' = 'nexmark', 'events.num' = '100', 'seed' = '42', 'base-time' = '1700000000000'))";

TEST(ConnectorNexmarkTest, SqlReadsNestedFieldsOfTheReferenceDdl) {
  auto env = table::TableEnvironment::create();
  ASSERT_EQ(runSql(*env, kDdl), "[OK]\n");
  EXPECT_EQ(runSql(*env, "SELECT event_type, person.id, person.name, person.state, `dateTime` FROM datagen "
                         "WHERE event_type = 0"),
            "+I[0, 1001, Vicky Noris, WA, 2023-11-14 22:13:20.004]\n"
            "+I[0, 1002, Saul Bartels, AZ, 2023-11-14 22:13:20.009]\n");
  EXPECT_EQ(runSql(*env, "SELECT auction.id, datagen.auction.seller, (auction).category FROM datagen "
                         "WHERE event_type = 1"),
            "+I[1001, 1000, 12]\n+I[1002, 1004, 11]\n+I[1003, 1011, 14]\n+I[1004, 1000, 11]\n+I[1005, 1000, 12]\n"
            "+I[1006, 1004, 10]\n");
}

TEST(ConnectorNexmarkTest, RefusesAnotherSchemaAndUnknownOptions) {
  auto env = table::TableEnvironment::create();
  ASSERT_EQ(runSql(*env, "CREATE TABLE n (event_type INT) WITH ('connector' = 'nexmark')"), "[OK]\n");
  EXPECT_NE(runSql(*env, "SELECT * FROM n").find("The nexmark source table must be in the schema of"),
            std::string::npos);
  ASSERT_EQ(runSql(*env, "CREATE TABLE m (event_type INT) WITH ('connector' = 'nexmark', 'tps' = '1')"), "[OK]\n");
  EXPECT_NE(runSql(*env, "SELECT * FROM m").find("Unsupported options found for 'nexmark'."), std::string::npos);
}

}  // namespace
}  // namespace eddy::sql
