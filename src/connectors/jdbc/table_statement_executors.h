#pragma once

#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "connectors/jdbc/jdbc_row_converter.h"
#include "eddy/connectors/jdbc/jdbc_output_format.h"

namespace eddy::connectors::jdbc {

// A JdbcBatchStatementExecutor fed with table rows, one virtual call per slice of rows.
class TableStatementExecutor : public JdbcBatchStatementExecutor {
 public:
  // Buffers rows[0, count). InvalidArgument for a row it cannot write.
  virtual Status addToBatch(const types::Row* rows, size_t count) = 0;
};

// Inserts every row (Flink's TableSimpleStatementExecutor, for tables without a primary
// key). Only INSERT rows are accepted: an append-only table cannot apply updates or deletes.
class TableSimpleStatementExecutor final : public TableStatementExecutor {
 public:
  TableSimpleStatementExecutor(std::string insert_sql, JdbcRowConverter converter, int field_count);
  Status addToBatch(const types::Row* rows, size_t count) override;
  Status executeBatch(JdbcConnection& connection) override;
  void clearBatch() override { statement_.clearBatch(); }

 private:
  std::string insert_sql_;
  JdbcRowConverter converter_;
  std::vector<int> positions_;
  PreparedStatement statement_;
};

// Keeps the last change per primary key and writes upserts and deletes on flush (Flink's
// TableBufferReducedStatementExecutor): +I and +U become upserts, -D a delete, the last
// change of a key wins. -U is skipped: Flink's upsert sink asks the planner for changes
// without UPDATE_BEFORE, and the +U that follows it replaces the row anyway.
class TableBufferReducedStatementExecutor final : public TableStatementExecutor {
 public:
  TableBufferReducedStatementExecutor(std::string upsert_sql, std::string delete_sql, JdbcRowConverter converter,
                                      std::vector<int> key_positions, int field_count);
  Status addToBatch(const types::Row* rows, size_t count) override;
  Status executeBatch(JdbcConnection& connection) override;
  void clearBatch() override;

 private:
  std::string upsert_sql_;
  std::string delete_sql_;
  JdbcRowConverter converter_;
  std::vector<int> key_positions_;
  std::vector<int> all_positions_;
  std::vector<types::Row> rows_;   // the last change of each key, in first-seen order
  std::vector<bool> upsert_;       // per entry of rows_: upsert (true) or delete
  absl::flat_hash_map<std::string, size_t> index_;  // encoded key → entry
  std::string key_;
  PreparedStatement upserts_;
  PreparedStatement deletes_;
};

}  // namespace eddy::connectors::jdbc
