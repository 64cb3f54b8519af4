#pragma once

#include <string>
#include <vector>

#include "eddy/types/row_kind.h"

namespace eddy::cli {

// A row of a query result as the SQL client shows it: each field printed ("NULL" for null).
using ResultRow = std::vector<std::string>;

// The result of a query in the SQL client's 'table' result mode (Flink's
// MaterializedCollectStreamResult): the query's changelog folded into the rows the result
// holds now. +I and +U append their row; -U and -D remove the newest equal row, which keeps
// the pages before it unchanged. Read in pages of a given size, as the table view shows it.
// Not thread-safe: the client guards it with the mutex its row callback takes.
class MaterializedResult {
 public:
  void processRecord(types::RowKind kind, ResultRow row);

  const std::vector<ResultRow>& rows() const { return rows_; }

  // The number of pages of `page_size` rows, at least 1 (Flink's snapshot(pageSize)).
  // REQUIRES: page_size > 0.
  int pageCount(int page_size) const;

  // The rows of page `page`, 1 to pageCount(page_size) (Flink's retrieveResultPage).
  // REQUIRES: page_size > 0 and page within range.
  std::vector<ResultRow> retrievePage(int page, int page_size) const;

 private:
  std::vector<ResultRow> rows_;
};

}  // namespace eddy::cli
