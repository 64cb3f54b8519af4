#include "cli/sql_client_materialized_result.h"

#include <algorithm>
#include <stdexcept>

namespace eddy::cli {

void MaterializedResult::processRecord(types::RowKind kind, ResultRow row) {
  if (kind == types::RowKind::INSERT || kind == types::RowKind::UPDATE_AFTER) {
    rows_.push_back(std::move(row));
    return;
  }
  for (size_t i = rows_.size(); i-- > 0;) {
    if (rows_[i] == row) {
      rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

int MaterializedResult::pageCount(int page_size) const {
  if (page_size <= 0) throw std::invalid_argument("page size must be positive");
  const int rows = static_cast<int>(rows_.size());
  return std::max(1, (rows + page_size - 1) / page_size);
}

std::vector<ResultRow> MaterializedResult::retrievePage(int page, int page_size) const {
  if (page < 1 || page > pageCount(page_size)) throw std::out_of_range("Invalid page '" + std::to_string(page) + "'.");
  const size_t begin = static_cast<size_t>(page - 1) * static_cast<size_t>(page_size);
  const size_t end = std::min(rows_.size(), begin + static_cast<size_t>(page_size));
  return {rows_.begin() + static_cast<std::ptrdiff_t>(begin), rows_.begin() + static_cast<std::ptrdiff_t>(end)};
}

}  // namespace eddy::cli
