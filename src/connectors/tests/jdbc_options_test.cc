#include <gtest/gtest.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "eddy/connectors/jdbc/jdbc_execution_options.h"
#include "eddy/connectors/jdbc/jdbc_output_format.h"
#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"
#include "eddy/connectors/jdbc/jdbc_sink.h"
#include "eddy/types/data_types.h"

namespace eddy::connectors::jdbc {
namespace {

TEST(JdbcUrlTest, ParsesPostgresUrl) {
  Result<JdbcUrl> url = JdbcUrl::parse("jdbc:postgresql://db.example:6543/analytics?sslmode=disable&user=u1");
  ASSERT_TRUE(url.ok()) << url.status().toString();
  EXPECT_EQ(url->kind, JdbcDriverKind::kPostgres);
  EXPECT_EQ(url->scheme, "postgresql");
  EXPECT_EQ(url->host, "db.example");
  EXPECT_EQ(url->port, 6543);
  EXPECT_EQ(url->database, "analytics");
  EXPECT_EQ(url->user, "u1");
  EXPECT_EQ(url->password, "");
  EXPECT_EQ(url->params.at("sslmode"), "disable");
  EXPECT_EQ(url->address(), "db.example:6543");
}

TEST(JdbcUrlTest, DefaultsPortsAndReadsUserInfo) {
  Result<JdbcUrl> pg = JdbcUrl::parse("jdbc:postgresql://localhost/analytics");
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(pg->port, 5432);
  Result<JdbcUrl> my = JdbcUrl::parse("jdbc:mysql://bob:p%40ss@[::1]/shop?password=other");
  ASSERT_TRUE(my.ok()) << my.status().toString();
  EXPECT_EQ(my->kind, JdbcDriverKind::kMySql);
  EXPECT_EQ(my->host, "::1");
  EXPECT_EQ(my->port, 3306);
  EXPECT_EQ(my->database, "shop");
  EXPECT_EQ(my->user, "bob");
  EXPECT_EQ(my->password, "other");  // the parameter wins, as Connector/J
  EXPECT_EQ(my->address(), "[::1]:3306");
  Result<JdbcUrl> maria = JdbcUrl::parse("jdbc:mariadb://h:3307");
  ASSERT_TRUE(maria.ok());
  EXPECT_EQ(maria->kind, JdbcDriverKind::kMySql);
  EXPECT_EQ(maria->database, "");
}

TEST(JdbcUrlTest, RejectsBadUrlsWithoutThePassword) {
  Result<JdbcUrl> oracle = JdbcUrl::parse("jdbc:oracle://h:1/db?password=hunter2");
  EXPECT_EQ(oracle.status().toString(),
            "NotSupported: JDBC url 'jdbc:oracle://h:1/db?password=******': the subprotocol 'oracle' is not "
            "supported (postgresql, mysql, mariadb are)");
  Result<JdbcUrl> port = JdbcUrl::parse("jdbc:postgresql://h:99999/db");
  EXPECT_EQ(port.status().toString(),
            "InvalidArgument: invalid JDBC url 'jdbc:postgresql://h:99999/db': the port '99999' is not a number in "
            "1..65535");
  EXPECT_EQ(JdbcUrl::parse("postgresql://h/db").status().toString(),
            "InvalidArgument: invalid JDBC url 'postgresql://h/db': it does not start with 'jdbc:'");
  EXPECT_EQ(JdbcUrl::parse("jdbc:mysql://a:1,b:2/db").status().code(), StatusCode::kNotSupported);
}

TEST(JdbcUrlTest, MasksPasswords) {
  EXPECT_EQ(maskJdbcUrl("jdbc:mysql://bob:secret@h:3306/db?a=1&password=x&PassWord=y&b=2"),
            "jdbc:mysql://bob:******@h:3306/db?a=1&password=******&PassWord=******&b=2");
  EXPECT_EQ(maskJdbcUrl("jdbc:postgresql://h/db?user=u"), "jdbc:postgresql://h/db?user=u");
}

TEST(JdbcConnectionOptionsTest, BuilderAsFlinks) {
  JdbcConnectionOptions options = JdbcConnectionOptions::JdbcConnectionOptionsBuilder()
                                      .withUrl("jdbc:postgresql://dbhost:5432/postgresdb?password=fromurl")
                                      .withDriverName("org.postgresql.Driver")
                                      .withUsername("someUser")
                                      .withPassword("somePassword")
                                      .build();
  EXPECT_EQ(options.getDbURL(), "jdbc:postgresql://dbhost:5432/postgresdb?password=fromurl");
  EXPECT_EQ(options.getDriverName(), "org.postgresql.Driver");
  EXPECT_EQ(options.getUsername(), "someUser");
  EXPECT_EQ(options.getPassword(), "somePassword");
  EXPECT_EQ(options.toString(), "jdbc:postgresql://dbhost:5432/postgresdb?password=****** (user someUser)");
  Result<JdbcUrl> target = options.connectionTarget();
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->user, "someUser");
  EXPECT_EQ(target->password, "somePassword");
}

TEST(JdbcConnectionOptionsTest, DriverMustFitTheUrl) {
  auto with = [](const std::string& url, const std::string& driver) {
    return JdbcConnectionOptions::JdbcConnectionOptionsBuilder().withUrl(url).withDriverName(driver).build();
  };
  EXPECT_TRUE(with("jdbc:mysql://h/db", "com.mysql.cj.jdbc.Driver").connectionTarget().ok());
  EXPECT_TRUE(with("jdbc:mariadb://h/db", "org.mariadb.jdbc.Driver").connectionTarget().ok());
  EXPECT_EQ(with("jdbc:mysql://h/db?password=p", "org.postgresql.Driver").connectionTarget().status().toString(),
            "InvalidArgument: JDBC driver 'org.postgresql.Driver' does not accept the url "
            "'jdbc:mysql://h/db?password=******'");
  EXPECT_EQ(with("jdbc:mysql://h/db", "oracle.jdbc.OracleDriver").connectionTarget().status().code(),
            StatusCode::kNotSupported);
}

TEST(JdbcExecutionOptionsTest, DefaultsAndBuilder) {
  JdbcExecutionOptions defaults = JdbcExecutionOptions::defaults();
  EXPECT_EQ(defaults.getBatchSize(), 5000);
  EXPECT_EQ(defaults.getBatchIntervalMs(), 0);
  EXPECT_EQ(defaults.getMaxRetries(), 3);
  JdbcExecutionOptions options =
      JdbcExecutionOptions::builder().withBatchSize(1000).withBatchIntervalMs(200).withMaxRetries(5).build();
  EXPECT_EQ(options.getBatchSize(), 1000);
  EXPECT_EQ(options.getBatchIntervalMs(), 200);
  EXPECT_EQ(options.getMaxRetries(), 5);
}

TEST(JdbcDialectTest, PostgresStatements) {
  JdbcDialect dialect(JdbcDriverKind::kPostgres);
  std::vector<std::string> fields = {"user_id", "window_start", "page_count"};
  EXPECT_EQ(dialect.getInsertIntoStatement("page_counts", fields),
            "INSERT INTO page_counts(user_id, window_start, page_count) VALUES (?, ?, ?)");
  EXPECT_EQ(dialect.getUpsertStatement("page_counts", fields, {"user_id", "window_start"}),
            "INSERT INTO page_counts(user_id, window_start, page_count) VALUES (?, ?, ?) ON CONFLICT (user_id, "
            "window_start) DO UPDATE SET user_id=EXCLUDED.user_id, window_start=EXCLUDED.window_start, "
            "page_count=EXCLUDED.page_count");
  EXPECT_EQ(dialect.getDeleteStatement("page_counts", {"user_id", "window_start"}),
            "DELETE FROM page_counts WHERE user_id = ? AND window_start = ?");
  EXPECT_EQ(dialect.getUpdateStatement("t", {"a", "b"}, {"k"}), "UPDATE t SET a = ?, b = ? WHERE k = ?");
  EXPECT_EQ(dialect.getSelectFromStatement("t", {"a", "b"}, {}), "SELECT a, b FROM t");
  EXPECT_EQ(dialect.getSelectFromStatement("t", {"a"}, {"k"}), "SELECT a FROM t WHERE k = ?");
}

TEST(JdbcDialectTest, MySqlStatements) {
  JdbcDialect dialect(JdbcDriverKind::kMySql);
  EXPECT_EQ(dialect.quoteIdentifier("we`ird"), "`we``ird`");
  EXPECT_EQ(dialect.getUpsertStatement("t", {"id", "name"}, {"id"}),
            "INSERT INTO `t`(`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id`=VALUES(`id`), "
            "`name`=VALUES(`name`)");
  EXPECT_EQ(dialect.getDeleteStatement("t", {"id"}), "DELETE FROM `t` WHERE `id` = ?");
}

TEST(JdbcDialectTest, ValidatesTypes) {
  JdbcDialect dialect(JdbcDriverKind::kPostgres);
  EXPECT_TRUE(dialect.validate(types::DataTypes::TIMESTAMP(3)).ok());
  EXPECT_TRUE(dialect.validate(types::DataTypes::DECIMAL(10, 2)).ok());
  EXPECT_EQ(dialect.validate(types::DataTypes::MAP(types::DataTypes::INT(), types::DataTypes::INT())).toString(),
            "NotSupported: The PostgreSQL dialect doesn't support type: MAP<INT, INT>.");
}

TEST(JdbcPlaceholdersTest, NumbersQuestionMarksOutsideQuotes) {
  int count = 0;
  EXPECT_EQ(toPostgresPlaceholders("insert into \"a?\" values (?, '?''?', ?) -- ?\n", &count),
            "insert into \"a?\" values ($1, '?''?', $2) -- ?\n");
  EXPECT_EQ(count, 2);
  EXPECT_EQ(SimpleBatchStatementExecutor::countPlaceholders("update t set a = ? where b = ? and c = ?"), 3);
}

TEST(JdbcSinkTest, StatementTableName) {
  EXPECT_EQ(statementTableName("insert into books (id, title) values (?, ?)"), "books");
  EXPECT_EQ(statementTableName("  INSERT INTO page_counts(a) VALUES (?)"), "page_counts");
  EXPECT_EQ(statementTableName("update shop.orders set a = ?"), "shop.orders");
  EXPECT_EQ(statementTableName("DELETE FROM t WHERE id = ?"), "t");
  EXPECT_EQ(statementTableName("select 1"), "?");
}

TEST(PreparedStatementTest, BatchesRowsAndRequiresEveryParameter) {
  PreparedStatement statement(2);
  statement.setLong(1, 7);
  statement.setString(2, "seven");
  statement.addBatch();
  statement.setNull(1);
  statement.setString(2, "none");
  statement.addBatch();
  ASSERT_EQ(statement.batchSize(), 2u);
  EXPECT_EQ(statement.parameter(0, 1).type, ParameterType::kLong);
  EXPECT_EQ(statement.parameter(0, 1).integer, 7);
  EXPECT_EQ(statement.text(statement.parameter(0, 2)), "seven");
  EXPECT_EQ(statement.parameter(1, 1).type, ParameterType::kNull);
  EXPECT_EQ(statement.text(statement.parameter(1, 2)), "none");
  statement.setLong(1, 8);
  try {
    statement.addBatch();
    FAIL() << "addBatch accepted a row without parameter 2";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "No value specified for parameter 2");
  }
  EXPECT_THROW(statement.setInt(3, 1), std::out_of_range);
  statement.clearBatch();
  EXPECT_EQ(statement.batchSize(), 0u);
}

