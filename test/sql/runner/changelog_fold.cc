#include "changelog_fold.h"

#include <algorithm>

#include "slt_file_parser.h"

namespace eddy::slt {

Result<std::vector<CellRow>> foldChangelog(const std::vector<ChangelogRow>& changelog) {
  std::vector<CellRow> rows;
  for (size_t i = 0; i < changelog.size(); ++i) {
    const ChangelogRow& change = changelog[i];
    if (change.kind == types::RowKind::INSERT || change.kind == types::RowKind::UPDATE_AFTER) {
      rows.push_back(change.cells);
      continue;
    }
    auto found = std::find(rows.begin(), rows.end(), change.cells);
    if (found == rows.end()) {
      std::string printed;
      for (const Cell& cell : change.cells) printed += (printed.empty() ? "" : "\t") + formatCell(cell);
      return InvalidArgument("changelog row " + std::to_string(i + 1) + " " + std::string(types::shortString(change.kind)) +
                             " " + printed + " retracts a row that is not in the result");
    }
    rows.erase(found);
  }
  return rows;
}

}  // namespace eddy::slt
