#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/api/stream_execution_environment.h"
#include "eddy/functions/process_function.h"
#include "eddy/functions/watermark_strategy.h"
#include "eddy/table/stream_table_environment.h"
#include "eddy/types/data_types.h"
#include "sql/connectors/values/values_data.h"

namespace eddy::table {
namespace {

using types::DataTypes;
using types::Row;
using types::RowKind;
using types::TimestampData;
using types::Value;

// Every record as "<Row.toString> @ <timestamp or none>".
class TimestampedRows final : public ProcessFunction<Row, std::string> {
 public:
  void processElement(const Row& row, Context& ctx, Collector<std::string>& out) override {
    std::optional<int64_t> timestamp = ctx.timestamp();
    out.collect(row.toString() + " @ " + (timestamp ? std::to_string(*timestamp) : "none"));
  }
};

std::string collected(DataStream<Row> stream) {
  Result<std::vector<std::string>> rows = stream.process(TimestampedRows{}).executeAndCollect();
  if (!rows.ok()) return "ERROR: " + rows.status().message();
  std::string out;
  for (const std::string& row : *rows) out += row + "\n";
  return out;
}

Value at(int64_t millis) { return Value::timestamp(TimestampData::fromEpochMillis(millis)); }

// 2024-01-01 10:00:00 UTC.
constexpr int64_t kTen = 1704103200000;

class TableApiBridgeTest : public ::testing::Test {
 protected:
  void SetUp() override { env_->setParallelism(1); }

  // Page views: user, page, event time.
  DataStream<Row> pageViews() {
    return env_->fromElements(Row::of("alice", "/home", at(kTen + 1000)), Row::of("bob", "/cart", at(kTen + 61000)),
                              Row::of("alice", "/cart", at(kTen + 299999)), Row::of("alice", "/home", at(kTen + 300000)));
  }
  static Schema::Builder pageViewColumns() {
    Schema::Builder builder = Schema::newBuilder();
    builder.column("user_id", DataTypes::STRING()).column("page", DataTypes::STRING()).column("ts", DataTypes::TIMESTAMP(3));
    return builder;
  }

