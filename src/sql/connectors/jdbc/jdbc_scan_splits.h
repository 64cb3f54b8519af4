#pragma once

#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"
#include "eddy/types/row.h"
#include "sql/connectors/jdbc/jdbc_filter_pushdown.h"

namespace eddy::sql {

// The splits of a jdbc table scan and how each is read: the JdbcRowDataInputFormat's
// queries as they are, or, with pushed-down filters (SupportsFilterPushDown), each with the
// filters' WHERE clause, prepared on the server and executed with the filters' literals as
// its parameters (JdbcPreparedQuery). Immutable; splits may be read from different threads.
class JdbcScanSplits {
 public:
  // REQUIRES: `format` reads `connection`; its split queries have a WHERE (BETWEEN of the
  // partition column) exactly when `partitioned`.
  JdbcScanSplits(connectors::jdbc::JdbcRowDataInputFormat format, connectors::jdbc::JdbcConnectionOptions connection,
                 std::vector<types::LogicalType> field_types, std::vector<ParameterizedPredicate> predicates,
                 bool partitioned);

  size_t size() const { return queries_.size(); }
  // The SQL of split `split`, with `?` for the filters' parameters.
  const std::string& query(size_t split) const { return queries_[split]; }
  // The rows of split `split` (< size()), in the server's order.
  Result<std::vector<types::Row>> readSplit(size_t split) const;

 private:
  connectors::jdbc::JdbcRowDataInputFormat format_;
  connectors::jdbc::JdbcConnectionOptions connection_;
  std::vector<types::LogicalType> field_types_;
  std::vector<std::string> queries_;
  // The filters' literals, in placeholder order, and their types.
  types::Row parameters_;
  std::vector<types::LogicalType> parameter_types_;
  bool filtered_;
};

}  // namespace eddy::sql
