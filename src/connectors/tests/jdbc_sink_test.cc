#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "connectors/tests/jdbc_test_databases.h"
#include "eddy/connectors/jdbc/jdbc_sink.h"

namespace eddy::connectors::jdbc {
namespace {

struct Book {
  int64_t id;
  std::string title;
  double price;
};

runtime::RecordBatch<Book> books(int64_t first, int64_t last) {
  runtime::RecordBatch<Book> batch;
  for (int64_t id = first; id <= last; ++id) batch.add(Book{id, "book " + std::to_string(id), id * 1.5}, 0);
  return batch;
}

class JdbcSinkServerTest : public JdbcServerTest {
 protected:
  void SetUp() override {
    JdbcServerTest::SetUp();
    if (HasFatalFailure()) return;
    table_ = "books_" + std::to_string(++counter_);
    execute("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, title VARCHAR(100), price DOUBLE PRECISION)");
  }
  void TearDown() override {
    if (admin_) execute("DROP TABLE IF EXISTS " + table_);
  }

  // The seed's JdbcSink::sink(sql, builder, execution options, connection options).
  std::shared_ptr<Sink<Book>> makeSink(const JdbcExecutionOptions& execution_options) {
    return makeSink(execution_options, options());
  }
  std::shared_ptr<Sink<Book>> makeSink(const JdbcExecutionOptions& execution_options,
                                       const JdbcConnectionOptions& connection_options) {
    return JdbcSink::sink(
        "insert into " + table_ + " (id, title, price) values (?, ?, ?)",
        [](PreparedStatement& statement, const Book& book) {
          statement.setLong(1, book.id);
          statement.setString(2, book.title);
          statement.setDouble(3, book.price);
        },
        execution_options, connection_options);
  }
  std::string ids() { return queryText("SELECT id FROM " + table_ + " ORDER BY id"); }

  static inline int counter_ = 0;
  std::string table_;
};

TEST_P(JdbcSinkServerTest, FlushesWhenTheBatchIsFull) {
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(3).build())->createWriter({});
  writer->writeBatch(books(1, 2));
  EXPECT_EQ(ids(), "");
  writer->writeBatch(books(3, 4));
  EXPECT_EQ(ids(), "1;2;3");
  writer->flush(true);
  EXPECT_EQ(queryText("SELECT id, title, price FROM " + table_ + " ORDER BY id"),
            "1,book 1,1.5;2,book 2,3;3,book 3,4.5;4,book 4,6");
  writer->close();
}

TEST_P(JdbcSinkServerTest, FlushesWhenTheIntervalElapses) {
  auto writer =
      makeSink(JdbcExecutionOptions::builder().withBatchSize(100).withBatchIntervalMs(50).build())->createWriter({});
  writer->writeBatch(books(1, 2));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ids() != "1;2" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(ids(), "1;2");
  writer->close();
}

// flush(false) is what the sink operator calls on a checkpoint barrier.
TEST_P(JdbcSinkServerTest, FlushesOnCheckpoint) {
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(100).build())->createWriter({});
  writer->writeBatch(books(1, 3));
  EXPECT_EQ(ids(), "");
  writer->flush(false);
  EXPECT_EQ(ids(), "1;2;3");
  writer->close();
}

TEST_P(JdbcSinkServerTest, ReconnectsAfterTheConnectionIsKilled) {
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(100).withMaxRetries(2).build())->createWriter({});
  writer->writeBatch(books(1, 2));
  writer->flush(false);
  killOtherSessions();
  writer->writeBatch(books(3, 4));
  writer->flush(false);
  EXPECT_EQ(ids(), "1;2;3;4");
  writer->close();
}

TEST_P(JdbcSinkServerTest, FailsAfterMaxRetriesNamingTableAndServerButNotThePassword) {
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(100).withMaxRetries(1).build())->createWriter({});
  execute("DROP TABLE " + table_);
  writer->writeBatch(books(1, 1));
  try {
    writer->flush(false);
    FAIL() << "flush succeeded without the table";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    std::string address = "127.0.0.1:" + std::to_string(endpoint().port);
    EXPECT_EQ(message.rfind("Writing records to JDBC failed: table '" + table_ + "' at " + address + " (" + url() +
                                "), after 1 retries: ",
                            0),
              0u)
        << message;
    EXPECT_NE(message.find(table_, message.find("retries: ")), std::string::npos) << message;
    EXPECT_EQ(message.find(endpoint().password), std::string::npos) << message;
  }
  writer->close();
}