  std::unique_ptr<StreamExecutionEnvironment> env_ = StreamExecutionEnvironment::getExecutionEnvironment(Configuration{});
  std::unique_ptr<StreamTableEnvironment> tenv_ = StreamTableEnvironment::create(*env_);
};

TEST_F(TableApiBridgeTest, FromDataStreamWithAWatermarkFeedsATumbleWindow) {
  Schema schema = pageViewColumns().watermark("ts", "ts - INTERVAL '1' SECOND").build();
  Result<Table> views = tenv_->fromDataStream(pageViews(), schema);
  ASSERT_TRUE(views.ok()) << views.status().message();
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", *views).ok());
  Result<Table> counts = tenv_->sqlQuery(
      "SELECT user_id, TUMBLE_START(ts, INTERVAL '5' MINUTE) AS w, COUNT(*) AS cnt, "
      "TUMBLE_ROWTIME(ts, INTERVAL '5' MINUTE) AS rt FROM page_views GROUP BY user_id, TUMBLE(ts, INTERVAL '5' MINUTE)");
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  Result<DataStream<Row>> stream = tenv_->toDataStream(*counts);
  ASSERT_TRUE(stream.ok()) << stream.status().message();
  EXPECT_EQ(collected(*stream),
            "+I[alice, 2024-01-01T10:00, 2, 2024-01-01T10:04:59.999] @ 1704103499999\n"
            "+I[bob, 2024-01-01T10:00, 1, 2024-01-01T10:04:59.999] @ 1704103499999\n"
            "+I[alice, 2024-01-01T10:05, 1, 2024-01-01T10:09:59.999] @ 1704103799999\n");
}

TEST_F(TableApiBridgeTest, TheSchemaResolvesAsInCreateTable) {
  Schema schema = pageViewColumns()
                      .columnByExpression("hour_of_view", "HOUR(ts)")
                      .watermark("ts", "ts - INTERVAL '1' SECOND")
                      .build();
  EXPECT_EQ(schema.toString(),
            "(\n  `user_id` STRING,\n  `page` STRING,\n  `ts` TIMESTAMP(3),\n  `hour_of_view` AS [HOUR(ts)],\n"
            "  WATERMARK FOR `ts` AS [ts - INTERVAL '1' SECOND]\n)");
  Result<Table> views = tenv_->fromDataStream(pageViews(), schema);
  ASSERT_TRUE(views.ok()) << views.status().message();
  Result<ResolvedSchema> resolved = views->getResolvedSchema();
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_EQ(resolved->toString(),
            "(\n  `user_id` STRING,\n  `page` STRING,\n  `ts` TIMESTAMP(3) *ROWTIME*,\n  `hour_of_view` BIGINT\n)");
}

TEST_F(TableApiBridgeTest, ToChangelogStreamShowsTheUpdatesOfAGroupBy) {
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", pageViews(), pageViewColumns().build()).ok());
  Result<Table> counts = tenv_->sqlQuery("SELECT user_id, COUNT(*) AS cnt FROM page_views GROUP BY user_id");
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  Result<DataStream<Row>> stream = tenv_->toChangelogStream(*counts);
  ASSERT_TRUE(stream.ok()) << stream.status().message();
  EXPECT_EQ(collected(*stream),
            "+I[alice, 1] @ none\n"
            "+I[bob, 1] @ none\n"
            "-U[alice, 1] @ none\n"
            "+U[alice, 2] @ none\n"
            "-U[alice, 2] @ none\n"
            "+U[alice, 3] @ none\n");
}

TEST_F(TableApiBridgeTest, ToDataStreamRefusesAnUpdatingTableWithFlinksMessage) {
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", pageViews(), pageViewColumns().build()).ok());
  Result<Table> counts = tenv_->sqlQuery("SELECT user_id, COUNT(*) AS cnt FROM page_views GROUP BY user_id");
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  Result<DataStream<Row>> stream = tenv_->toDataStream(*counts);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().message(),
            "Table sink '*anonymous_datastream_sink$1*' doesn't support consuming update changes which is produced by "
            "node GroupAggregate(groupBy=[user_id], select=[user_id, COUNT(*) AS cnt])");
}

TEST_F(TableApiBridgeTest, FromChangelogStreamHonoursRowKinds) {
  DataStream<Row> changes = env_->fromElements(
      Row::ofKind(RowKind::INSERT, "apple", int64_t{3}), Row::ofKind(RowKind::INSERT, "pear", int64_t{5}),
      Row::ofKind(RowKind::UPDATE_BEFORE, "apple", int64_t{3}), Row::ofKind(RowKind::UPDATE_AFTER, "apple", int64_t{4}),
      Row::ofKind(RowKind::DELETE, "pear", int64_t{5}));
  Schema schema = Schema::newBuilder().column("product", DataTypes::STRING()).column("amount", DataTypes::BIGINT()).build();
  Result<Table> table = tenv_->fromChangelogStream(changes, schema);
  ASSERT_TRUE(table.ok()) << table.status().message();
  Result<DataStream<Row>> total = tenv_->toChangelogStream(table->select("SUM(amount) AS total"));
  ASSERT_TRUE(total.ok()) << total.status().message();
  EXPECT_EQ(collected(*total),
            "+I[3] @ none\n"
            "-U[3] @ none\n"
            "+U[8] @ none\n"
            "-U[8] @ none\n"
            "+U[5] @ none\n"
            "-U[5] @ none\n"
            "+U[9] @ none\n"
            "-U[9] @ none\n"
            "+U[4] @ none\n");
}

TEST_F(TableApiBridgeTest, TheRowtimeMetadataColumnReadsTheRecordTimestamps) {
  DataStream<Row> stream =
      env_->fromElements(Row::of("a", int64_t{1000}), Row::of("b", int64_t{2500}), Row::of("c", int64_t{7000}))
          .assignTimestampsAndWatermarks(WatermarkStrategy<Row>::forMonotonousTimestamps().withTimestampAssigner(
              [](const Row& row, int64_t) { return row.getField(1).getLong(); }));
  Schema schema = Schema::newBuilder()
                      .column("name", DataTypes::STRING())
                      .column("millis", DataTypes::BIGINT())
                      .columnByMetadata("rowtime", DataTypes::TIMESTAMP_LTZ(3))
                      .watermark("rowtime", "rowtime")
                      .build();
  Result<Table> table = tenv_->fromDataStream(stream, schema);
  ASSERT_TRUE(table.ok()) << table.status().message();
  Result<DataStream<Row>> out = tenv_->toDataStream(table->select("name, rowtime").filter("name <> 'b'"));
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(collected(*out),
            "+I[a, 1970-01-01T00:00:01Z] @ 1000\n"
            "+I[c, 1970-01-01T00:00:07Z] @ 7000\n");
}

// A struct read through PojoType, as Flink reads a POJO's fields.
struct Click {
  std::string user;
  int64_t count;
};

}  // namespace

