#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "connectors/tests/jdbc_test_databases.h"
#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"
#include "eddy/connectors/jdbc/jdbc_row_output_format.h"
#include "eddy/types/civil_date.h"
#include "eddy/types/data_types.h"

namespace eddy::connectors::jdbc {
namespace {

using types::DataTypes;
using types::Decimal;
using types::Row;
using types::RowKind;
using types::TimestampData;
using types::Value;

class JdbcTableServerTest : public JdbcServerTest {
 protected:
  void SetUp() override {
    JdbcServerTest::SetUp();
    if (HasFatalFailure()) return;
    table_ = "orders_" + std::to_string(++counter_);
    execute("CREATE TABLE " + table_ +
            " (id INT NOT NULL, name VARCHAR(50), amount DECIMAL(10, 2), ts " +
            (isPostgres() ? "TIMESTAMP(3)" : "DATETIME(3)") +
            ", paid BOOLEAN, day DATE, score DOUBLE PRECISION, big BIGINT" + (keyed_ ? ", PRIMARY KEY (id))" : ")"));
  }
  void TearDown() override {
    if (admin_) execute("DROP TABLE IF EXISTS " + table_);
  }

  std::vector<std::string> fields() const { return {"id", "name", "amount", "ts", "paid", "day", "score", "big"}; }
  std::vector<types::LogicalType> fieldTypes() const {
    return {DataTypes::INT(),      DataTypes::VARCHAR(50), DataTypes::DECIMAL(10, 2), DataTypes::TIMESTAMP(3),
            DataTypes::BOOLEAN(), DataTypes::DATE(),      DataTypes::DOUBLE(),       DataTypes::BIGINT()};
  }
  static Row order(RowKind kind, int32_t id, const std::string& name, int64_t cents) {
    return Row::ofKind(kind, id, name, Decimal::fromUnscaled(cents, 10, 2),
                       Value::timestamp(TimestampData::fromEpochMillis(1704164645678 + id)), id % 2 == 0,
                       Value::date(static_cast<int32_t>(types::daysFromCivil(2024, 1, id))), id * 0.25,
                       int64_t{1} << (30 + id));
  }

  Result<std::unique_ptr<JdbcRowOutputFormat>> openWriter(std::vector<std::string> key, int batch_size = 100) {
    return JdbcRowOutputFormat::open(options(), JdbcDmlOptions{table_, fields(), fieldTypes(), std::move(key)},
                                     JdbcExecutionOptions::builder().withBatchSize(batch_size).build());
  }
  // Every split of the scan, each as its rows' strings joined by " ".
  std::vector<std::string> scan(JdbcReadOptions read) {
    read.table_name = table_;
    read.field_names = fields();
    read.field_types = fieldTypes();
    Result<JdbcRowDataInputFormat> format = JdbcRowDataInputFormat::create(options(), read);
    EXPECT_TRUE(format.ok()) << format.status().toString();
    std::vector<std::string> splits;
    if (!format.ok()) return splits;
    for (size_t i = 0; i < format->splitQueries().size(); ++i) {
      Result<std::vector<Row>> rows = format->readSplit(i);
      EXPECT_TRUE(rows.ok()) << rows.status().toString();
      std::string text;
      for (const Row& row : rows.ok() ? *rows : std::vector<Row>{}) text += (text.empty() ? "" : " ") + row.toString();
      splits.push_back(text);
    }
    return splits;
  }

