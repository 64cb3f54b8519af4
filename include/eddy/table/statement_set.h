#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/table.h"
#include "sql/catalog/table_result.h"

namespace eddy::table {

class TableEnvironment;

// Several INSERTs planned and run as one job (Flink's StatementSet): sources and common
// sub-plans they share are read and computed once. Created by createStatementSet; it
// refers to its TableEnvironment, which must outlive it. Not thread-safe.
class StatementSet {
 public:
  explicit StatementSet(TableEnvironment* environment) : env_(environment) {}
  virtual ~StatementSet() = default;

  // Adds "INSERT INTO ... query" as SQL text.
  StatementSet& addInsertSql(std::string_view statement);
  // Adds INSERT INTO `table_path` `table`.
  StatementSet& addInsert(std::string_view table_path, const Table& table);

  // The plan of all INSERTs, as EXPLAIN STATEMENT SET prints it.
  Result<std::string> explain() const;
  // Runs the INSERTs as one job, as executeSql runs EXECUTE STATEMENT SET, and empties the set.
  Result<sql::TableResult> execute();

 protected:
  // EXECUTE STATEMENT SET BEGIN <inserts>; END; InvalidArgument when the set is empty or an
  // added Table failed to build.
  Result<std::string> statementSetSql() const;

  TableEnvironment* env_;
  std::vector<std::string> statements_;
  Status status_;
};

// The StatementSet of a StreamTableEnvironment (Flink's StreamStatementSet): its INSERTs can
// also become part of the DataStream job of the environment's StreamExecutionEnvironment.
class StreamStatementSet final : public StatementSet {
 public:
  // Adds the INSERTs of a statement set to the environment's DataStream job.
  using Attach = std::function<Status(std::string_view statement_set)>;

  StreamStatementSet(TableEnvironment* environment, Attach attach)
      : StatementSet(environment), attach_(std::move(attach)) {}

  // Adds the INSERTs to the StreamExecutionEnvironment's job, which env.execute() runs with
  // the rest of the DataStream program, and empties the set.
  Status attachAsDataStream();

 private:
  Attach attach_;
};

}  // namespace eddy::table
