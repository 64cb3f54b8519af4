#include "eddy/connectors/jdbc/jdbc_row_data_input_format.h"

#include <cmath>

#include <fmt/format.h>

#include "connectors/jdbc/jdbc_connection.h"
#include "connectors/jdbc/jdbc_row_converter.h"
#include "eddy/common/check.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"

namespace eddy::connectors::jdbc {

std::vector<std::pair<int64_t, int64_t>> numericBetweenParameters(int64_t min, int64_t max, int batch_num) {
  EDDY_CHECK_LE(min, max);
  EDDY_CHECK_GT(batch_num, 0);
  const int64_t max_elem_count = (max - min) + 1;
  if (batch_num > max_elem_count) batch_num = static_cast<int>(max_elem_count);
  const int64_t batch_size =
      static_cast<int64_t>(std::ceil(static_cast<double>(max_elem_count) / static_cast<double>(batch_num)));
  const int64_t big_batch_num = max_elem_count - (batch_size - 1) * batch_num;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  int64_t start = min;
  for (int i = 0; i < batch_num; ++i) {
    int64_t end = start + batch_size - 1 - (i >= big_batch_num ? 1 : 0);
    ranges.emplace_back(start, end);
    start = end + 1;
  }
  return ranges;
}

Result<JdbcRowDataInputFormat> JdbcRowDataInputFormat::create(JdbcConnectionOptions connection_options,
                                                              JdbcReadOptions read_options) {
  EDDY_ASSIGN_OR_RETURN(JdbcUrl target, connection_options.connectionTarget());
  const JdbcDialect dialect(target.kind);
  const JdbcReadOptions& options = read_options;
  if (options.field_names.size() != options.field_types.size() || options.field_names.empty()) {
    return InvalidArgument(fmt::format("JDBC table '{}': {} column names for {} types", options.table_name,
                                       options.field_names.size(), options.field_types.size()));
  }
  for (const types::LogicalType& type : options.field_types) EDDY_RETURN_IF_ERROR(dialect.validate(type));
  const bool any = options.partition_column || options.partition_num || options.partition_lower_bound ||
                   options.partition_upper_bound;
  const bool all = options.partition_column && options.partition_num && options.partition_lower_bound &&
                   options.partition_upper_bound;
  if (any && !all) {
    return InvalidArgument(
        "Either all or none of the following options should be provided:\n"
        "scan.partition.column\nscan.partition.num\nscan.partition.lower-bound\nscan.partition.upper-bound");
  }
  JdbcRowDataInputFormat format(std::move(connection_options), read_options);
  const std::string select = dialect.getSelectFromStatement(format.read_options_.table_name,
                                                            format.read_options_.field_names, {});
  if (!all) {
    format.queries_.push_back(select);
    return format;
  }
  if (*options.partition_lower_bound > *options.partition_upper_bound) {
    return InvalidArgument(fmt::format("'scan.partition.lower-bound'='{}' must not be larger than "
                                       "'scan.partition.upper-bound'='{}'.",
                                       *options.partition_lower_bound, *options.partition_upper_bound));
  }
  if (*options.partition_num <= 0) {
    return InvalidArgument(fmt::format("'scan.partition.num' must be positive, got {}", *options.partition_num));
  }
  for (const auto& [from, to] :
       numericBetweenParameters(*options.partition_lower_bound, *options.partition_upper_bound, *options.partition_num)) {
    format.queries_.push_back(fmt::format("{} WHERE {} BETWEEN {} AND {}", select,
                                          dialect.quoteIdentifier(*options.partition_column), from, to));
  }
  return format;
}

Result<std::vector<types::Row>> JdbcRowDataInputFormat::readSplit(size_t split) const {
  EDDY_CHECK_LT(split, queries_.size());
  EDDY_ASSIGN_OR_RETURN(JdbcUrl target, connection_options_.connectionTarget());
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<JdbcConnection> connection, JdbcConnection::open(connection_options_));
  EDDY_ASSIGN_OR_RETURN(QueryResult result, connection->query(queries_[split]));
  JdbcRowConverter converter(target.kind, read_options_.field_types);
  std::vector<types::Row> rows;
  rows.reserve(result.rows.size());
  for (const auto& text : result.rows) {
    EDDY_ASSIGN_OR_RETURN(types::Row row, converter.toInternal(text));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace eddy::connectors::jdbc
