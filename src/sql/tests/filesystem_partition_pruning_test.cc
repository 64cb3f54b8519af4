#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "sql/connectors/factory_registry.h"
#include "sql/connectors/filesystem/filesystem_table_factory.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;

// Partition pruning of a PARTITIONED BY filesystem table (Flink's SupportsPartitionPushDown
// and PushPartitionIntoTableSourceScanRule): conjuncts on partition columns only choose the
// k=v directories to read and leave the plan; EXPLAIN lists the partitions read.
class FileSystemPartitionPruningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registerFileSystemFactories(const_cast<FactoryRegistry&>(defaultFactoryRegistry()));
    dir_ = fs::path(::testing::TempDir()) / "eddy_partition_pruning";
    fs::remove_all(dir_);
    write("dt=2024-01-01/hr=9/part-0.csv", "1,a\n2,b\n");
    write("dt=2024-01-01/hr=10/part-0.csv", "3,c\n");
    write("dt=2024-01-02/hr=9/part-0.csv", "4,d\n");
    write("dt=__DEFAULT_PARTITION__/hr=11/part-0.csv", "5,e\n");
    ASSERT_EQ(runSql(*env_, "CREATE TABLE logs (id INT, v STRING, dt STRING, hr INT) PARTITIONED BY (dt, hr) WITH ("
                            "'connector' = 'filesystem', 'path' = '" + dir_.string() + "', 'format' = 'csv')"),
              "[OK]\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& relative, const std::string& content) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative) << content;
  }
  std::string plan(const std::string& sql) { return optimizedPhysicalPlan(*env_, sql); }
  std::string rows(const std::string& sql) { return sortedRows(*env_, sql); }

  fs::path dir_;
  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(FileSystemPartitionPruningTest, AnEqualityOnAPartitionColumnReadsItsPartitionsOnly) {
  EXPECT_EQ(plan("SELECT id, v FROM logs WHERE dt = '2024-01-01'"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id, v])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, logs, "
            "partitions=[{dt=2024-01-01, hr=10}, {dt=2024-01-01, hr=9}]]], fields=[id, v, dt, hr])");
  EXPECT_EQ(rows("SELECT id, v, hr FROM logs WHERE dt = '2024-01-01'"), "+I[1, a, 9]\n+I[2, b, 9]\n+I[3, c, 10]\n");
}

TEST_F(FileSystemPartitionPruningTest, PartitionValuesCompareAsTheirColumnsType) {
  // hr is an INT: 10 > 9, though "10" < "9" as text.
  EXPECT_EQ(rows("SELECT id FROM logs WHERE hr > 9"), "+I[3]\n+I[5]\n");
  EXPECT_EQ(rows("SELECT id FROM logs WHERE dt = '2024-01-01' AND hr < 10 OR dt = '2024-01-02'"),
            "+I[1]\n+I[2]\n+I[4]\n");
}

TEST_F(FileSystemPartitionPruningTest, TheDefaultPartitionNameReadsAsNull) {
  EXPECT_EQ(rows("SELECT id, dt FROM logs WHERE dt IS NULL"), "+I[5, NULL]\n");
}

TEST_F(FileSystemPartitionPruningTest, ConjunctsOnOtherColumnsStayInTheCalc) {
  EXPECT_EQ(plan("SELECT id FROM logs WHERE hr = 9 AND id > 1"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id], where=[>(id, 1)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, logs, "
            "partitions=[{dt=2024-01-01, hr=9}, {dt=2024-01-02, hr=9}]]], fields=[id, v, dt, hr])");
  EXPECT_EQ(rows("SELECT id FROM logs WHERE hr = 9 AND id > 1"), "+I[2]\n+I[4]\n");
  // A conjunct that reads a partition column and another column is no partition predicate.
  EXPECT_EQ(plan("SELECT id FROM logs WHERE hr = id"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id], where=[=(hr, id)])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, logs]], fields=[id, v, dt, hr])");
}

TEST_F(FileSystemPartitionPruningTest, NoPartitionLeftReadsNothing) {
  EXPECT_EQ(plan("SELECT id FROM logs WHERE dt = '2030-01-01'"),
            "== Optimized Physical Plan ==\n"
            "Calc(select=[id])\n"
            "+- TableSourceScan(table=[[default_catalog, default_database, logs, partitions=[]]], "
            "fields=[id, v, dt, hr])");
  EXPECT_EQ(rows("SELECT id FROM logs WHERE dt = '2030-01-01'"), "");
}

}  // namespace
}  // namespace eddy::sql
