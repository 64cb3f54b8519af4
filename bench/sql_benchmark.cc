// Flink SQL against the hand-written DataStream job that computes the same thing, both at
// parallelism 1 in the same iteration (the SQL issue's target: SQL within 1.5× of the
// DataStream job), and the parse + plan time of a 20-table join (target < 50 ms).
//
// The input is the same in both: record i has key (i * 7919) mod 100000, value i mod 100 and
// event time i µs (so 1M records per second of event time). The DataStream job generates it
// with a DataGeneratorSource; the SQL job with the datagen connector's sequence and computed
// columns. The DataStream job's output is summed (SummingSink); the SQL job writes to a
// blackhole table, and its result is checked once per benchmark on a tenth of the input.
//
// Counters: datastream_rec_s and sql_rec_s (records/s of each), sql/datastream (the SQL job's
// time over the DataStream job's).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "eddy/connectors/datagen_source.h"
#include "eddy/datastream.h"
#include "eddy/table/table_environment.h"
#include "summing_sink.h"

namespace {

constexpr int64_t kKeys = 100'000;

struct Click {
  int64_t key;
  int64_t value;
  int64_t ts;  // milliseconds
};

Click click(int64_t i) { return Click{(i * 7919) % kKeys, i % 100, i / 1000}; }

// The same records as a table: `id` is the sequence, the rest computed from it.
std::string clicksTable(int64_t records) {
  return fmt::format(
      "CREATE TABLE clicks (id BIGINT, k AS (id * 7919) % {}, v AS id % 100, ts AS TO_TIMESTAMP_LTZ(id / 1000, 3), "
      "WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', "
      "'fields.id.start' = '0', 'fields.id.end' = '{}', 'rows-per-second' = '1000000000')",
      kKeys, records - 1);
}

const char* kWindowCountQuery =
    "SELECT k, window_start, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' SECOND)) "
    "GROUP BY k, window_start, window_end";
const char* kGroupAggregateQuery = "SELECT k, COUNT(*) AS cnt, SUM(v) AS total FROM clicks GROUP BY k";

struct CountAgg {
  int64_t createAccumulator() const { return 0; }
  int64_t add(const Click&, int64_t acc) const { return acc + 1; }
  int64_t getResult(int64_t acc) const { return acc; }
};

// A running (count, sum) per key, as the SQL group aggregation keeps it.
struct KeyTotals {
  int64_t key = 0;
  int64_t count = 0;
  int64_t total = 0;
};

eddy::DataStream<Click> clicks(eddy::StreamExecutionEnvironment& env, int64_t records) {
  return env.fromSource(eddy::connectors::makeDataGeneratorSource(click, records),
                        eddy::WatermarkStrategy<Click>::forMonotonousTimestamps().withTimestampAssigner(
                            [](const Click& c, int64_t) { return c.ts; }),
                        "Clicks");
}

std::unique_ptr<eddy::StreamExecutionEnvironment> singleSlotEnvironment() {
  auto env = eddy::StreamExecutionEnvironment::getExecutionEnvironment(eddy::Configuration());
  env->setParallelism(1);
  return env;
}

// The DataStream job of kWindowCountQuery; the sum of its counts (records when correct).
eddy::Result<int64_t> runDataStreamWindowCount(int64_t records) {
  auto env = singleSlotEnvironment();
  auto sum = std::make_shared<std::atomic<int64_t>>(0);
  clicks(*env, records)
      .keyBy([](const Click& c) { return c.key; })
      .window(eddy::windowing::TumblingEventTimeWindows::of(std::chrono::seconds(1)))
      .aggregate(CountAgg{})
      .sinkTo(std::make_shared<eddy::bench::SummingSink>(sum), "Sum");
  EDDY_RETURN_IF_ERROR(env->execute("window count").status());
  return sum->load();
}

// The DataStream job of kGroupAggregateQuery: a running count and sum per key, one update
// per record; the number of updates (records when correct).
eddy::Result<int64_t> runDataStreamGroupAggregate(int64_t records) {
  auto env = singleSlotEnvironment();
  auto sum = std::make_shared<std::atomic<int64_t>>(0);
  clicks(*env, records)
      .map([](const Click& c) { return KeyTotals{c.key, 1, c.value}; })
      .keyBy([](const KeyTotals& t) { return t.key; })
      .reduce([](const KeyTotals& a, const KeyTotals& b) { return KeyTotals{a.key, a.count + b.count, a.total + b.total}; })
      .map([](const KeyTotals&) { return int64_t{1}; })
      .sinkTo(std::make_shared<eddy::bench::SummingSink>(sum), "Sum");
  EDDY_RETURN_IF_ERROR(env->execute("group aggregate").status());
  return sum->load();
}

std::unique_ptr<eddy::table::TableEnvironment> sqlSession(int64_t records) {
  eddy::Configuration configuration;
  configuration.setString("parallelism.default", "1");
  auto env = eddy::table::TableEnvironment::create(configuration);
  for (const std::string& ddl : {clicksTable(records), std::string("CREATE TABLE out_window (k BIGINT, "
                                                                   "window_start TIMESTAMP(3), cnt BIGINT) WITH "
                                                                   "('connector' = 'blackhole')"),
                                 std::string("CREATE TABLE out_agg (k BIGINT, cnt BIGINT, total BIGINT, PRIMARY KEY "
                                             "(k) NOT ENFORCED) WITH ('connector' = 'blackhole')")}) {
    if (!env->executeSql(ddl).ok()) return nullptr;
  }
  return env;
}

eddy::Status runSql(int64_t records, const std::string& insert) {
  auto env = sqlSession(records);
  if (!env) return eddy::InvalidArgument("the benchmark's tables could not be created");
  return env->executeSql(insert).status();
}

// The sum of the SQL query's final counts over `records` records (records when correct).
eddy::Result<int64_t> sqlCountSum(int64_t records, const std::string& query) {
  auto env = sqlSession(records);
  if (!env) return eddy::InvalidArgument("the benchmark's tables could not be created");
  EDDY_ASSIGN_OR_RETURN(eddy::sql::TableResult result,
                        env->executeSql("SELECT SUM(cnt) FROM (SELECT cnt FROM (" + query + "))"));
  const auto& rows = result.rows;
  if (rows.empty() || !rows.back()[0]) return eddy::InvalidArgument("no result");
  return std::stoll(*rows.back()[0]);
}

// Runs `datastream` and `sql` in each iteration and reports both rates and their ratio;
// first checks both on a tenth of the input.
template <typename DataStreamJob>
void compareSqlWithDataStream(benchmark::State& state, int64_t records, DataStreamJob datastream,
                              const std::string& query, const std::string& sink) {
  const int64_t check_records = records / 10;
  eddy::Result<int64_t> expected = datastream(check_records);
  eddy::Result<int64_t> actual = sqlCountSum(check_records, query);
  if (!expected.ok() || !actual.ok() || *expected != check_records || *actual != check_records) {
    state.SkipWithError(fmt::format("wrong result: datastream {}, sql {}, expected {}",
                                    expected.ok() ? std::to_string(*expected) : expected.status().toString(),
                                    actual.ok() ? std::to_string(*actual) : actual.status().toString(), check_records)
                            .c_str());
    return;
  }
  double seconds[2] = {0, 0};
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    if (!datastream(records).ok()) return state.SkipWithError("the DataStream job failed");
    seconds[0] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    if (eddy::Status status = runSql(records, "INSERT INTO " + sink + " " + query); !status.ok()) {
      return state.SkipWithError(status.toString().c_str());
    }
    seconds[1] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double processed = static_cast<double>(state.iterations() * records);
  state.counters["datastream_rec_s"] = processed / seconds[0];
  state.counters["sql_rec_s"] = processed / seconds[1];
  state.counters["sql/datastream"] = seconds[1] / seconds[0];
}

void BM_TumblingWindowCountSqlVsDataStream(benchmark::State& state) {
  compareSqlWithDataStream(state, 5'000'000, runDataStreamWindowCount, kWindowCountQuery, "out_window");
}
BENCHMARK(BM_TumblingWindowCountSqlVsDataStream)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_GroupAggregateSqlVsDataStream(benchmark::State& state) {
  compareSqlWithDataStream(state, 5'000'000, runDataStreamGroupAggregate, kGroupAggregateQuery, "out_agg");
}
BENCHMARK(BM_GroupAggregateSqlVsDataStream)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// EXPLAIN of a join of 20 tables on one key: parsing, validation, planning and printing the
// plan, without running it.
void BM_ParseAndPlan20TableJoin(benchmark::State& state) {
  constexpr int kTables = 20;
  auto env = eddy::table::TableEnvironment::create();
  std::string select = "SELECT t0.id";
  std::string from = " FROM t0";
  for (int t = 0; t < kTables; ++t) {
    auto created = env->executeSql(fmt::format(
        "CREATE TABLE t{} (id BIGINT, name STRING, amount DECIMAL(10, 2)) WITH ('connector' = 'datagen')", t));
    if (!created.ok()) return state.SkipWithError(created.status().toString().c_str());
    if (t > 0) {
      select += fmt::format(", t{}.name AS name{}", t, t);
      from += fmt::format(" JOIN t{} ON t{}.id = t{}.id", t, t - 1, t);
    }
  }
  const std::string query = select + from + " WHERE t0.amount > 10";
  for (auto _ : state) {
    auto plan = env->explainSql(query);
    if (!plan.ok()) return state.SkipWithError(plan.status().toString().c_str());
    benchmark::DoNotOptimize(plan->size());
  }
}
BENCHMARK(BM_ParseAndPlan20TableJoin)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
