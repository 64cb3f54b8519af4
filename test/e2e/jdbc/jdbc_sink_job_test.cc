#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/tests/test_servers.h"
#include "eddy/connectors/datagen_source.h"
#include "eddy/connectors/jdbc/jdbc_sink.h"
#include "eddy/datastream.h"

namespace eddy {
namespace {

using connectors::jdbc::JdbcConnection;
using connectors::jdbc::JdbcConnectionOptions;
using connectors::jdbc::JdbcExecutionOptions;
using connectors::jdbc::JdbcSink;
using connectors::jdbc::PreparedStatement;

// DataGen (rate-limited, so that checkpoints fall while it runs) → JdbcSink into PostgreSQL
// with a batch size never reached and no interval: rows can only reach the table through the
// flush on a checkpoint, or at the end of input.
TEST(JdbcSinkJobTest, CheckpointFlushesTheSinkBuffer) {
  auto server = testing::PostgresServer::start();
  ASSERT_TRUE(server.ok()) << server.status().toString();
  const testing::DatabaseEndpoint& db = (*server)->endpoint();
  JdbcConnectionOptions options = JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
                                      .withUrl((*server)->jdbcUrl())
                                      .withDriverName("org.postgresql.Driver")
                                      .withUsername(db.user)
                                      .withPassword(db.password)
                                      .build();
  auto admin = JdbcConnection::open(options);
  ASSERT_TRUE(admin.ok()) << admin.status().toString();
  ASSERT_TRUE((*admin)->execute("CREATE TABLE events (id BIGINT PRIMARY KEY, payload VARCHAR(20))").ok());
  auto count = [&] {
    auto rows = (*admin)->query("SELECT count(*), coalesce(sum(id), 0) FROM events");
    return rows.ok() ? *rows->rows[0][0] + "," + *rows->rows[0][1] : rows.status().toString();
  };

  constexpr int64_t kRecords = 300;
  auto env = StreamExecutionEnvironment::getExecutionEnvironment(Configuration());
  env->setParallelism(1);
  env->enableCheckpointing(100);
  auto source = connectors::makeDataGeneratorSource([](int64_t i) { return i; }, kRecords,
                                                    connectors::RateLimiterStrategy::perSecond(150));
  env->fromSource(source, WatermarkStrategy<int64_t>::noWatermarks(), "Numbers")
      .sinkTo(JdbcSink::sink(
                  "insert into events (id, payload) values (?, ?) on conflict (id) do update set payload = "
                  "excluded.payload",
                  [](PreparedStatement& statement, const int64_t& id) {
                    statement.setLong(1, id);
                    statement.setString(2, "e" + std::to_string(id));
                  },
                  JdbcExecutionOptions::builder().withBatchSize(100000).withMaxRetries(2).build(), options),
              "JDBC Sink");
  auto client = env->executeAsync("jdbc sink job");
  ASSERT_TRUE(client.ok()) << client.status().toString();

  std::shared_ptr<const runtime::CompletedCheckpoint> checkpoint;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!checkpoint && std::chrono::steady_clock::now() < deadline) {
    checkpoint = (*client)->getLatestCompletedCheckpoint();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_NE(checkpoint, nullptr);
  std::string at_checkpoint = count();
  int64_t rows_at_checkpoint = std::stoll(at_checkpoint.substr(0, at_checkpoint.find(',')));
  EXPECT_GT(rows_at_checkpoint, 0) << at_checkpoint;
  EXPECT_LT(rows_at_checkpoint, kRecords) << at_checkpoint;

  ASSERT_TRUE((*client)->waitForCompletion().ok());
  EXPECT_EQ(count(), "300,44850");
}

}  // namespace
}  // namespace eddy
