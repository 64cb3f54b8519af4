// The SQL `kafka` and `upsert-kafka` connectors on a real broker (scripts/kafka.sh), driven
// through the TableEnvironment with bounded reads ('scan.bounded.mode' = 'latest-offset').

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "connectors/tests/kafka_test_broker.h"
#include "eddy/table/table_environment.h"
#include "sql/tests/table_test_util.h"
#include "sql_kafka/raw_kafka_records.h"

namespace eddy::sql {
namespace {

using connectors::kafka::testing::createTopic;
using connectors::kafka::testing::KafkaTestBroker;
using kafka_test::commitGroupOffset;
using kafka_test::consumeRaw;
using kafka_test::produceRaw;
using kafka_test::RawRecord;

RawRecord valueRecord(std::string value, int64_t timestamp = 0, int32_t partition = 0) {
  RawRecord record;
  record.partition = partition;
  record.value = std::move(value);
  record.timestamp = timestamp;
  return record;
}

RawRecord keyedRecord(std::string key, std::optional<std::string> value) {
  RawRecord record;
  record.key = std::move(key);
  record.value = std::move(value);
  return record;
}

// The records of `topic` one a line as RawRecord::toString prints them.
std::string rawRecords(const std::string& topic, size_t expected, const std::string& isolation = "read_uncommitted") {
  std::string out;
  for (const RawRecord& record : consumeRaw(topic, isolation, expected, 15000)) out += record.toString() + "\n";
  return out;
}

class SqlKafkaTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(run("SET 'table.local-time-zone' = 'UTC'"), "[OK]\n"); }

  // The WITH options every table here has, then `extra`.
  static std::string with(const std::string& connector, const std::string& topic, const std::string& extra) {
    return fmt::format("'connector' = '{}', 'topic' = '{}', 'properties.bootstrap.servers' = '{}', {}", connector, topic,
                       KafkaTestBroker::bootstrapServers(), extra);
  }
  static constexpr const char* kBoundedJson =
      "'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'";

