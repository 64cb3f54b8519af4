#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "eddy/table/functions/function_class_registry.h"
#include "eddy/types/data_types.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

// A class a job would register: the length of its argument.
class Length final : public table::ScalarFunction {
 public:
  std::vector<table::FunctionSignature> signatures() const override {
    return {{{types::DataTypes::STRING()}, types::DataTypes::INT()}};
  }
  Status eval(size_t, std::span<const types::ColumnVector* const> args, size_t n,
              types::ColumnVector& out) const override {
    for (size_t i = 0; i < n; ++i) {
      if (args[0]->isNull(i)) {
        out.appendNull();
      } else {
        out.append<int32_t>(static_cast<int32_t>(args[0]->stringAt(i).size()));
      }
    }
    return Status::OK();
  }
};

class SqlFunctionDdlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ValuesData::registerData("words", {insertRow({"1", "cocoa"}), insertRow({"2", std::nullopt}), insertRow({"3", "x"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE words (id INT, word STRING) WITH ('connector' = 'values', 'data-id' = 'words')"),
              "[OK]\n");
  }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlFunctionDdlTest, NexmarkCountCharIsABuiltInClass) {
  ASSERT_EQ(runSql(*env_, "CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar'"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id, count_char(word, 'c') FROM words"), "+I[1, 2]\n+I[2, 0]\n+I[3, 0]\n");
  EXPECT_EQ(runSql(*env_, "CREATE FUNCTION IF NOT EXISTS count_char AS 'com.github.nexmark.flink.udf.CountChar'"),
            "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SHOW USER FUNCTIONS"), "[count_char]\n");
}

TEST_F(SqlFunctionDdlTest, ClassesRegisteredByTheProgram) {
  table::registerFunctionClass("com.example.Length", [] { return table::UserDefinedFunction(std::make_shared<Length>()); });
  ASSERT_EQ(runSql(*env_, "CREATE TEMPORARY SYSTEM FUNCTION len AS 'com.example.Length' LANGUAGE JAVA"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "SELECT id, len(word) FROM words"), "+I[1, 5]\n+I[2, NULL]\n+I[3, 1]\n");
  EXPECT_EQ(runSql(*env_, "DROP TEMPORARY SYSTEM FUNCTION len"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "DROP TEMPORARY SYSTEM FUNCTION len"), "ERROR: Temporary system function len doesn't exist");
  EXPECT_EQ(runSql(*env_, "DROP TEMPORARY SYSTEM FUNCTION IF EXISTS len"), "[OK]\n");
  ASSERT_EQ(runSql(*env_, "CREATE TEMPORARY FUNCTION len AS 'com.example.Length'"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "DROP TEMPORARY FUNCTION len"), "[OK]\n");
  EXPECT_EQ(runSql(*env_, "DROP FUNCTION len"), "ERROR: Function len doesn't exist");
}

TEST_F(SqlFunctionDdlTest, UnknownClassesAndLanguagesAreErrors) {
  EXPECT_EQ(runSql(*env_, "CREATE FUNCTION f AS 'com.example.Missing'"),
            "ERROR: Could not find class 'com.example.Missing' for creating an instance for function 'f'. Eddy runs "
            "C++ functions: a class is registered with eddy::table::registerFunctionClass.");
  EXPECT_EQ(runSql(*env_, "CREATE FUNCTION f AS 'my_module.f' LANGUAGE PYTHON"),
            "ERROR: Python user-defined functions are not supported: Eddy runs C++ functions");
}

}  // namespace
}  // namespace eddy::sql
