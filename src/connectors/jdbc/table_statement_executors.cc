#include "connectors/jdbc/table_statement_executors.h"

#include <cstring>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"

namespace eddy::connectors::jdbc {
namespace {

std::vector<int> iota(int count) {
  std::vector<int> positions(count);
  for (int i = 0; i < count; ++i) positions[i] = i;
  return positions;
}

}  // namespace

TableSimpleStatementExecutor::TableSimpleStatementExecutor(std::string insert_sql, JdbcRowConverter converter,
                                                           int field_count)
    : insert_sql_(std::move(insert_sql)),
      converter_(std::move(converter)),
      positions_(iota(field_count)),
      statement_(field_count) {}

Status TableSimpleStatementExecutor::addToBatch(const types::Row* rows, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (rows[i].getKind() != types::RowKind::INSERT) {
      return InvalidArgument(fmt::format("cannot write the change {} to a JDBC table without a primary key: please "
                                         "declare primary key for sink table when query contains update/delete record.",
                                         rows[i].toString()));
    }
    EDDY_RETURN_IF_ERROR(converter_.toExternal(rows[i], positions_, statement_));
    statement_.addBatch();
  }
  return Status::OK();
}

Status TableSimpleStatementExecutor::executeBatch(JdbcConnection& connection) {
  return connection.executeBatch(insert_sql_, statement_);
}

TableBufferReducedStatementExecutor::TableBufferReducedStatementExecutor(std::string upsert_sql, std::string delete_sql,
                                                                         JdbcRowConverter converter,
                                                                         std::vector<int> key_positions, int field_count)
    : upsert_sql_(std::move(upsert_sql)),
      delete_sql_(std::move(delete_sql)),
      converter_(std::move(converter)),
      key_positions_(std::move(key_positions)),
      all_positions_(iota(field_count)),
      upserts_(field_count),
      deletes_(static_cast<int>(key_positions_.size())) {}

Status TableBufferReducedStatementExecutor::addToBatch(const types::Row* rows, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const types::Row& row = rows[i];
    if (row.getKind() == types::RowKind::UPDATE_BEFORE) continue;
    // Each key field as its kind, its text and the text's length, so keys never collide.
    key_.clear();
    for (int position : key_positions_) {
      const types::Value& value = row.getField(position);
      key_ += static_cast<char>(value.kind());
      size_t start = key_.size();
      value.appendTo(key_);
      uint32_t length = static_cast<uint32_t>(key_.size() - start);
      key_.append(reinterpret_cast<const char*>(&length), sizeof(length));
    }
    const bool upsert = row.getKind() != types::RowKind::DELETE;
    auto [it, inserted] = index_.try_emplace(key_, rows_.size());
    if (inserted) {
      rows_.push_back(row);
      upsert_.push_back(upsert);
    } else {
      rows_[it->second] = row;
      upsert_[it->second] = upsert;
    }
  }
  return Status::OK();
}

Status TableBufferReducedStatementExecutor::executeBatch(JdbcConnection& connection) {
  upserts_.clearBatch();
  deletes_.clearBatch();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (upsert_[i]) {
      EDDY_RETURN_IF_ERROR(converter_.toExternal(rows_[i], all_positions_, upserts_));
      upserts_.addBatch();
    } else {
      EDDY_RETURN_IF_ERROR(converter_.toExternal(rows_[i], key_positions_, deletes_));
      deletes_.addBatch();
    }
  }
  EDDY_RETURN_IF_ERROR(connection.executeBatch(upsert_sql_, upserts_));
  return connection.executeBatch(delete_sql_, deletes_);
}

void TableBufferReducedStatementExecutor::clearBatch() {
  rows_.clear();
  upsert_.clear();
  index_.clear();
}

}  // namespace eddy::connectors::jdbc