  std::string run(const std::string& sql) { return runSql(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlKafkaTest, JsonFilterProjectIntoKafka) {
  const std::string in = createTopic("sql-json-in", 1);
  const std::string out = createTopic("sql-json-out", 1);
  ASSERT_TRUE(produceRaw(in, {valueRecord(R"({"user_id":"alice","page":"/home","ms":1})"),
                              valueRecord(R"({"user_id":"bob","page":"/cart","ms":2})"),
                              valueRecord(R"({"user_id":"carol","page":"/checkout","ms":3})")})
                  .ok());
  ASSERT_EQ(run("CREATE TABLE clicks (user_id STRING, page STRING, ms BIGINT) WITH (" + with("kafka", in, kBoundedJson) +
                ")"),
            "[OK]\n");
  ASSERT_EQ(run("CREATE TABLE long_pages (user_id STRING, page_length INT) WITH (" +
                with("kafka", out, kBoundedJson) + ")"),
            "[OK]\n");
  EXPECT_EQ(run("INSERT INTO long_pages SELECT UPPER(user_id), CHAR_LENGTH(page) FROM clicks WHERE ms > 1"),
            "[-1]\n");
  EXPECT_EQ(rawRecords(out, 2),
            "p0@0 key=null value={\"user_id\":\"BOB\",\"page_length\":5}\n"
            "p0@1 key=null value={\"user_id\":\"CAROL\",\"page_length\":9}\n");
  EXPECT_EQ(run("SELECT * FROM long_pages"), "+I[BOB, 5]\n+I[CAROL, 9]\n");
}

// Five records at offsets 0..4 with timestamps 1000..5000, read from each startup mode.
TEST_F(SqlKafkaTest, EveryStartupMode) {
  const std::string topic = createTopic("sql-startup", 1);
  std::vector<RawRecord> records;
  for (int i = 0; i < 5; ++i) records.push_back(valueRecord(fmt::format(R"({{"v":{}}})", i), 1000 * (i + 1)));
  ASSERT_TRUE(produceRaw(topic, records).ok());
  const std::string group = topic + "-group";
  ASSERT_TRUE(commitGroupOffset(group, topic, 0, 3).ok());
  auto read = [&](const std::string& name, const std::string& startup) {
    EXPECT_EQ(run(fmt::format("CREATE TABLE {} (v INT, `offset` BIGINT METADATA VIRTUAL) WITH ({})", name,
                              with("kafka", topic, "'format' = 'json', 'scan.bounded.mode' = 'latest-offset', " + startup))),
              "[OK]\n");
    return run("SELECT v, `offset` FROM " + name);
  };
  EXPECT_EQ(read("from_earliest", "'scan.startup.mode' = 'earliest-offset'"),
            "+I[0, 0]\n+I[1, 1]\n+I[2, 2]\n+I[3, 3]\n+I[4, 4]\n");
  EXPECT_EQ(read("from_latest", "'scan.startup.mode' = 'latest-offset'"), "");
  EXPECT_EQ(read("from_group", fmt::format("'scan.startup.mode' = 'group-offsets', 'properties.group.id' = '{}'", group)),
            "+I[3, 3]\n+I[4, 4]\n");
  EXPECT_EQ(read("from_group_reset", fmt::format("'scan.startup.mode' = 'group-offsets', 'properties.group.id' = '{}-new', "
                                                 "'properties.auto.offset.reset' = 'earliest'",
                                                 group)),
            "+I[0, 0]\n+I[1, 1]\n+I[2, 2]\n+I[3, 3]\n+I[4, 4]\n");
  EXPECT_EQ(read("from_timestamp", "'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '2500'"),
            "+I[2, 2]\n+I[3, 3]\n+I[4, 4]\n");
  EXPECT_EQ(read("from_offsets",
                 "'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:4'"),
            "+I[4, 4]\n");
}

// The leader epoch of records appended by the broker's first leader; librdkafka before 2.1
// does not report epochs, and the column is then NULL (Flink's Optional.empty()).
constexpr const char* kFirstLeaderEpoch = RD_KAFKA_VERSION >= 0x020100ff ? "0" : "NULL";

// An unbounded 'latest-offset' read sees only what is produced after it started: records
// are produced until the first row arrives, and no row is one of those before the start.
TEST_F(SqlKafkaTest, LatestOffsetReadsOnlyNewRecords) {
  const std::string topic = createTopic("sql-latest", 1);
  ASSERT_TRUE(produceRaw(topic, {valueRecord(R"({"v":-2})"), valueRecord(R"({"v":-1})")}).ok());
  ASSERT_EQ(run("CREATE TABLE newest (v INT) WITH (" +
                with("kafka", topic, "'format' = 'json', 'scan.startup.mode' = 'latest-offset'") + ")"),
            "[OK]\n");
  std::mutex mutex;
  std::vector<std::string> rows;
  Result<std::unique_ptr<runtime::JobClient>> job =
      env_->submitSql("SELECT v FROM newest", [&](types::RowKind, const std::vector<std::optional<std::string>>& fields) {
        std::lock_guard lock(mutex);
        rows.push_back(fields[0].value_or("NULL"));
      });
  ASSERT_TRUE(job.ok()) << job.status().toString();
  int produced = 0;
  for (; produced < 200; ++produced) {
    {
      std::lock_guard lock(mutex);
      if (!rows.empty()) break;
    }
    ASSERT_TRUE(produceRaw(topic, {valueRecord(fmt::format(R"({{"v":{}}})", produced))}).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (*job)->cancel();
  const std::string ended = (*job)->waitForCompletion().toString();
  EXPECT_TRUE(ended.starts_with("Cancelled: Job collect (") && ended.ends_with(") was cancelled")) << ended;
  std::lock_guard lock(mutex);
  ASSERT_FALSE(rows.empty()) << "no row arrived after " << produced << " new records";
  // The rows are a run of the new records up to the last produced, in order.
  const int first = std::stoi(rows[0]);
  EXPECT_GE(first, 0);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], std::to_string(first + static_cast<int>(i)));
}

TEST_F(SqlKafkaTest, ReadsMetadataColumns) {
  const std::string topic = createTopic("sql-metadata-read", 2);
  RawRecord first = valueRecord(R"({"v":"a"})", 1700000000123, 1);
  first.headers = {{"trace", "t-1"}, {"empty", std::nullopt}, {"trace", "t-2"}};
  ASSERT_TRUE(produceRaw(topic, {first, valueRecord(R"({"v":"b"})", 1700000000456, 1),
                                 valueRecord(R"({"v":"c"})", 1700000000789, 0)})
                  .ok());
  ASSERT_EQ(run("CREATE TABLE events (v STRING, `topic` STRING METADATA VIRTUAL, `partition` INT METADATA VIRTUAL, "
                "`offset` BIGINT METADATA VIRTUAL, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', "
                "ts_type STRING METADATA FROM 'timestamp-type' VIRTUAL, headers MAP<STRING, BYTES> METADATA, "
                "epoch INT METADATA FROM 'leader-epoch' VIRTUAL) WITH (" +
                with("kafka", topic, kBoundedJson) + ")"),
            "[OK]\n");
  EXPECT_EQ(sortedRows(*env_, "SELECT v, `topic` = '" + topic +
                                  "', `partition`, `offset`, CAST(ts AS TIMESTAMP(3)), ts_type, headers, epoch FROM events"),
            fmt::format("+I[a, TRUE, 1, 0, 2023-11-14 22:13:20.123, CreateTime, {{trace=t-2, empty=NULL}}, {0}]\n"
                        "+I[b, TRUE, 1, 1, 2023-11-14 22:13:20.456, CreateTime, {{}}, {0}]\n"
                        "+I[c, TRUE, 0, 0, 2023-11-14 22:13:20.789, CreateTime, {{}}, {0}]\n",
                        kFirstLeaderEpoch));
}

// Headers and timestamps read from one topic and written to another through the writable
// metadata columns: without them the producer would stamp its own time and no headers.
TEST_F(SqlKafkaTest, WritesHeadersAndTimestamp) {
  const std::string in = createTopic("sql-metadata-in", 1);
  const std::string out = createTopic("sql-metadata-out", 1);
  RawRecord first = valueRecord(R"({"v":"x"})", 1700000000123);
  first.headers = {{"k1", "v1"}, {"k2", "v2"}};
  ASSERT_TRUE(produceRaw(in, {first, valueRecord(R"({"v":"y"})", 1600000000000)}).ok());
  const std::string columns = "(v STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', headers MAP<STRING, BYTES> METADATA)";
  ASSERT_EQ(run("CREATE TABLE stamped_in " + columns + " WITH (" + with("kafka", in, kBoundedJson) + ")"), "[OK]\n");
  ASSERT_EQ(run("CREATE TABLE stamped_out " + columns + " WITH (" + with("kafka", out, kBoundedJson) + ")"), "[OK]\n");
  EXPECT_EQ(run("INSERT INTO stamped_out SELECT UPPER(v), ts, headers FROM stamped_in"), "[-1]\n");
  const std::vector<RawRecord> records = consumeRaw(out, "read_uncommitted", 2, 15000);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].toString(), "p0@0 key=null value={\"v\":\"X\"} headers={k1=v1, k2=v2}");
  EXPECT_EQ(records[0].timestamp, 1700000000123);
  EXPECT_EQ(records[1].toString(), "p0@1 key=null value={\"v\":\"Y\"}");
  EXPECT_EQ(records[1].timestamp, 1600000000000);
  EXPECT_EQ(run("SELECT v, CAST(ts AS TIMESTAMP(3)), headers FROM stamped_out"),
            "+I[X, 2023-11-14 22:13:20.123, {k1=v1, k2=v2}]\n"
            "+I[Y, 2020-09-13 12:26:40.000, {}]\n");
  // A metadata key the sink cannot write fails the INSERT with Flink's message.
  ASSERT_EQ(run("CREATE TABLE offsets_out (v STRING, o BIGINT METADATA FROM 'offset') WITH (" +
                with("kafka", out, kBoundedJson) + ")"),
            "[OK]\n");
  EXPECT_EQ(run("INSERT INTO offsets_out SELECT v, CAST(1 AS BIGINT) FROM stamped_in"),
            "ERROR: Invalid metadata key 'offset' in column 'o' of table 'default_catalog.default_database.offsets_out'. "
            "The DynamicTableSink class 'Kafka' supports the following metadata keys for writing:\nheaders\ntimestamp");

}