template <>
struct PojoType<Click> {
  static auto fields() { return std::make_tuple(pojoField("user", &Click::user), pojoField("count", &Click::count)); }
};

namespace {

TEST_F(TableApiBridgeTest, FromDataStreamOfStructsTakesTheirFieldsAsColumns) {
  DataStream<Click> clicks = env_->fromElements(Click{"alice", 2}, Click{"bob", 5});
  Result<Table> table = tenv_->fromDataStream(clicks, Schema::newBuilder().columnByExpression("twice", "`count` * 2").build());
  ASSERT_TRUE(table.ok()) << table.status().message();
  Result<ResolvedSchema> schema = table->getResolvedSchema();
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(schema->toString(), "(\n  `user` STRING,\n  `count` BIGINT NOT NULL,\n  `twice` BIGINT NOT NULL\n)");
  Result<DataStream<Row>> out = tenv_->toDataStream(*table);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(collected(*out), "+I[alice, 2, 4] @ none\n+I[bob, 5, 10] @ none\n");
}

TEST_F(TableApiBridgeTest, AMistakeInTheSchemaIsReportedAsCreateTableReportsIt) {
  Result<Table> table = tenv_->fromDataStream(pageViews(), pageViewColumns().watermark("tss", "tss").build());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(),
            "Invalid column name 'tss' for rowtime attribute in watermark declaration. Available columns are: "
            "[user_id, page, ts]");
  Result<Table> no_columns = tenv_->fromDataStream(pageViews(), Schema::derived());
  ASSERT_FALSE(no_columns.ok());
  EXPECT_EQ(no_columns.status().message(),
            "A DataStream<Row> carries no field names: declare its physical columns with "
            "Schema::Builder::column(name, type)");
}

TEST_F(TableApiBridgeTest, AQueryOfADataStreamRunsOnlyWithTheDataStreamJob) {
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", pageViews(), pageViewColumns().build()).ok());
  Result<sql::TableResult> result = tenv_->executeSql("SELECT * FROM page_views");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "A table that reads a DataStream runs in the DataStream's StreamExecutionEnvironment: convert the result "
            "with toDataStream or toChangelogStream (or StatementSet::attachAsDataStream) and run env.execute()");
}

TEST_F(TableApiBridgeTest, FromReadsAViewAndSqlQueryRefusesOtherStatements) {
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", pageViews(), pageViewColumns().build()).ok());
  Result<Table> views = tenv_->from("page_views");
  ASSERT_TRUE(views.ok()) << views.status().message();
  Result<DataStream<Row>> out = tenv_->toDataStream(views->filter($("page").isEqual(lit("/cart"))).select($("user_id")));
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(collected(*out), "+I[bob] @ none\n+I[alice] @ none\n");
  EXPECT_EQ(tenv_->from("nope").status().message(), "Table nope was not found.");
  EXPECT_EQ(tenv_->sqlQuery("CREATE VIEW v AS SELECT 1").status().message(),
            "Unsupported SQL query! sqlQuery() only accepts a single SQL query of type SELECT, UNION, INTERSECT, "
            "EXCEPT, VALUES, and ORDER_BY.");
}

