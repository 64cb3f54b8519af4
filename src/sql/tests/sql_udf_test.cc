#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "eddy/table/functions/user_defined_function.h"
#include "eddy/types/data_types.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using table::FunctionSignature;
using types::ColumnVector;
using types::DataTypes;

// Nexmark's CountChar (q14): how often the first character of `c` occurs in `s`.
class CountChar final : public table::ScalarFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::STRING(), DataTypes::STRING()}, DataTypes::BIGINT()}};
  }
  Status eval(size_t, std::span<const ColumnVector* const> args, size_t n, ColumnVector& out) const override {
    const ColumnVector& s = *args[0];
    const ColumnVector& c = *args[1];
    for (size_t i = 0; i < n; ++i) {
      if (s.isNull(i) || c.isNull(i) || c.stringAt(i).empty()) {
        out.appendNull();
        continue;
      }
      int64_t count = 0;
      for (char ch : s.stringAt(i)) count += ch == c.stringAt(i)[0];
      out.append<int64_t>(count);
    }
    return Status::OK();
  }
};

// Two overloads: INT → INT (x + 1) and STRING → STRING (x || '+1').
class PlusOne final : public table::ScalarFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::INT()}, DataTypes::INT()}, {{DataTypes::STRING()}, DataTypes::STRING()}};
  }
  Status eval(size_t signature, std::span<const ColumnVector* const> args, size_t n, ColumnVector& out) const override {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i)) {
        out.appendNull();
      } else if (signature == 0) {
        out.append<int32_t>(args[0]->valueAt<int32_t>(i) + 1);
      } else {
        out.appendString(std::string(args[0]->stringAt(i)) + "+1");
      }
    }
    return Status::OK();
  }
};

// Fails on negative input, to check that an error fails the job.
class CheckedSqrt final : public table::ScalarFunction {
 public:
  std::vector<FunctionSignature> signatures() const override { return {{{DataTypes::INT()}, DataTypes::INT()}}; }
  Status eval(size_t, std::span<const ColumnVector* const> args, size_t n, ColumnVector& out) const override {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->valueAt<int32_t>(i) < 0) return InvalidArgument("negative input");
      out.append<int32_t>(args[0]->valueAt<int32_t>(i));
    }
    return Status::OK();
  }
};

// Splits a line at spaces into (word, length) rows, as the table function of Flink's docs.
class SplitFunction final : public table::TableFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::STRING()},
             DataTypes::ROW({DataTypes::FIELD("word", DataTypes::STRING()), DataTypes::FIELD("length", DataTypes::INT())})}};
  }
  Status eval(size_t, std::span<const ColumnVector* const> args, size_t n, table::TableFunctionOutput& out) const override {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i)) continue;
      const std::string_view line = args[0]->stringAt(i);
      size_t start = 0;
      while (start < line.size()) {
        size_t end = line.find(' ', start);
        if (end == std::string_view::npos) end = line.size();
        if (end > start) {
          out.columns[0].appendString(line.substr(start, end - start));
          out.columns[1].append<int32_t>(static_cast<int32_t>(end - start));
          out.input_rows.push_back(static_cast<int32_t>(i));
        }
        start = end + 1;
      }
    }
    return Status::OK();
  }
};

// A table function with a non-ROW result: `s` repeated `times` times, one row each.
class Repeat final : public table::TableFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::STRING(), DataTypes::INT()}, DataTypes::STRING()}};
  }
  Status eval(size_t, std::span<const ColumnVector* const> args, size_t n, table::TableFunctionOutput& out) const override {
    for (size_t i = 0; i < n; ++i) {
      for (int32_t r = 0; r < args[1]->valueAt<int32_t>(i); ++r) {
        out.columns[0].appendString(args[0]->stringAt(i));
        out.input_rows.push_back(static_cast<int32_t>(i));
      }
    }
    return Status::OK();
  }
};