// An updating GROUP BY over an upsert-kafka table into an upsert-kafka table: upserts and
// tombstones on the wire, and the final table when read back.
TEST_F(SqlKafkaTest, UpsertKafkaWritesUpsertsAndTombstones) {
  const std::string orders = createTopic("sql-upsert-orders", 1);
  const std::string totals = createTopic("sql-upsert-totals", 1);
  ASSERT_TRUE(produceRaw(orders, {keyedRecord(R"({"id":1})", R"({"id":1,"buyer":"alice","amount":10})"),
                                  keyedRecord(R"({"id":2})", R"({"id":2,"buyer":"bob","amount":5})"),
                                  keyedRecord(R"({"id":1})", R"({"id":1,"buyer":"alice","amount":15})"),
                                  keyedRecord(R"({"id":3})", R"({"id":3,"buyer":"carol","amount":7})"),
                                  keyedRecord(R"({"id":2})", std::nullopt),
                                  keyedRecord(R"({"id":3})", R"({"id":3,"buyer":"alice","amount":7})")})
                  .ok());
  const std::string upsert_json = "'key.format' = 'json', 'value.format' = 'json', 'scan.bounded.mode' = 'latest-offset'";
  ASSERT_EQ(run("CREATE TABLE orders (id INT, buyer STRING, amount BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (" +
                with("upsert-kafka", orders, upsert_json) + ")"),
            "[OK]\n");
  ASSERT_EQ(run("CREATE TABLE totals (buyer STRING, total BIGINT, PRIMARY KEY (buyer) NOT ENFORCED) WITH (" +
                with("upsert-kafka", totals, upsert_json) + ")"),
            "[OK]\n");
  // The source's upserts normalized on the primary key (ChangelogNormalize): full -U and -D.
  EXPECT_EQ(run("SELECT * FROM orders"),
            "+I[1, alice, 10]\n+I[2, bob, 5]\n-U[1, alice, 10]\n+U[1, alice, 15]\n+I[3, carol, 7]\n-D[2, bob, 5]\n"
            "-U[3, carol, 7]\n+U[3, alice, 7]\n");
  EXPECT_EQ(run("INSERT INTO totals SELECT buyer, SUM(amount) FROM orders GROUP BY buyer"), "[-1]\n");
  // As Flink's GroupAggFunction: -U[1, alice, 10] empties alice's group (-D, a tombstone)
  // before +U[1, alice, 15] starts it again (+I).
  EXPECT_EQ(rawRecords(totals, 8),
            "p0@0 key={\"buyer\":\"alice\"} value={\"buyer\":\"alice\",\"total\":10}\n"
            "p0@1 key={\"buyer\":\"bob\"} value={\"buyer\":\"bob\",\"total\":5}\n"
            "p0@2 key={\"buyer\":\"alice\"} value=null\n"
            "p0@3 key={\"buyer\":\"alice\"} value={\"buyer\":\"alice\",\"total\":15}\n"
            "p0@4 key={\"buyer\":\"carol\"} value={\"buyer\":\"carol\",\"total\":7}\n"
            "p0@5 key={\"buyer\":\"bob\"} value=null\n"
            "p0@6 key={\"buyer\":\"carol\"} value=null\n"
            "p0@7 key={\"buyer\":\"alice\"} value={\"buyer\":\"alice\",\"total\":22}\n");
  EXPECT_EQ(finalRows(*env_, "SELECT * FROM totals"), "[alice, 22]\n");
}

