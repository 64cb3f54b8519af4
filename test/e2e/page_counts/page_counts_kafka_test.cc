// The seed's page-count job end to end, as `make demo-kafka` runs it: the demo's JSON page
// events produced to a real Kafka topic, the real `eddy run` on
// examples/page_counts_kafka.cpp (the DataStream job) and `eddy sql -f` on
// examples/page_counts.sql (the seed's Flink SQL), and the exact contents of the page_counts
// table, in PostgreSQL 15 and in MariaDB 10.11 (every case runs against both).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/tests/kafka_test_broker.h"
#include "connectors/tests/test_servers.h"
#include "demo_page_counts.h"
#include "e2e/common/eddy_process.h"
#include "page_events.h"

namespace eddy::examples {
// How gtest shows a row of the table.
void PrintTo(const PageCount& count, std::ostream* out) { *out << count.toString(); }
}  // namespace eddy::examples

namespace eddy {
namespace {

namespace fs = std::filesystem;
using connectors::jdbc::JdbcConnection;
using connectors::jdbc::JdbcConnectionOptions;
using connectors::kafka::testing::KafkaTestBroker;
using namespace e2e;

// The database the job writes page_counts into.
enum class Database { kPostgres, kMariaDb };

std::string databaseName(Database database) { return database == Database::kPostgres ? "PostgreSQL" : "MariaDB"; }

// A Kafka topic with the demo's events and a database with an empty page_counts table, as
// scripts/demo_kafka.sh prepares them; the database is the test's parameter.
class PageCountsKafkaTest : public ::testing::TestWithParam<Database> {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / fmt::format("eddy_page_counts_{}_{}", getpid(), counter_++);
    fs::remove_all(root_);
    fs::create_directories(root_);
    bootstrap_ = KafkaTestBroker::bootstrapServers();
    ASSERT_FALSE(bootstrap_.empty());
    topic_ = connectors::kafka::testing::createTopic("page-events", 2);
    ASSERT_NO_FATAL_FAILURE(startDatabase());
    auto connection = JdbcConnection::open(JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
                                               .withUrl(jdbc_url_)
                                               .withUsername(endpoint_.user)
                                               .withPassword(endpoint_.password)
                                               .build());
    ASSERT_TRUE(connection.ok()) << connection.status().toString();
    admin_ = std::move(connection).value();
    const char* timestamp = GetParam() == Database::kPostgres ? "TIMESTAMP(3)" : "DATETIME(3)";
    ASSERT_TRUE(admin_
                    ->execute(fmt::format("CREATE TABLE page_counts (user_id VARCHAR(64) NOT NULL, window_start {0} "
                                          "NOT NULL, window_end {0} NOT NULL, page_count BIGINT NOT NULL, PRIMARY KEY "
                                          "(user_id, window_start))",
                                          timestamp))
                    .ok());
  }

  void startDatabase() {
    if (GetParam() == Database::kPostgres) {
      auto server = testing::PostgresServer::start();
      ASSERT_TRUE(server.ok()) << server.status().toString();
      postgres_ = std::move(server).value();
      endpoint_ = postgres_->endpoint();
      jdbc_url_ = postgres_->jdbcUrl();
    } else {
      auto server = testing::MariaDbServer::start();
      ASSERT_TRUE(server.ok()) << server.status().toString();
      mariadb_ = std::move(server).value();
      endpoint_ = mariadb_->endpoint();
      jdbc_url_ = mariadb_->jdbcUrl();
    }
  }

  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }

  void produce(int64_t events) {
    auto failure = runToEnd({PAGE_EVENTS_PRODUCER, bootstrap_, topic_, std::to_string(events)}, root_ / "producer.log");
    ASSERT_FALSE(failure) << *failure;
  }

  // `eddy run` of the job, reading the topic up to its current end.
  std::vector<std::string> jobCommand(const std::optional<fs::path>& restore, bool checkpoints) const {
    std::vector<std::string> job_args = {"--bootstrap-servers", bootstrap_, "--topic", topic_, "--jdbc-url", jdbc_url_,
                                         "--username", endpoint_.user, "--password", endpoint_.password, "--bounded"};
    if (checkpoints) {
      for (std::string a : {std::string("--checkpoint-dir"), (root_ / "checkpoints").string(),
                            std::string("--checkpoint-interval-ms"), std::string("100")}) {
        job_args.push_back(a);
      }
    }
    return eddyRunCommand(restore, PAGE_COUNTS_JOB, job_args);
  }