// Flink's WeightedAvg example: SUM(value * weight) / SUM(weight), NULL when no weight; the
// accumulator is (sum BIGINT, count INT) in 12 bytes.
class WeightedAvg final : public table::AggregateFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::BIGINT(), DataTypes::INT()}, DataTypes::BIGINT()}};
  }
  std::string createAccumulator() const override { return std::string(12, '\0'); }
  Status accumulate(size_t, std::string& acc, std::span<const ColumnVector* const> args, size_t row) const override {
    return add(acc, args, row, 1);
  }
  Status retract(size_t, std::string& acc, std::span<const ColumnVector* const> args, size_t row) const override {
    return add(acc, args, row, -1);
  }
  Status getValue(size_t, std::string_view acc, ColumnVector& out) const override {
    int64_t sum;
    int32_t count;
    std::memcpy(&sum, acc.data(), 8);
    std::memcpy(&count, acc.data() + 8, 4);
    if (count == 0) {
      out.appendNull();
    } else {
      out.append<int64_t>(sum / count);
    }
    return Status::OK();
  }

 private:
  static Status add(std::string& acc, std::span<const ColumnVector* const> args, size_t row, int sign) {
    if (args[0]->isNull(row) || args[1]->isNull(row)) return Status::OK();
    int64_t sum;
    int32_t count;
    std::memcpy(&sum, acc.data(), 8);
    std::memcpy(&count, acc.data() + 8, 4);
    sum += sign * args[0]->valueAt<int64_t>(row) * args[1]->valueAt<int32_t>(row);
    count += sign * args[1]->valueAt<int32_t>(row);
    std::memcpy(acc.data(), &sum, 8);
    std::memcpy(acc.data() + 8, &count, 4);
    return Status::OK();
  }
};

// User-defined functions registered from C++: scalar, table and aggregate functions in SQL.
class SqlUdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::clearAll();
    ASSERT_TRUE(env_->createTemporarySystemFunction("count_char", std::make_shared<CountChar>()).ok());
    ASSERT_TRUE(env_->createTemporarySystemFunction("plus_one", std::make_shared<PlusOne>()).ok());
    ASSERT_TRUE(env_->createTemporarySystemFunction("split", std::make_shared<SplitFunction>()).ok());
    ASSERT_TRUE(env_->createTemporarySystemFunction("repeat_rows", std::make_shared<Repeat>()).ok());
    ASSERT_TRUE(env_->createTemporarySystemFunction("weighted_avg", std::make_shared<WeightedAvg>()).ok());
    ASSERT_EQ(runSql(*env_, "CREATE TABLE lines (id INT, line STRING) WITH ('connector' = 'values', 'data-id' = 'lines')"),
              "[OK]\n");
    ValuesData::registerData("lines", {insertRow({"1", "hello big world"}), insertRow({"2", ""}),
                                       insertRow({"3", std::nullopt}), insertRow({"4", "ccc c"})});
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlUdfTest, NexmarkQ14CountChar) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), "
                          "extra STRING) WITH ('connector' = 'values', 'data-id' = 'bids')"),
            "[OK]\n");
  ValuesData::registerData("bids", {insertRow({"1", "10", "2000000", "2024-01-01 09:00:00", "abcabc"}),
                                    insertRow({"2", "11", "100", "2024-01-01 10:00:00", "ccc"}),
                                    insertRow({"3", "12", "3000000", "2024-01-01 19:00:00", "xyz"}),
                                    insertRow({"4", "13", "4000000", "2024-01-01 22:00:00", std::nullopt})});
  EXPECT_EQ(runSql(*env_,
                   "SELECT auction, bidder, 0.908 * price as price, "
                   "CASE WHEN HOUR(dateTime) >= 8 AND HOUR(dateTime) <= 18 THEN 'dayTime' "
                   "WHEN HOUR(dateTime) <= 6 OR HOUR(dateTime) >= 20 THEN 'nightTime' ELSE 'otherTime' END AS bidTimeType, "
                   "dateTime, extra, count_char(extra, 'c') AS c_counts "
                   "FROM bid WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000"),
            "+I[1, 10, 1816000.000, dayTime, 2024-01-01 09:00:00.000, abcabc, 2]\n"
            "+I[3, 12, 2724000.000, otherTime, 2024-01-01 19:00:00.000, xyz, 0]\n"
            "+I[4, 13, 3632000.000, nightTime, 2024-01-01 22:00:00.000, NULL, NULL]\n");
}

TEST_F(SqlUdfTest, ScalarFunctionOverloadsAndImplicitWidening) {
  EXPECT_EQ(runSql(*env_, "SELECT PLUS_ONE(id), plus_one(line), plus_one(CAST(id AS SMALLINT)) FROM lines WHERE id < 3"),
            "+I[2, hello big world+1, 2]\n"
            "+I[3, +1, 3]\n");
  EXPECT_EQ(runSql(*env_, "SELECT plus_one(TRUE) FROM lines"),
            "ERROR: From line 1, column 8 to line 1, column 21: Invalid function call:\nplus_one(BOOLEAN NOT NULL)");
}

TEST_F(SqlUdfTest, ScalarFunctionInFiltersAndTheSystemFunctionShadowsABuiltIn) {
  ASSERT_TRUE(env_->createTemporarySystemFunction("UPPER", std::make_shared<PlusOne>()).ok());
  EXPECT_EQ(runSql(*env_, "SELECT id, upper(line) FROM lines WHERE count_char(line, 'c') > 3"), "+I[4, ccc c+1]\n");
  EXPECT_TRUE(env_->dropTemporarySystemFunction("upper"));
  EXPECT_EQ(runSql(*env_, "SELECT upper(line) FROM lines WHERE id = 4"), "+I[CCC C]\n");
}