TEST_F(SqlKafkaTest, MalformedJsonFailsTheJobOrIsSkipped) {
  const std::string topic = createTopic("sql-malformed", 1);
  ASSERT_TRUE(produceRaw(topic, {valueRecord(R"({"v":1})"), valueRecord("{not json"), valueRecord(R"({"v":3})")}).ok());
  const std::string bounded = "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', ";
  ASSERT_EQ(run("CREATE TABLE strict_json (v INT) WITH (" + with("kafka", topic, bounded + "'value.format' = 'json'") + ")"),
            "[OK]\n");
  ASSERT_EQ(run("CREATE TABLE lenient_json (v INT) WITH (" +
                with("kafka", topic, bounded + "'value.format' = 'json', 'value.json.ignore-parse-errors' = 'true'") +
                ")"),
            "[OK]\n");
  EXPECT_EQ(run("SELECT v FROM strict_json"),
            fmt::format("ERROR: operator 'TableSourceScan(table=[[default_catalog, default_database, strict_json]], "
                        "fields=[v])' failed: Failed to deserialize the record of topic {} partition 0 offset 1: Failed "
                        "to deserialize JSON '{{not json'. Caused by: JSON document ended early in the middle of an "
                        "object or array.",
                        topic));
  EXPECT_EQ(run("SELECT v FROM lenient_json"), "+I[1]\n+I[3]\n");
}

