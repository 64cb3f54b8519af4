// Kafka → Eddy → Kafka against librdkafka alone, in the same run on the same broker (a real
// single-node KRaft broker started by scripts/kafka.sh), and Eddy's JSON decoding against
// simdjson's raw parse of the same records.
//
// BM_KafkaJsonFilterProject: every iteration (a) consumes the input topic's records with
// librdkafka and produces each value unchanged to another topic, in one thread — what the
// client library alone costs, the baseline — and (b) runs the SQL job
//   INSERT INTO page_views SELECT user_id, page, duration_ms FROM page_events
//   WHERE event_type <> 'skip'
// at parallelism 1 over the same records (JSON parse, filter, project, JSON encode,
// produce). Counters: records/s of each and eddy/librdkafka (the issue's target: ≥ 0.7).
//
// BM_JsonDecode: the same records decoded by Eddy's JSON format into a column batch (as the
// Kafka source does) against simdjson's on-demand parse touching every field; MB/s of each.
//
// EDDY_KAFKA_BENCH_RECORDS sets the number of records (default 500,000).
#include <benchmark/benchmark.h>
#include <librdkafka/rdkafka.h>
#include <simdjson.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/table/table_environment.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_types.h"

namespace {

using eddy::types::DataTypes;

int64_t recordCount() {
  const char* value = std::getenv("EDDY_KAFKA_BENCH_RECORDS");
  return value ? std::atoll(value) : 500'000;
}

// The page events, as the seed's page_events table reads them.
std::vector<std::string> makeEvents(int64_t count) {
  static const char* kTypes[] = {"view", "click", "scroll", "purchase"};
  std::vector<std::string> events;
  events.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    events.push_back(fmt::format(R"({{"user_id":"user-{}","page":"/products/{}","event_type":"{}",)"
                                 R"("event_time":"2024-01-01 {:02}:{:02}:{:02}.{:03}","duration_ms":{}}})",
                                 i % 1000, i % 97, kTypes[i % 4], (i / 3'600'000) % 24, (i / 60'000) % 60,
                                 (i / 1000) % 60, i % 1000, (i * 37) % 10'000));
  }
  return events;
}

eddy::types::LogicalType eventType() {
  return DataTypes::ROW({DataTypes::FIELD("user_id", DataTypes::STRING()), DataTypes::FIELD("page", DataTypes::STRING()),
                         DataTypes::FIELD("event_type", DataTypes::STRING()),
                         DataTypes::FIELD("event_time", DataTypes::TIMESTAMP(3)),
                         DataTypes::FIELD("duration_ms", DataTypes::BIGINT())});
}

// Runs a command; its first output line. Throws if it fails.
std::string runLine(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(command + " failed");
  return out.substr(0, out.find('\n'));
}

// The broker the Kafka benchmark uses: started on first use, stopped at exit.
class Broker {
 public:
  static Broker& get() {
    static Broker broker;
    return broker;
  }
  const std::string& bootstrap() const { return bootstrap_; }

  // A fresh topic of `partitions` partitions.
  std::string createTopic(const std::string& prefix, int partitions) {
    const std::string topic = fmt::format("{}-{}-{}", prefix, ::getpid(), topics_++);
    rd_kafka_t* rk = newClient(RD_KAFKA_PRODUCER, {});
    char error[512];
    rd_kafka_NewTopic_t* new_topic = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, error, sizeof(error));
    rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, &new_topic, 1, nullptr, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
    const bool ok = event && rd_kafka_event_error(event) == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (event) rd_kafka_event_destroy(event);
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(new_topic);
    rd_kafka_destroy(rk);
    if (!ok) throw std::runtime_error("cannot create topic " + topic);
    return topic;
  }

  // A client of the broker with `settings` on top of bootstrap.servers.
  rd_kafka_t* newClient(rd_kafka_type_t type, const std::vector<std::pair<std::string, std::string>>& settings) {
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap_.c_str(), error, sizeof(error));
    for (const auto& [key, value] : settings) {
      if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof(error)) != RD_KAFKA_CONF_OK) {
        throw std::runtime_error(error);
      }
    }
    rd_kafka_t* rk = rd_kafka_new(type, conf, error, sizeof(error));
    if (!rk) throw std::runtime_error(error);
    return rk;
  }

 private:
  Broker() : dir_(fmt::format("/tmp/eddy-kafka-bench-{}", ::getpid())) {
    bootstrap_ = runLine(fmt::format("bash {}/scripts/kafka.sh start {}", EDDY_SOURCE_DIR, dir_));
  }
  ~Broker() { std::system(fmt::format("bash {}/scripts/kafka.sh stop {} 2>/dev/null", EDDY_SOURCE_DIR, dir_).c_str()); }

  std::string dir_;
  std::string bootstrap_;
  int topics_ = 0;
};

// Produces each value with `rk` to `topic` (round robin over partitions) and waits for all.
void produceAll(rd_kafka_t* rk, const std::string& topic, const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(rk, 10);
    }
  }
  if (rd_kafka_flush(rk, 60000) != RD_KAFKA_RESP_ERR_NO_ERROR) throw std::runtime_error("produce did not finish");
}

// The sum of the high watermarks of `topic`'s `partitions` partitions: its record count.
int64_t topicRecords(const std::string& topic, int partitions) {
  rd_kafka_t* rk = Broker::get().newClient(RD_KAFKA_CONSUMER, {{"group.id", "eddy-bench-count"}});
  int64_t total = 0;
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 10000);
    total += high;
  }
  rd_kafka_destroy(rk);
  return total;
}