TEST(JdbcScanTest, NumericBetweenParametersAsFlink) {
  using Ranges = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(numericBetweenParameters(1, 10, 3), (Ranges{{1, 4}, {5, 7}, {8, 10}}));
  EXPECT_EQ(numericBetweenParameters(0, 1, 5), (Ranges{{0, 0}, {1, 1}}));
  EXPECT_EQ(numericBetweenParameters(-5, 4, 2), (Ranges{{-5, -1}, {0, 4}}));
}

TEST(JdbcScanTest, PartitionOptionsGoTogether) {
  JdbcConnectionOptions connection =
      JdbcConnectionOptions::JdbcConnectionOptionsBuilder().withUrl("jdbc:mysql://h/db").build();
  JdbcReadOptions read{"t", {"id"}, {types::DataTypes::BIGINT()}, std::string("id"), 2, std::nullopt, std::nullopt};
  EXPECT_EQ(JdbcRowDataInputFormat::create(connection, read).status().toString(),
            "InvalidArgument: Either all or none of the following options should be provided:\n"
            "scan.partition.column\nscan.partition.num\nscan.partition.lower-bound\nscan.partition.upper-bound");
  read.partition_lower_bound = 0;
  read.partition_upper_bound = 99;
  Result<JdbcRowDataInputFormat> format = JdbcRowDataInputFormat::create(connection, read);
  ASSERT_TRUE(format.ok()) << format.status().toString();
  EXPECT_EQ(format->splitQueries(), (std::vector<std::string>{"SELECT `id` FROM `t` WHERE `id` BETWEEN 0 AND 49",
                                                              "SELECT `id` FROM `t` WHERE `id` BETWEEN 50 AND 99"}));
}

}  // namespace
}  // namespace eddy::connectors::jdbc