TEST_F(SqlKafkaTest, ExactlyOnceIsVisibleToReadCommittedAfterTheJob) {
  const std::string in = createTopic("sql-eos-in", 1);
  const std::string out = createTopic("sql-eos-out", 1);
  ASSERT_TRUE(produceRaw(in, {valueRecord(R"({"n":1})"), valueRecord(R"({"n":2})"), valueRecord(R"({"n":3})")}).ok());
  ASSERT_EQ(run("CREATE TABLE numbers (n INT) WITH (" + with("kafka", in, kBoundedJson) + ")"), "[OK]\n");
  ASSERT_EQ(run("CREATE TABLE squares (n INT, square INT) WITH (" +
                with("kafka", out,
                     "'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', "
                     "'sink.transactional-id-prefix' = '" + out + "'") +
                ")"),
            "[OK]\n");
  EXPECT_EQ(run("INSERT INTO squares SELECT n, n * n FROM numbers"), "[-1]\n");
  EXPECT_EQ(rawRecords(out, 3, "read_committed"),
            "p0@0 key=null value={\"n\":1,\"square\":1}\n"
            "p0@1 key=null value={\"n\":2,\"square\":4}\n"
            "p0@2 key=null value={\"n\":3,\"square\":9}\n");
}

// The seed's page_events DDL (connector kafka, format json, WATERMARK) with the seed's
// 5-minute tumbling count over it.
TEST_F(SqlKafkaTest, SeedPageEventsTable) {
  const std::string topic = createTopic("sql-page-events", 1);
  ASSERT_TRUE(produceRaw(topic, {valueRecord(R"({"user_id":"u1","page":"/a","event_time":"2024-01-01 10:00:01"})"),
                                 valueRecord(R"({"user_id":"u2","page":"/b","event_time":"2024-01-01 10:01:00"})"),
                                 valueRecord(R"({"user_id":"u1","page":"/c","event_time":"2024-01-01 10:04:59.999"})"),
                                 valueRecord(R"({"user_id":"u1","page":"/d","event_time":"2024-01-01 10:05:00"})")})
                  .ok());
  ASSERT_EQ(run(fmt::format(R"(CREATE TABLE page_events (
    user_id STRING,
    page   STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic'     = '{}',
    'properties.bootstrap.servers' = '{}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format'    = 'json'
))",
                            topic, KafkaTestBroker::bootstrapServers())),
            "[OK]\n");
  EXPECT_EQ(sortedRows(*env_,
                       "SELECT user_id, TUMBLE_START(event_time, INTERVAL '5' MINUTE), "
                       "TUMBLE_END(event_time, INTERVAL '5' MINUTE), COUNT(*) AS page_count FROM page_events "
                       "GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE)"),
            "+I[u1, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 2]\n"
            "+I[u1, 2024-01-01 10:05:00.000, 2024-01-01 10:10:00.000, 1]\n"
            "+I[u2, 2024-01-01 10:00:00.000, 2024-01-01 10:05:00.000, 1]\n");
}

}  // namespace
}  // namespace eddy::sql