  // examples/page_counts.sql with this test's topic, broker, database and credentials in
  // place of the seed's, as scripts/demo_kafka.sh substitutes them; the script's path.
  fs::path seedSqlScript() const {
    std::ifstream in(PAGE_COUNTS_SQL);
    std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::pair<std::string, std::string> substitutions[] = {
        {"'page-events'", "'" + topic_ + "'"},
        {"kafka:9092", bootstrap_},
        {"jdbc:postgresql://localhost:5432/analytics", jdbc_url_},
        {"${JDBC_USERNAME}", endpoint_.user},
        {"${JDBC_PASSWORD}", endpoint_.password}};
    for (const auto& [from, to] : substitutions) {
      EXPECT_NE(script.find(from), std::string::npos) << from << " is not in " << PAGE_COUNTS_SQL;
      for (size_t at = script.find(from); at != std::string::npos; at = script.find(from, at + to.size())) {
        script.replace(at, from.size(), to);
      }
    }
    const fs::path path = root_ / "page_counts.sql";
    std::ofstream(path) << script;
    return path;
  }

  // `column` as epoch milliseconds in the database's SQL (JdbcConnection's sessions run in UTC).
  std::string epochMillis(const char* column) const {
    return GetParam() == Database::kPostgres ? fmt::format("(extract(epoch FROM {}) * 1000)::bigint", column)
                                             : fmt::format("CAST(UNIX_TIMESTAMP({}) * 1000 AS SIGNED)", column);
  }

  // The table, a row per window and user: (user_id, window start ms, window end ms, count).
  std::vector<examples::PageCount> table() {
    auto rows = admin_->query(fmt::format("SELECT user_id, {}, {}, page_count FROM page_counts ORDER BY window_start, "
                                          "user_id",
                                          epochMillis("window_start"), epochMillis("window_end")));
    EXPECT_TRUE(rows.ok()) << rows.status().toString();
    std::vector<examples::PageCount> counts;
    if (!rows.ok()) return counts;
    for (const auto& row : rows->rows) {
      counts.push_back(
          examples::PageCount{*row[0], std::stoll(*row[1]), std::stoll(*row[2]), std::stoll(*row[3])});
    }
    return counts;
  }

  static inline int counter_ = 0;
  fs::path root_;
  std::string bootstrap_;
  std::string topic_;
  std::unique_ptr<testing::PostgresServer> postgres_;
  std::unique_ptr<testing::MariaDbServer> mariadb_;
  testing::DatabaseEndpoint endpoint_;
  std::string jdbc_url_;
  std::unique_ptr<JdbcConnection> admin_;
};

