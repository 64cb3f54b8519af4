#include "eddy/table/table.h"

#include <fmt/format.h>

#include <iostream>

#include "eddy/table/table_environment.h"
#include "sql/catalog/object_identifier.h"

namespace eddy::table {

struct Table::PendingJoin {
  Table left;
  Table right;
};

namespace {

// The alias every derived query gives the query it reads; each level is its own scope.
constexpr const char* kSubqueryAlias = "`t`";

std::string selectList(const std::vector<Expression>& fields, const GroupWindow* window = nullptr) {
  std::string list;
  for (const Expression& field : fields) list += (list.empty() ? "" : ", ") + field.asSerializableString(window);
  return list;
}

}  // namespace

Table Table::failed(Status status) const {
  Table table(env_, query_);
  table.status_ = std::move(status);
  return table;
}

Table Table::derive(const std::string& select, const std::string& rest) const {
  if (!status_.ok()) return *this;
  std::string query = fmt::format("SELECT {} FROM ({}) AS {}", select, query_, kSubqueryAlias);
  if (!rest.empty()) query += " " + rest;
  return Table(env_, std::move(query));
}

Table Table::select(const std::vector<Expression>& fields) const { return derive(selectList(fields)); }

Table Table::select(std::string_view sql_fields) const { return derive(std::string(sql_fields)); }

Table Table::filter(const Expression& predicate) const {
  if (pending_join_) return pending_join_->left.joined("INNER", pending_join_->right, predicate.asSerializableString());
  return derive("*", "WHERE " + predicate.asSerializableString());
}

Table Table::filter(std::string_view sql_predicate) const { return filter(callSql(std::string(sql_predicate))); }

GroupedTable Table::groupBy(const std::vector<Expression>& fields) const {
  return GroupedTable(*this, selectList(fields), std::nullopt);
}

GroupedTable Table::groupBy(std::string_view sql_fields) const {
  return GroupedTable(*this, std::string(sql_fields), std::nullopt);
}

GroupWindowedTable Table::window(const GroupWindow& window) const { return GroupWindowedTable(*this, window); }

Table Table::joined(const char* join_type, const Table& right, const std::string& condition) const {
  if (!status_.ok()) return *this;
  if (!right.status_.ok()) return right;
  return Table(env_, fmt::format("SELECT * FROM ({}) AS `l` {} JOIN ({}) AS `r` ON {}", query_, join_type, right.query_,
                                 condition));
}

Table Table::join(const Table& right) const {
  Table table = joined("INNER", right, "TRUE");
  table.pending_join_ = std::make_shared<const PendingJoin>(PendingJoin{*this, right});
  return table;
}

Table Table::join(const Table& right, const Expression& condition) const {
  return joined("INNER", right, condition.asSerializableString());
}

Table Table::leftOuterJoin(const Table& right, const Expression& condition) const {
  return joined("LEFT", right, condition.asSerializableString());
}

Table Table::rightOuterJoin(const Table& right, const Expression& condition) const {
  return joined("RIGHT", right, condition.asSerializableString());
}

Table Table::fullOuterJoin(const Table& right, const Expression& condition) const {
  return joined("FULL", right, condition.asSerializableString());
}

Result<std::string> Table::columnList(const std::vector<std::string>& names) const {
  EDDY_ASSIGN_OR_RETURN(std::vector<std::string> columns, env_->queryColumns(query_));
  if (names.size() > columns.size()) return InvalidArgument("Aliasing more fields than we actually have.");
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) {
    list += (i == 0 ? "" : ", ") + sql::escapeIdentifier(columns[i]);
    if (i < names.size()) list += " AS " + sql::escapeIdentifier(names[i]);
  }
  return list;
}

Table Table::renameColumns(const std::vector<std::string>& names) const {
  if (!status_.ok()) return *this;
  Result<std::string> list = columnList(names);
  return list.ok() ? derive(*list) : failed(list.status());
}

Table Table::distinct() const {
  if (!status_.ok()) return *this;
  Result<std::string> list = columnList({});
  return list.ok() ? derive("DISTINCT " + *list) : failed(list.status());
}

Table Table::unionAll(const Table& other) const {
  if (!status_.ok()) return *this;
  if (!other.status_.ok()) return other;
  return Table(env_, fmt::format("SELECT * FROM ({}) AS {} UNION ALL SELECT * FROM ({}) AS {}", query_, kSubqueryAlias,
                                 other.query_, kSubqueryAlias));
}

Table Table::orderBy(const std::vector<Expression>& fields) const { return derive("*", "ORDER BY " + selectList(fields)); }

Table Table::limit(int64_t fetch) const {
  if (!status_.ok()) return *this;
  return Table(env_, fmt::format("{} LIMIT {}", query_, fetch));
}

Result<sql::TableResult> Table::execute() const {
  EDDY_RETURN_IF_ERROR(status_);
  return env_->executeSql(query_);
}

Result<sql::TableResult> Table::executeInsert(std::string_view table_path) const {
  EDDY_RETURN_IF_ERROR(status_);
  return env_->executeSql(fmt::format("INSERT INTO {} {}", table_path, query_));
}

Result<std::string> Table::explain() const {
  EDDY_RETURN_IF_ERROR(status_);
  return env_->explainSql(query_);
}

Result<ResolvedSchema> Table::getResolvedSchema() const {
  EDDY_RETURN_IF_ERROR(status_);
  return env_->querySchema(query_);
}

void Table::printSchema() const {
  Result<ResolvedSchema> schema = getResolvedSchema();
  std::cout << (schema.ok() ? schema->toString() : schema.status().message()) << std::endl;
}

Table GroupedTable::select(const std::vector<Expression>& fields) const {
  const GroupWindow* window = window_ ? &*window_ : nullptr;
  return table_.derive(selectList(fields, window), "GROUP BY " + keys_);
}

Table GroupedTable::select(std::string_view sql_fields) const {
  return table_.derive(std::string(sql_fields), "GROUP BY " + keys_);
}

GroupedTable GroupWindowedTable::groupBy(const std::vector<Expression>& fields) const {
  return GroupedTable(table_, selectList(fields, &window_), window_);
}

}  // namespace eddy::table