TEST_F(SqlUdfTest, AnErrorOfAFunctionFailsTheJob) {
  ASSERT_TRUE(env_->createTemporarySystemFunction("checked", std::make_shared<CheckedSqrt>()).ok());
  EXPECT_EQ(runSql(*env_, "SELECT checked(id - 2) FROM lines"), 
            "ERROR: operator 'Calc(select=[checked(-(id, 2)) AS EXPR$0])' failed: negative input");
}

TEST_F(SqlUdfTest, RegistrationErrorsAndTemporaryCatalogFunctions) {
  Status again = env_->createTemporarySystemFunction("Count_Char", std::make_shared<CountChar>());
  EXPECT_EQ(again.message(),
            "Could not register temporary system function. A function named 'count_char' does already exist.");
  ASSERT_TRUE(env_->createTemporaryFunction("twice", std::make_shared<PlusOne>()).ok());
  EXPECT_EQ(env_->createTemporaryFunction("default_database.TWICE", std::make_shared<PlusOne>()).message(),
            "Could not register temporary catalog function. A function "
            "'default_catalog.default_database.twice' does already exist.");
  EXPECT_EQ(runSql(*env_, "SELECT twice(id) FROM lines WHERE id = 1"), "+I[2]\n");
  EXPECT_EQ(env_->dropTemporaryFunction("twice").value(), true);
  EXPECT_EQ(env_->dropTemporaryFunction("twice").value(), false);
}

TEST_F(SqlUdfTest, ShowFunctionsListsTheUserDefinedFunctions) {
  ASSERT_TRUE(env_->createTemporaryFunction("twice", std::make_shared<PlusOne>()).ok());
  const std::string expected = "[count_char]\n[plus_one]\n[repeat_rows]\n[split]\n[twice]\n[weighted_avg]\n";
  EXPECT_EQ(runSql(*env_, "SHOW USER FUNCTIONS"), expected);
  EXPECT_EQ(runSql(*env_, "SHOW FUNCTIONS"), expected);
  EXPECT_EQ(env_->listUserDefinedFunctions(),
            (std::vector<std::string>{"count_char", "plus_one", "repeat_rows", "split", "twice", "weighted_avg"}));
}

TEST_F(SqlUdfTest, LateralTableWithACommaAndCrossJoin) {
  const std::string expected =
      "+I[1, hello, 5]\n"
      "+I[1, big, 3]\n"
      "+I[1, world, 5]\n"
      "+I[4, ccc, 3]\n"
      "+I[4, c, 1]\n";
  EXPECT_EQ(runSql(*env_, "SELECT id, word, length FROM lines, LATERAL TABLE(split(line))"), expected);
  EXPECT_EQ(runSql(*env_, "SELECT id, w, l FROM lines CROSS JOIN LATERAL TABLE(split(line)) AS T(w, l)"), expected);
  EXPECT_EQ(runSql(*env_, "SELECT id, T.w FROM lines JOIN LATERAL TABLE(split(line)) AS T(w, l) ON T.l > 3"),
            "+I[1, hello]\n"
            "+I[1, world]\n");
}

TEST_F(SqlUdfTest, LeftJoinLateralTableKeepsRowsWithoutOutput) {
  EXPECT_EQ(runSql(*env_, "SELECT id, w, l FROM lines LEFT JOIN LATERAL TABLE(split(line)) AS T(w, l) ON TRUE"),
            "+I[1, hello, 5]\n"
            "+I[1, big, 3]\n"
            "+I[1, world, 5]\n"
            "+I[2, NULL, NULL]\n"
            "+I[3, NULL, NULL]\n"
            "+I[4, ccc, 3]\n"
            "+I[4, c, 1]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id FROM lines LEFT JOIN LATERAL TABLE(split(line)) AS T(w, l) ON l > 1"),
            "ERROR: From line 1, column 73 to line 1, column 77: Currently, only literal TRUE is supported as "
            "predicate for a left outer join against a lateral table.");
}