TEST_F(TableApiBridgeTest, AStatementSetAttachedToTheDataStreamJobRunsWithEnvExecute) {
  sql::ValuesData::clearAll();
  ASSERT_TRUE(tenv_->createTemporaryView("page_views", pageViews(), pageViewColumns().build()).ok());
  ASSERT_TRUE(tenv_->executeSql("CREATE TABLE homes (user_id STRING) WITH ('connector' = 'values')").ok());
  ASSERT_TRUE(tenv_->executeSql("CREATE TABLE carts (user_id STRING) WITH ('connector' = 'values')").ok());
  StreamStatementSet set = tenv_->createStatementSet();
  Result<Table> views = tenv_->from("page_views");
  ASSERT_TRUE(views.ok()) << views.status().message();
  set.addInsert("homes", views->filter($("page").isEqual(lit("/home"))).select($("user_id")))
      .addInsertSql("INSERT INTO carts SELECT user_id FROM page_views WHERE page = '/cart'");
  Status attached = set.attachAsDataStream();
  ASSERT_TRUE(attached.ok()) << attached.message();
  ASSERT_TRUE(env_->execute().ok());
  EXPECT_EQ(sql::ValuesData::rawResults("homes"), (std::vector<std::string>{"+I[alice]", "+I[alice]"}));
  EXPECT_EQ(sql::ValuesData::rawResults("carts"), (std::vector<std::string>{"+I[bob]", "+I[alice]"}));
}

// Flink's punctuated example: after every event a watermark at the event's timestamp.
class WatermarkAtEveryEvent final : public WatermarkGenerator<Row> {
 public:
  void onEvent(const Row&, int64_t timestamp, WatermarkOutput& output) override { output.emitWatermark(timestamp); }
  void onPeriodicEmit(WatermarkOutput&) override {}
};

// Clicks at 10:00:01, 10:06:00, 10:02:00 (late once the watermark passed 10:06) and 10:07:00.
DataStream<Row> punctuatedClicks(StreamExecutionEnvironment& env) {
  return env
      .fromElements(Row::of("a", kTen + 1000), Row::of("b", kTen + 360000), Row::of("c", kTen + 120000),
                    Row::of("d", kTen + 420000))
      .assignTimestampsAndWatermarks(
          WatermarkStrategy<Row>::forGenerator([] { return std::make_unique<WatermarkAtEveryEvent>(); })
              .withTimestampAssigner([](const Row& row, int64_t) { return row.getField(1).getLong(); }));
}

// The clicks as a table with the record timestamps as the metadata column "rowtime" and
// `WATERMARK FOR rowtime AS <watermark>`, counted per 5-minute window.
std::string clicksPerFiveMinutes(StreamExecutionEnvironment& env, StreamTableEnvironment& tenv,
                                 const std::string& watermark) {
  Schema::Builder schema = Schema::newBuilder();
  schema.column("name", DataTypes::STRING()).column("millis", DataTypes::BIGINT());
  schema.columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)").watermark("rowtime", watermark);
  Result<Table> clicks = tenv.fromDataStream(punctuatedClicks(env), schema.build());
  if (!clicks.ok()) return "ERROR: " + clicks.status().message();
  if (Status status = tenv.createTemporaryView("clicks", *clicks); !status.ok()) return "ERROR: " + status.message();
  Result<Table> counts = tenv.sqlQuery(
      "SELECT window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(rowtime), INTERVAL '5' MINUTES)) "
      "GROUP BY window_start, window_end");
  if (!counts.ok()) return "ERROR: " + counts.status().message();
  Result<DataStream<Row>> stream = tenv.toDataStream(*counts);
  if (!stream.ok()) return "ERROR: " + stream.status().message();
  return collected(*stream);
}

// Flink's documented fromDataStream example: the rowtime metadata column as the rowtime
// attribute and SOURCE_WATERMARK(), so the DataStream's watermarks drive the window: "c"
// arrives after the watermark 10:06:00 and is late.
TEST_F(TableApiBridgeTest, SourceWatermarkPropagatesTheDataStreamWatermarks) {
  EXPECT_EQ(clicksPerFiveMinutes(*env_, *tenv_, "SOURCE_WATERMARK()"),
            "+I[2024-01-01T10:00, 1] @ none\n"
            "+I[2024-01-01T10:05, 2] @ none\n");
}

// Without SOURCE_WATERMARK() the DataStream's watermarks stop at the table (Flink's
// InputConversionOperator): the declared watermark, 10 minutes behind, leaves "c" on time.
TEST_F(TableApiBridgeTest, ADerivedWatermarkIgnoresTheDataStreamWatermarks) {
  EXPECT_EQ(clicksPerFiveMinutes(*env_, *tenv_, "rowtime - INTERVAL '10' MINUTE"),
            "+I[2024-01-01T10:00, 2] @ none\n"
            "+I[2024-01-01T10:05, 2] @ none\n");
}

}  // namespace
}  // namespace eddy::table