// The baseline: librdkafka consuming every record of `input` and producing its value to
// `output`, one thread, the consumer prefetching as it does by default.
void consumeAndProduce(const std::string& input, int partitions, int64_t records, const std::string& output) {
  rd_kafka_t* consumer = Broker::get().newClient(RD_KAFKA_CONSUMER, {{"group.id", "eddy-bench-baseline"}});
  rd_kafka_t* producer = Broker::get().newClient(RD_KAFKA_PRODUCER, {{"linger.ms", "5"}});
  rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(assignment, input.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(consumer, assignment);
  rd_kafka_topic_partition_list_destroy(assignment);
  int64_t seen = 0;
  while (seen < records) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 1000);
    if (!message) continue;
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(output.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                               RD_KAFKA_V_VALUE(message->payload, message->len),
                               RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(producer, 10);
      }
      rd_kafka_poll(producer, 0);
      ++seen;
    }
    rd_kafka_message_destroy(message);
  }
  rd_kafka_flush(producer, 60000);
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  rd_kafka_destroy(producer);
}

// The Eddy job over `input` into `output`, at parallelism 1, to its end (bounded source).
void runEddyJob(const std::string& input, const std::string& output) {
  eddy::Configuration configuration;
  configuration.setString("parallelism.default", "1");
  std::unique_ptr<eddy::table::TableEnvironment> env = eddy::table::TableEnvironment::create(configuration);
  const std::string& bootstrap = Broker::get().bootstrap();
  const std::string statements[] = {
      fmt::format("CREATE TABLE page_events (user_id STRING, page STRING, event_type STRING, event_time TIMESTAMP(3), "
                  "duration_ms BIGINT) WITH ('connector' = 'kafka', 'topic' = '{}', "
                  "'properties.bootstrap.servers' = '{}', 'properties.group.id' = 'eddy-bench', "
                  "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json')",
                  input, bootstrap),
      fmt::format("CREATE TABLE page_views (user_id STRING, page STRING, duration_ms BIGINT) WITH ("
                  "'connector' = 'kafka', 'topic' = '{}', 'properties.bootstrap.servers' = '{}', "
                  "'properties.linger.ms' = '5', 'format' = 'json', 'sink.delivery-guarantee' = 'at-least-once')",
                  output, bootstrap),
      "INSERT INTO page_views SELECT user_id, page, duration_ms FROM page_events WHERE event_type <> 'skip'"};
  for (const std::string& statement : statements) {
    auto result = env->executeSql(statement);
    if (!result.ok()) throw std::runtime_error(result.status().toString());
  }
}

void BM_KafkaJsonFilterProject(benchmark::State& state) {
  constexpr int kPartitions = 4;
  const int64_t records = recordCount();
  Broker& broker = Broker::get();
  const std::string input = broker.createTopic("page-events", kPartitions);
  {
    rd_kafka_t* producer = broker.newClient(RD_KAFKA_PRODUCER, {{"linger.ms", "20"}});
    produceAll(producer, input, makeEvents(records));
    rd_kafka_destroy(producer);
  }
  double seconds[2] = {0, 0};
  for (auto _ : state) {
    const std::string outputs[2] = {broker.createTopic("baseline-out", kPartitions),
                                    broker.createTopic("eddy-out", kPartitions)};
    for (int engine = 0; engine < 2; ++engine) {
      const auto start = std::chrono::steady_clock::now();
      if (engine == 0) {
        consumeAndProduce(input, kPartitions, records, outputs[0]);
      } else {
        runEddyJob(input, outputs[1]);
      }
      seconds[engine] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (topicRecords(outputs[engine], kPartitions) != records) {
        state.SkipWithError("an output topic does not hold every record");
        return;
      }
    }
  }
  const double total = static_cast<double>(state.iterations() * records);
  state.counters["librdkafka_rec_s"] = total / seconds[0];
  state.counters["eddy_rec_s"] = total / seconds[1];
  state.counters["eddy/librdkafka"] = seconds[0] / seconds[1];
}
BENCHMARK(BM_KafkaJsonFilterProject)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();

void BM_JsonDecode(benchmark::State& state) {
  const std::vector<std::string> events = makeEvents(100'000);
  size_t bytes = 0;
  for (const std::string& event : events) bytes += event.size();
  std::vector<simdjson::padded_string> padded(events.begin(), events.end());
  auto deserializer = eddy::formats::json::JsonRowDeserializer::create(eventType());
  if (!deserializer.ok()) throw std::runtime_error(deserializer.status().toString());
  simdjson::ondemand::parser parser;
  double seconds[2] = {0, 0};
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    int64_t checksum = 0;
    for (const simdjson::padded_string& event : padded) {
      simdjson::ondemand::document doc = parser.iterate(event);
      checksum += static_cast<int64_t>(std::string_view(doc["user_id"]).size());
      checksum += static_cast<int64_t>(std::string_view(doc["page"]).size());
      checksum += static_cast<int64_t>(std::string_view(doc["event_type"]).size());
      checksum += static_cast<int64_t>(std::string_view(doc["event_time"]).size());
      checksum += int64_t(doc["duration_ms"]);
    }
    benchmark::DoNotOptimize(checksum);
    seconds[0] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    eddy::types::ColumnBatch batch(eventType());
    batch.reserve(events.size());
    for (const std::string& event : events) {
      auto row = deserializer->deserialize(event);
      if (!row.ok() || !*row || !batch.appendRow(**row).ok()) throw std::runtime_error("decode failed");
    }
    benchmark::DoNotOptimize(batch.size());
    seconds[1] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double megabytes = static_cast<double>(state.iterations() * bytes) / 1e6;
  state.counters["simdjson_MB_s"] = megabytes / seconds[0];
  state.counters["eddy_MB_s"] = megabytes / seconds[1];
  state.counters["eddy/simdjson"] = seconds[0] / seconds[1];
}
BENCHMARK(BM_JsonDecode)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