// What the job writes for the demo's first `events` events: the count of each user's events
// per 5-minute window (no event is late: the generator is at most 5 s out of order, and
// each user's events stay in order in their partition).
std::vector<examples::PageCount> oracle(int64_t events) {
  examples::PageEventGenerator::Options options;
  options.events = events;
  examples::PageEventGenerator generator(options);
  std::map<std::pair<int64_t, std::string>, int64_t> counts;
  for (int64_t i = 0; i < events; ++i) {
    examples::PageEvent event = generator(i);
    const int64_t start = event.timestamp - ((event.timestamp % 300'000) + 300'000) % 300'000;
    ++counts[{start, event.user_id}];
  }
  std::vector<examples::PageCount> rows;
  for (const auto& [window, count] : counts) rows.push_back({window.second, window.first, window.first + 300'000, count});
  return rows;
}

// How a table differs from the oracle, in events: those of windows missing or counted short,
// and those counted more than once (or in windows the oracle lacks).
struct CountDiscrepancies {
  int64_t missing = 0;
  int64_t duplicated = 0;
};

CountDiscrepancies compareCounts(const std::vector<examples::PageCount>& expected,
                                 const std::vector<examples::PageCount>& actual) {
  std::map<std::pair<int64_t, std::string>, int64_t> remaining;
  for (const examples::PageCount& row : expected) remaining[{row.window_start, row.user_id}] += row.page_count;
  for (const examples::PageCount& row : actual) remaining[{row.window_start, row.user_id}] -= row.page_count;
  CountDiscrepancies result;
  for (const auto& [window, events] : remaining) {
    if (events > 0) result.missing += events;
    if (events < 0) result.duplicated -= events;
  }
  return result;
}

TEST_P(PageCountsKafkaTest, TheDemoFillsPageCountsWithEveryWindow) {
  produce(2000);
  auto failure = runToEnd(jobCommand(std::nullopt, false), root_ / "job.log");
  ASSERT_FALSE(failure) << *failure;
  // The same windows as `make demo` prints (examples/demo_page_counts.h).
  EXPECT_EQ(table(), examples::demoPageCounts());
  EXPECT_EQ(oracle(2000), examples::demoPageCounts());
}

// Item 7b of issue #6: the seed's Flink SQL (two CREATE TABLE statements and the INSERT,
// verbatim) fills the same table through the kafka and jdbc connectors.
TEST_P(PageCountsKafkaTest, TheSeedsFlinkSqlFillsPageCountsWithEveryWindow) {
  produce(2000);
  auto failure = runToEnd(eddySqlCommand(seedSqlScript()), root_ / "sql.log");
  ASSERT_FALSE(failure) << *failure;
  EXPECT_EQ(table(), oracle(2000));
}

// Item 3 of issue #6: the same pipeline killed with SIGKILL at random moments and restarted
// from its newest checkpoint until it finishes; the JDBC upsert makes writing a window again
// harmless, so the final table equals the oracle. Seeded (EDDY_CHAOS_SEED replays a run);
// EDDY_CHAOS_KILLS kills per database (default 10: 20 over PostgreSQL and MariaDB).
TEST_P(PageCountsKafkaTest, SigkilledJobStillFillsTheExactTable) {
  // Enough events that an attempt runs for a few hundred milliseconds after it started.
  constexpr int64_t kEvents = 1000000;
  const int kills_wanted = envInt("EDDY_CHAOS_KILLS", 10);
  const std::string database = databaseName(GetParam());
  produce(kEvents);
  const unsigned seed = static_cast<unsigned>(envInt("EDDY_CHAOS_SEED", static_cast<int>(std::random_device{}())));
  std::printf("page counts chaos (%s): seed=%u kills=%d (replay with EDDY_CHAOS_SEED=%u)\n", database.c_str(), seed,
              kills_wanted, seed);
  std::fflush(stdout);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(30, 400);
  const fs::path log = root_ / "job.log";
  int kills = 0, attempts = 0;
  const auto start_time = std::chrono::steady_clock::now();
  while (true) {
    ASSERT_LT(std::chrono::steady_clock::now() - start_time, std::chrono::seconds(60 + kills_wanted * 3))
        << "the job made no progress";
    pid_t pid = startProcess(jobCommand(newestCompletedCheckpoint(root_ / "checkpoints"), true), log);
    ASSERT_GT(pid, 0);
    ++attempts;
    // The wait status, or nullopt when the attempt was killed.
    const std::optional<int> status =
        kills < kills_wanted ? waitOrKill(pid, std::chrono::milliseconds(kill_after_ms(rng))) : waitForExit(pid);
    if (!status) {
      ++kills;
      continue;
    }
    ASSERT_TRUE(exitedWithZero(*status)) << "attempt " << attempts << " failed:\n" << readFile(log);
    break;
  }
  const std::vector<examples::PageCount> expected = oracle(kEvents);
  const std::vector<examples::PageCount> actual = table();
  const CountDiscrepancies result = compareCounts(expected, actual);
  std::printf("page counts chaos (%s): seed=%u kills=%d attempts=%d windows=%zu missing=%lld duplicated=%lld\n",
              database.c_str(), seed, kills, attempts, actual.size(), static_cast<long long>(result.missing),
              static_cast<long long>(result.duplicated));
  EXPECT_GE(kills, kills_wanted);
  EXPECT_EQ(result.missing, 0);
  EXPECT_EQ(result.duplicated, 0);
  EXPECT_EQ(actual, expected);
}

INSTANTIATE_TEST_SUITE_P(Databases, PageCountsKafkaTest, ::testing::Values(Database::kPostgres, Database::kMariaDb),
                         [](const ::testing::TestParamInfo<Database>& info) { return databaseName(info.param); });

}  // namespace
}  // namespace eddy
