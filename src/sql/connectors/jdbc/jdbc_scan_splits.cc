#include "sql/connectors/jdbc/jdbc_scan_splits.h"

#include <memory>
#include <utility>

#include "connectors/jdbc/jdbc_connection.h"
#include "sql/connectors/jdbc/jdbc_prepared_query.h"

namespace eddy::sql {

namespace {

// The name of the prepared statement; a connection per split read.
constexpr const char* kStatementName = "eddy_scan";

}  // namespace

JdbcScanSplits::JdbcScanSplits(connectors::jdbc::JdbcRowDataInputFormat format,
                               connectors::jdbc::JdbcConnectionOptions connection,
                               std::vector<types::LogicalType> field_types,
                               std::vector<ParameterizedPredicate> predicates, bool partitioned)
    : format_(std::move(format)),
      connection_(std::move(connection)),
      field_types_(std::move(field_types)),
      filtered_(!predicates.empty()) {
  std::vector<types::Value> values;
  for (const ParameterizedPredicate& predicate : predicates) {
    values.insert(values.end(), predicate.parameters.begin(), predicate.parameters.end());
    parameter_types_.insert(parameter_types_.end(), predicate.parameter_types.begin(), predicate.parameter_types.end());
  }
  parameters_ = types::Row(types::RowKind::INSERT, std::move(values));
  for (const std::string& query : format_.splitQueries()) queries_.push_back(withPredicates(query, partitioned, predicates));
}

Result<std::vector<types::Row>> JdbcScanSplits::readSplit(size_t split) const {
  if (!filtered_) return format_.readSplit(split);
  EDDY_ASSIGN_OR_RETURN(connectors::jdbc::JdbcUrl target, connection_.connectionTarget());
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<connectors::jdbc::JdbcConnection> connection,
                        connectors::jdbc::JdbcConnection::open(connection_));
  JdbcPreparedQuery query(target.kind, kStatementName, parameter_types_, field_types_);
  EDDY_RETURN_IF_ERROR(query.prepare(*connection, queries_[split]));
  return query.execute(*connection, parameters_);
}

}  // namespace eddy::sql