// A server of its own, stopped mid-run: every retry fails to reconnect, and the job fails
// naming the table and the server.
TEST_P(JdbcSinkServerTest, FailsNamingTheServerWhenItIsGoneAfterTheRetries) {
  std::unique_ptr<testing::PostgresServer> postgres;
  std::unique_ptr<testing::MariaDbServer> mariadb;
  const testing::DatabaseEndpoint* own = nullptr;
  if (isPostgres()) {
    auto server = testing::PostgresServer::start();
    ASSERT_TRUE(server.ok()) << server.status().toString();
    postgres = std::move(server).value();
    own = &postgres->endpoint();
  } else {
    auto server = testing::MariaDbServer::start();
    ASSERT_TRUE(server.ok()) << server.status().toString();
    mariadb = std::move(server).value();
    own = &mariadb->endpoint();
  }
  const JdbcConnectionOptions connection = JdbcTestDatabases::options(system(), *own);
  const std::string own_url = JdbcTestDatabases::url(system(), *own);
  const std::string address = "127.0.0.1:" + std::to_string(own->port);
  const std::string password = own->password;
  {
    auto admin = JdbcConnection::open(connection);
    ASSERT_TRUE(admin.ok()) << admin.status().toString();
    ASSERT_TRUE((*admin)->execute("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, title VARCHAR(100), price "
                                  "DOUBLE PRECISION)")
                    .ok());
  }
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(100).withMaxRetries(2).build(), connection)
                    ->createWriter({});
  writer->writeBatch(books(1, 2));
  writer->flush(false);
  postgres.reset();
  mariadb.reset();
  writer->writeBatch(books(3, 3));
  try {
    writer->flush(false);
    FAIL() << "flush succeeded without a server";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    EXPECT_EQ(message.rfind("Writing records to JDBC failed: table '" + table_ + "' at " + address + " (" + own_url +
                                "), after 2 retries: cannot connect to " + (isPostgres() ? "PostgreSQL" : "MySQL") +
                                " at " + address + " (" + own_url + "): ",
                            0),
              0u)
        << message;
    EXPECT_EQ(message.find(password), std::string::npos) << message;
  }
  writer->close();
}

TEST_P(JdbcSinkServerTest, UnreachableServerIsReportedWithoutThePassword) {
  Result<JdbcUrl> target = JdbcUrl::parse(url());
  ASSERT_TRUE(target.ok());
  // Port 1: nobody listens there, so the connection is refused at once.
  const std::string dead = "jdbc:" + target->scheme + "://127.0.0.1:1/" + endpoint().database +
                           "?password=" + endpoint().password;
  JdbcConnectionOptions connection = JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
                                         .withUrl(dead)
                                         .withUsername(endpoint().user)
                                         .withPassword(endpoint().password)
                                         .build();
  try {
    makeSink(JdbcExecutionOptions::defaults(), connection)->createWriter({});
    FAIL() << "connected to port 1";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    std::string masked = "jdbc:" + target->scheme + "://127.0.0.1:1/" + endpoint().database + "?password=******";
    std::string expected_start = "unable to open JDBC writer for table '" + table_ + "' at 127.0.0.1:1 (" + masked +
                                 "): cannot connect to " + (isPostgres() ? "PostgreSQL" : "MySQL") +
                                 " at 127.0.0.1:1 (" + masked + "): ";
    EXPECT_EQ(message.rfind(expected_start, 0), 0u) << message;
    EXPECT_EQ(message.find(endpoint().password), std::string::npos) << message;
  }
}

// MariaDB takes a whole batch in one bulk execution (array binding). (PostgreSQL gets it in
// one pipeline per 512 rows, which SQL cannot see.)
class JdbcSinkMariaDbTest : public JdbcSinkServerTest {};

TEST_P(JdbcSinkMariaDbTest, WritesABatchInOneBulkExecution) {
  auto executions = [&] {
    std::string text = queryText("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'");
    return std::stoll(text.substr(text.find(',') + 1));
  };
  auto writer = makeSink(JdbcExecutionOptions::builder().withBatchSize(100).build())->createWriter({});
  int64_t before = executions();
  writer->writeBatch(books(1, 50));
  writer->flush(false);
  EXPECT_EQ(executions() - before, 1);
  EXPECT_EQ(queryText("SELECT count(*), sum(id), sum(price) FROM " + table_), "50,1275,1912.5");
  writer->close();
}

INSTANTIATE_TEST_SUITE_P(Servers, JdbcSinkServerTest, ::testing::Values("postgresql", "mariadb"));
INSTANTIATE_TEST_SUITE_P(Servers, JdbcSinkMariaDbTest, ::testing::Values("mariadb"));

}  // namespace
}  // namespace eddy::connectors::jdbc
