#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/connectors/jdbc/jdbc_connection_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::connectors::jdbc {

// What a JDBC scan reads (Flink's JdbcReadOptions and the table's columns). The four
// partition options ('scan.partition.column', '.num', '.lower-bound', '.upper-bound') go
// together: either all set or none.
struct JdbcReadOptions {
  std::string table_name;
  std::vector<std::string> field_names;
  std::vector<types::LogicalType> field_types;
  std::optional<std::string> partition_column;
  std::optional<int> partition_num;
  std::optional<int64_t> partition_lower_bound;
  std::optional<int64_t> partition_upper_bound;
};

// The [from, to] ranges of Flink's JdbcNumericBetweenParametersProvider(min, max)
// .ofBatchNum(batch_num): batch_num ranges (fewer when the span is smaller), the first ones
// one longer than the rest. REQUIRES: min <= max, batch_num > 0.
std::vector<std::pair<int64_t, int64_t>> numericBetweenParameters(int64_t min, int64_t max, int batch_num);

// Reads a table as rows of the given types, split by the partition column (Flink's
// JdbcRowDataInputFormat, basic: each split is one query read whole into memory, a fresh
// connection per split). Splits are `SELECT cols FROM t` or, partitioned,
// `SELECT cols FROM t WHERE col BETWEEN from AND to`. Thread-compatible; splits may be
// read from different threads on different copies.
class JdbcRowDataInputFormat {
 public:
  // InvalidArgument for incomplete or inconsistent partition options, NotSupported for a
  // column type the dialect cannot read, as Flink's JdbcDynamicTableFactory validation.
  static Result<JdbcRowDataInputFormat> create(JdbcConnectionOptions connection_options, JdbcReadOptions read_options);

  // The query of each split.
  const std::vector<std::string>& splitQueries() const { return queries_; }
  // The rows of split `split` (< splitQueries().size()), in the server's order.
  Result<std::vector<types::Row>> readSplit(size_t split) const;

 private:
  JdbcRowDataInputFormat(JdbcConnectionOptions connection_options, JdbcReadOptions read_options)
      : connection_options_(std::move(connection_options)), read_options_(std::move(read_options)) {}

  JdbcConnectionOptions connection_options_;
  JdbcReadOptions read_options_;
  std::vector<std::string> queries_;
};

}  // namespace eddy::connectors::jdbc