  static inline int counter_ = 0;
  bool keyed_ = true;
  std::string table_;
};

TEST_P(JdbcTableServerTest, UpsertsAndDeletesByKeyLastChangeWins) {
  auto writer = openWriter({"id"});
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  ASSERT_TRUE((*writer)->writeRows({order(RowKind::INSERT, 1, "ann", 1250), order(RowKind::INSERT, 2, "bob", 99)}).ok());
  ASSERT_TRUE((*writer)->flush().ok());
  // In one buffer: 1 is updated twice (the last wins), 2 deleted (its -U is skipped), 3
  // inserted then deleted then inserted again.
  Status status = (*writer)->writeRows({order(RowKind::UPDATE_BEFORE, 1, "ann", 1250),
                                        order(RowKind::UPDATE_AFTER, 1, "ann", 1300),
                                        order(RowKind::UPDATE_AFTER, 1, "anne", 1400),
                                        order(RowKind::UPDATE_BEFORE, 2, "bob", 99), order(RowKind::DELETE, 2, "bob", 99),
                                        order(RowKind::INSERT, 3, "cy", 5), order(RowKind::DELETE, 3, "cy", 5),
                                        order(RowKind::INSERT, 3, "cy", 7)});
  ASSERT_TRUE(status.ok()) << status.toString();
  EXPECT_EQ(queryText("SELECT id, name FROM " + table_ + " ORDER BY id"), "1,ann;2,bob");
  ASSERT_TRUE((*writer)->flush().ok());
  EXPECT_EQ(scan({}), (std::vector<std::string>{
                          "+I[1, anne, 14.00, 2024-01-02T03:04:05.679, false, 2024-01-01, 0.25, 2147483648] "
                          "+I[3, cy, 0.07, 2024-01-02T03:04:05.681, false, 2024-01-03, 0.75, 8589934592]"}));
  (*writer)->close();
}

TEST_P(JdbcTableServerTest, FlushesWhenTheBatchIsFull) {
  auto writer = openWriter({"id"}, 2);
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  ASSERT_TRUE((*writer)->writeRows({order(RowKind::INSERT, 1, "a", 1), order(RowKind::INSERT, 2, "b", 2),
                                    order(RowKind::INSERT, 3, "c", 3)})
                  .ok());
  EXPECT_EQ(queryText("SELECT id FROM " + table_ + " ORDER BY id"), "1;2");
  ASSERT_TRUE((*writer)->flush().ok());
  EXPECT_EQ(queryText("SELECT id FROM " + table_ + " ORDER BY id"), "1;2;3");
}

TEST_P(JdbcTableServerTest, WritesNullsAndReadsThemBack) {
  auto writer = openWriter({"id"});
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  Row nulls = Row::withPositions(RowKind::INSERT, 8);
  nulls.setField(0, Value(int32_t{9}));
  ASSERT_TRUE((*writer)->writeRows({nulls, order(RowKind::INSERT, 10, "ten", -5)}).ok());
  ASSERT_TRUE((*writer)->flush().ok());
  EXPECT_EQ(scan({}), (std::vector<std::string>{"+I[9, null, null, null, null, null, null, null] "
                                                "+I[10, ten, -0.05, 2024-01-02T03:04:05.688, true, 2024-01-10, 2.5, "
                                                "1099511627776]"}));
}

TEST_P(JdbcTableServerTest, ScansPartitionsByRange) {
  auto writer = openWriter({"id"});
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  std::vector<Row> rows;
  for (int32_t id = 1; id <= 5; ++id) rows.push_back(order(RowKind::INSERT, id, "n" + std::to_string(id), id));
  ASSERT_TRUE((*writer)->writeRows(rows).ok());
  ASSERT_TRUE((*writer)->flush().ok());
  JdbcReadOptions read;
  read.partition_column = "id";
  read.partition_num = 2;
  read.partition_lower_bound = 1;
  read.partition_upper_bound = 5;
  std::vector<std::string> splits = scan(read);
  ASSERT_EQ(splits.size(), 2u);
  // Rows come in the server's order; each split holds exactly its range.
  EXPECT_NE(splits[0].find("+I[1, n1,"), std::string::npos) << splits[0];
  EXPECT_NE(splits[0].find("+I[3, n3,"), std::string::npos) << splits[0];
  EXPECT_EQ(splits[0].find("+I[4,"), std::string::npos) << splits[0];
  EXPECT_NE(splits[1].find("+I[4, n4,"), std::string::npos) << splits[1];
  EXPECT_NE(splits[1].find("+I[5, n5,"), std::string::npos) << splits[1];
  EXPECT_EQ(splits[1].find("+I[3,"), std::string::npos) << splits[1];
}

TEST_P(JdbcTableServerTest, KeyMustBeAColumn) {
  EXPECT_EQ(openWriter({"nope"}).status().toString(),
            "InvalidArgument: JDBC table '" + table_ + "': the primary key column 'nope' is not a column");
}

class JdbcAppendTableServerTest : public JdbcTableServerTest {
 protected:
  JdbcAppendTableServerTest() { keyed_ = false; }
};

TEST_P(JdbcAppendTableServerTest, InsertsEveryRowAndRejectsChanges) {
  auto writer = openWriter({});
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  ASSERT_TRUE((*writer)->writeRows({order(RowKind::INSERT, 1, "a", 1), order(RowKind::INSERT, 1, "a", 1)}).ok());
  ASSERT_TRUE((*writer)->flush().ok());
  EXPECT_EQ(queryText("SELECT id, name, amount FROM " + table_), "1,a,0.01;1,a,0.01");
  Status status = (*writer)->writeRows({order(RowKind::DELETE, 1, "a", 1)});
  EXPECT_EQ(status.toString(),
            "InvalidArgument: cannot write the change -D[1, a, 0.01, 2024-01-02T03:04:05.679, false, 2024-01-01, 0.25, "
            "2147483648] to a JDBC table without a primary key: please declare primary key for sink table when query "
            "contains update/delete record.");
}

INSTANTIATE_TEST_SUITE_P(Servers, JdbcTableServerTest, ::testing::Values("postgresql", "mariadb"));
INSTANTIATE_TEST_SUITE_P(Servers, JdbcAppendTableServerTest, ::testing::Values("postgresql", "mariadb"));

}  // namespace
}  // namespace eddy::connectors::jdbc
