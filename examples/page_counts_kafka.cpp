// The seed's first program, "Page Event Aggregator", on real systems and ported line by line:
//
//   KafkaSource<PageEvent> source = KafkaSource.<PageEvent>builder()
//       .setBootstrapServers("kafka:9092").setTopics("page-events").setGroupId("flink-consumer")
//       .setStartingOffsets(OffsetsInitializer.earliest())
//       .setValueOnlyDeserializer(new PageEventDeserializer()).build();
//   events = env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(5 s)
//       .withTimestampAssigner((event, ts) -> event.getTimestamp()), "Kafka Source");
//   events.keyBy(PageEvent::getUserId)
//         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
//         .aggregate(new PageCountAggregator())
//         .uid("page-count-aggregator")
//         .sinkTo(JdbcSink.sink(...));
//
// JSON page events (page_counts_kafka_json.h) from Kafka, counted per user and 5-minute
// window, upserted into page_counts (user_id, window_start, window_end, page_count) with
// primary key (user_id, window_start) in PostgreSQL or MySQL/MariaDB (the url says which,
// and the upsert follows its dialect): a window written again after a restart overwrites
// itself, so the table is exact after any failure (Flink's exactly-once-by-idempotent-upsert).
//
// A job library for `eddy run` (as a Flink job jar for `flink run`):
//
//   eddy run [-s checkpoint] build/examples/libpage_counts_kafka.so
//       --bootstrap-servers 127.0.0.1:9092 --jdbc-url jdbc:postgresql://127.0.0.1:5432/analytics
//       (or jdbc:mariadb://127.0.0.1:3306/analytics, jdbc:mysql://…)
//       --username eddy --password secret [--topic page-events] [--bounded]
//       [--checkpoint-dir /tmp/checkpoints --checkpoint-interval-ms 500]
//
// --bounded reads up to the offsets the topics have when the job starts, then finishes
// (every window fires at the end of input), as `make demo-kafka` and its test do.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "eddy/connectors/jdbc/jdbc_sink.h"
#include "eddy/connectors/kafka/kafka_source.h"
#include "eddy/datastream.h"
#include "page_counts_kafka_json.h"
#include "page_events.h"

using namespace eddy;
using connectors::jdbc::JdbcConnectionOptions;
using connectors::jdbc::JdbcDialect;
using connectors::jdbc::JdbcDriverKind;
using connectors::jdbc::JdbcExecutionOptions;
using connectors::jdbc::JdbcSink;
using connectors::jdbc::JdbcUrl;
using connectors::jdbc::PreparedStatement;
using connectors::kafka::KafkaSource;
using connectors::kafka::OffsetsInitializer;
using examples::PageCount;
using examples::PageEvent;

namespace {

constexpr const char* kUsage =
    "usage: page_counts_kafka --bootstrap-servers HOST:PORT --jdbc-url URL --username USER --password PASSWORD "
    "[--topic page-events] [--bounded] [--checkpoint-dir DIR] [--checkpoint-interval-ms MS]\n";

// "--key value" pairs, and "--bounded" alone.
bool parseArguments(int argc, char** argv, std::map<std::string, std::string>& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key == "--bounded") {
      args["bounded"] = "true";
    } else if (key.rfind("--", 0) == 0 && i + 1 < argc) {
      args[key.substr(2)] = argv[++i];
    } else {
      return false;
    }
  }
  for (const char* required : {"bootstrap-servers", "jdbc-url", "username", "password"}) {
    if (!args.contains(required)) return false;
  }
  return true;
}

}  // namespace

extern "C" int eddyMain(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"topic", "page-events"}, {"checkpoint-interval-ms", "500"}};
  if (!parseArguments(argc, argv, args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  if (args.contains("checkpoint-dir")) {
    env->enableCheckpointing(std::atoll(args["checkpoint-interval-ms"].c_str()));
    env->getCheckpointConfig().setCheckpointStorage(args["checkpoint-dir"]);
  }

  auto url = JdbcUrl::parse(args["jdbc-url"]);
  if (!url.ok()) {
    std::fprintf(stderr, "%s\n", url.status().toString().c_str());
    return 1;
  }
  const bool postgres = url->kind == JdbcDriverKind::kPostgres;
  const std::string upsert = JdbcDialect(url->kind).getUpsertStatement(
      "page_counts", {"user_id", "window_start", "window_end", "page_count"}, {"user_id", "window_start"});

  auto builder = KafkaSource<PageEvent>::builder()
                     .setBootstrapServers(args["bootstrap-servers"])
                     .setTopics({args["topic"]})
                     .setGroupId("flink-consumer")
                     .setStartingOffsets(OffsetsInitializer::earliest())
                     .setValueOnlyDeserializer(examples::PageEventDeserializer());
  if (args.contains("bounded")) builder.setBounded(OffsetsInitializer::latest());
  auto source = builder.build();
  if (!source.ok()) {
    std::fprintf(stderr, "%s\n", source.status().toString().c_str());
    return 1;
  }

  DataStream<PageEvent> events = env->fromSource<PageEvent>(
      *source,
      WatermarkStrategy<PageEvent>::forBoundedOutOfOrderness(std::chrono::seconds(5))
          .withTimestampAssigner([](const PageEvent& event, int64_t) { return event.getTimestamp(); }),
      "Kafka Source");
  events.uid("kafka-source");

  events.keyBy([](const PageEvent& e) { return e.getUserId(); })
      .window(windowing::TumblingEventTimeWindows::of(std::chrono::minutes(5)))
      .aggregate(examples::PageCountAggregator(), examples::toPageCount)
      .uid("page-count-aggregator")
      .name("Page Count Aggregator")
      .sinkTo(JdbcSink::sink(
                  upsert,
                  [](PreparedStatement& statement, const PageCount& count) {
                    statement.setString(1, count.user_id);
                    statement.setTimestamp(2, types::TimestampData::fromEpochMillis(count.window_start));
                    statement.setTimestamp(3, types::TimestampData::fromEpochMillis(count.window_end));
                    statement.setLong(4, count.page_count);
                  },
                  JdbcExecutionOptions::builder().withBatchSize(1000).withBatchIntervalMs(200).withMaxRetries(3).build(),
                  JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
                      .withUrl(args["jdbc-url"])
                      .withDriverName(postgres ? "org.postgresql.Driver" : "org.mariadb.jdbc.Driver")
                      .withUsername(args["username"])
                      .withPassword(args["password"])
                      .build()),
              "JDBC Sink");

  auto result = env->execute("Page Event Aggregator");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  return 0;
}
