#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <memory>

#include "eddy/common/result.h"
#include "eddy/table/table_environment.h"
#include "eddy/types/logical_type.h"
#include "slt_record.h"
#include "sql/parser/ast_statement.h"

namespace eddy::slt {

// What a statement or query returned: its column names and its rows as a changelog
// (statements other than queries return insert rows only).
struct StatementOutput {
  std::vector<std::string> columns;
  std::vector<ChangelogRow> changelog;
};

// A table of the `values` connector that the session created, as the DuckDB oracle needs
// it: its object name, physical columns and data-id.
struct ValuesTable {
  std::string name;
  std::vector<std::pair<std::string, types::LogicalType>> columns;
  std::string data_id;
};

// One SQL session of a .test file: executes statements with TableEnvironment::executeSql
// (queries over bounded input run to their end and return their changelog), feeds
// `input` blocks to the values connector, and remembers the values tables it created. The
// test function classes (test_function_classes.h) are registered for its CREATE FUNCTION.
// Not thread-safe.
class SqlSession {
 public:
  SqlSession();

  Result<StatementOutput> execute(std::string_view sql);

  // Registers the elements of `input` as the data of its data-id (replacing earlier data).
  void registerInput(const InputRecord& input);

  // The values tables that exist now, by object name.
  const std::map<std::string, ValuesTable>& valuesTables() const { return values_tables_; }

  // The input last registered for `data_id` (empty if none).
  const std::vector<InputElement>& input(const std::string& data_id) const;

 private:
  void track(const sql::Statement& statement);

  std::unique_ptr<table::TableEnvironment> environment_;
  std::map<std::string, ValuesTable> values_tables_;
  std::map<std::string, std::vector<InputElement>> inputs_;
};

}  // namespace eddy::slt
