#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/table/expressions.h"
#include "eddy/table/resolved_schema.h"
#include "sql/catalog/table_result.h"

namespace eddy::table {

class TableEnvironment;
class GroupedTable;
class GroupWindowedTable;

// A relational query of the Table API (Flink's Table): what sqlQuery, from and
// fromDataStream return and what the fluent operations (select, filter, groupBy, join, …)
// derive. A Table is the SQL of its query plus the TableEnvironment that plans it; each
// fluent call returns a new Table whose SQL reads the previous one as a subquery, so the
// Table API follows Flink SQL's semantics exactly and plans to the same operators.
//
// Mistakes (an unknown column, a bad type) are found when the Table is planned: by
// execute, executeInsert, explain, getResolvedSchema, toDataStream or createTemporaryView.
// A value type; it refers to its TableEnvironment, which must outlive it.
class Table {
 public:
  Table(TableEnvironment* environment, std::string query) : env_(environment), query_(std::move(query)) {}

  // Projection (SELECT). Expressions as $-DSL or, as older Flink versions accept, one SQL
  // select list ("a, b + 1 AS c").
  template <typename... Es>
    requires(std::same_as<Es, Expression> && ...)
  Table select(const Es&... fields) const {
    return select(std::vector<Expression>{fields...});
  }
  Table select(const std::vector<Expression>& fields) const;
  Table select(std::string_view sql_fields) const;
  // Selection (WHERE); where is filter's other name.
  Table filter(const Expression& predicate) const;
  Table filter(std::string_view sql_predicate) const;
  Table where(const Expression& predicate) const { return filter(predicate); }
  Table where(std::string_view sql_predicate) const { return filter(sql_predicate); }

  // GROUP BY: aggregate with select() on the result.
  template <typename... Es>
    requires(std::same_as<Es, Expression> && ...)
  GroupedTable groupBy(const Es&... fields) const;
  GroupedTable groupBy(const std::vector<Expression>& fields) const;
  GroupedTable groupBy(std::string_view sql_fields) const;
  // A group window (Tumble, Slide, Session): group by its alias with groupBy().
  GroupWindowedTable window(const GroupWindow& window) const;

  // An inner join with `right`; its condition is given by where()/filter() on the result,
  // or here. Field names of both sides must be distinct, as in Flink.
  Table join(const Table& right) const;
  Table join(const Table& right, const Expression& condition) const;
  Table leftOuterJoin(const Table& right, const Expression& condition) const;
  Table rightOuterJoin(const Table& right, const Expression& condition) const;
  Table fullOuterJoin(const Table& right, const Expression& condition) const;

  // Renames all columns, in order (Flink's as(field, fields...)).
  template <typename... Names>
    requires(std::convertible_to<Names, std::string> && ...)
  Table as(const std::string& field, const Names&... fields) const {
    return renameColumns(std::vector<std::string>{field, std::string(fields)...});
  }
  Table distinct() const;
  Table unionAll(const Table& other) const;
  Table orderBy(const std::vector<Expression>& fields) const;
  Table limit(int64_t fetch) const;

  // Runs the query on bounded input to its end and returns its rows and their RowKinds.
  Result<sql::TableResult> execute() const;
  // INSERT INTO `table_path` this query; runs the job as executeSql does.
  Result<sql::TableResult> executeInsert(std::string_view table_path) const;
  // The plan, as EXPLAIN prints it.
  Result<std::string> explain() const;
  Result<ResolvedSchema> getResolvedSchema() const;
  // Prints getResolvedSchema() (or the planning error) to stdout.
  void printSchema() const;

  // The query as Flink SQL (QueryOperation#asSerializableString).
  const std::string& asSerializableString() const { return query_; }
  // Set when a fluent call could not build its query (e.g. as() with the wrong number of
  // names); every planning of this Table then returns it.
  const Status& status() const { return status_; }
  TableEnvironment* getEnvironment() const { return env_; }

 private:
  friend class GroupedTable;
  friend class GroupWindowedTable;

  // A Table that reads this one: "SELECT <select> FROM (<this>) AS `t` <rest>".
  Table derive(const std::string& select, const std::string& rest = "") const;
  Table joined(const char* join_type, const Table& right, const std::string& condition) const;
  Table renameColumns(const std::vector<std::string>& names) const;
  // This query's columns, the first ones renamed to `names`, as a select list.
  Result<std::string> columnList(const std::vector<std::string>& names) const;
  Table failed(Status status) const;

  TableEnvironment* env_;
  std::string query_;
  Status status_;
  // Set after join(right) without a condition: where()/filter() makes it the join's.
  struct PendingJoin;
  std::shared_ptr<const PendingJoin> pending_join_;
};

// A Table grouped by keys, waiting for the aggregating select (Flink's GroupedTable).
class GroupedTable {
 public:
  template <typename... Es>
    requires(std::same_as<Es, Expression> && ...)
  Table select(const Es&... fields) const {
    return select(std::vector<Expression>{fields...});
  }
  Table select(const std::vector<Expression>& fields) const;
  Table select(std::string_view sql_fields) const;

 private:
  friend class Table;
  friend class GroupWindowedTable;
  GroupedTable(Table table, std::string keys, std::optional<GroupWindow> window)
      : table_(std::move(table)), keys_(std::move(keys)), window_(std::move(window)) {}

  Table table_;
  std::string keys_;
  std::optional<GroupWindow> window_;
};

// A Table with a group window, waiting for groupBy (Flink's GroupWindowedTable). The keys
// must include the window's alias.
class GroupWindowedTable {
 public:
  template <typename... Es>
    requires(std::same_as<Es, Expression> && ...)
  GroupedTable groupBy(const Es&... fields) const {
    return groupBy(std::vector<Expression>{fields...});
  }
  GroupedTable groupBy(const std::vector<Expression>& fields) const;

 private:
  friend class Table;
  GroupWindowedTable(Table table, GroupWindow window) : table_(std::move(table)), window_(std::move(window)) {}

  Table table_;
  GroupWindow window_;
};

template <typename... Es>
  requires(std::same_as<Es, Expression> && ...)
GroupedTable Table::groupBy(const Es&... fields) const {
  return groupBy(std::vector<Expression>{fields...});
}

}  // namespace eddy::table