// Calcite names the column of a table function with a scalar result EXPR$0 (Flink's
// CorrelateTest, testInnerJoinConstantFunction: "select=[a,b,c,EXPR$0]"). AS T(s) names it
// s for the query; the Correlate keeps EXPR$0 and a Calc renames it.
TEST_F(SqlUdfTest, ATableFunctionWithAScalarResultHasTheColumnExpr0) {
  EXPECT_EQ(runSql(*env_, "SELECT id, `EXPR$0` FROM lines, LATERAL TABLE(repeat_rows(CAST(id AS STRING), id)) "
                          "WHERE id < 3"),
            "+I[1, 1]\n"
            "+I[2, 2]\n"
            "+I[2, 2]\n");
  Result<table::Table> star = env_->sqlQuery("SELECT * FROM lines, LATERAL TABLE(repeat_rows(line, id))");
  ASSERT_TRUE(star.ok()) << star.status().message();
  EXPECT_EQ(star->getResolvedSchema()->toString(), "(\n  `id` INT,\n  `line` STRING,\n  `EXPR$0` STRING\n)");
  Result<table::Table> aliased = env_->sqlQuery("SELECT * FROM lines, LATERAL TABLE(repeat_rows(line, id)) AS T(line)");
  ASSERT_TRUE(aliased.ok()) << aliased.status().message();
  EXPECT_EQ(aliased->getResolvedSchema()->toString(), "(\n  `id` INT,\n  `line` STRING,\n  `line0` STRING\n)");
  EXPECT_EQ(runSql(*env_, "SELECT id, T.s FROM lines, LATERAL TABLE(repeat_rows(CAST(id AS STRING), id)) AS T(s) "
                          "WHERE id = 2"),
            "+I[2, 2]\n"
            "+I[2, 2]\n");
  EXPECT_EQ(optimizedPhysicalPlan(*env_, "SELECT id, s FROM lines, LATERAL TABLE(repeat_rows(line, id)) AS T(s)"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, EXPR$0 AS s])\n"
            "+- Correlate(invocation=[repeat_rows($cor0.line, $cor0.id)], correlate=[table(repeat_rows($cor0.line,"
            "$cor0.id))], select=[id,line,EXPR$0], rowType=[RecordType(INTEGER id, VARCHAR(2147483647) line, "
            "VARCHAR(2147483647) EXPR$0)], joinType=[INNER])\n"
            "   +- TableSourceScan(table=[[default_catalog, default_database, lines]], fields=[id, line])");
}

TEST_F(SqlUdfTest, ExplainShowsTheCorrelate) {
  Result<std::string> plan = env_->explainSql("SELECT id, word FROM lines, LATERAL TABLE(split(line))");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_NE(plan->find("Correlate(invocation=[split($cor0.line)], correlate=[table(split($cor0.line))], "
                       "select=[id,line,word,length], rowType=[RecordType(INTEGER id, VARCHAR(2147483647) line, "
                       "VARCHAR(2147483647) word, INTEGER length)], joinType=[INNER])"),
            std::string::npos)
      << *plan;
}

TEST_F(SqlUdfTest, AggregateFunctionInGroupByWithRetractions) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE scores (name STRING, points BIGINT, level INT) WITH ('connector' = 'values', "
                          "'data-id' = 'scores', 'changelog-mode' = 'I,D')"),
            "[OK]\n");
  ValuesData::registerData("scores", {insertRow({"alice", "10", "1"}), insertRow({"alice", "40", "2"}),
                                      insertRow({"bob", "7", "1"}),
                                      changeRow(types::RowKind::DELETE, {"alice", "40", "2"})});
  EXPECT_EQ(runSql(*env_, "SELECT name, weighted_avg(points, level) AS wavg FROM scores GROUP BY name"),
            "+I[alice, 10]\n"
            "-U[alice, 10]\n"
            "+U[alice, 30]\n"
            "+I[bob, 7]\n"
            "-U[alice, 30]\n"
            "+U[alice, 10]\n");
}

TEST_F(SqlUdfTest, AggregateFunctionInAWindowAggregation) {
  ASSERT_EQ(runSql(*env_, "CREATE TABLE plays (name STRING, points BIGINT, level INT, ts TIMESTAMP(3), "
                          "WATERMARK FOR ts AS ts) WITH ('connector' = 'values', 'data-id' = 'plays')"),
            "[OK]\n");
  ValuesData::registerData("plays", {insertRow({"alice", "10", "1", "2024-01-01 10:00:01"}),
                                     insertRow({"alice", "40", "2", "2024-01-01 10:00:02"}),
                                     insertRow({"alice", "5", "1", "2024-01-01 10:00:11"})});
  EXPECT_EQ(runSql(*env_, "SELECT name, window_start, weighted_avg(points, level), COUNT(*) FROM TABLE(TUMBLE(TABLE plays, "
                          "DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY name, window_start, window_end"),
            "+I[alice, 2024-01-01 10:00:00.000, 30, 2]\n"
            "+I[alice, 2024-01-01 10:00:10.000, 5, 1]\n");
  EXPECT_EQ(runSql(*env_, "SELECT weighted_avg(points, level) FROM plays GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)"),
            "+I[23]\n");
}

}  // namespace
}  // namespace eddy::sql
