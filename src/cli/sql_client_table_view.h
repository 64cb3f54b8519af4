#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/sql_client_materialized_result.h"

namespace eddy::cli {

// The screen of the SQL client's 'table' result mode, as Flink's CliTableResultView draws
// it: a title line, the status line (refresh interval or "Table program finished.", the
// page, the time of the last refresh), the column names, the rows of the page shown, and
// two lines of key help at the bottom. "O" opens the selected row as Flink's CliRowView.
// Pure state: the client feeds it keys, refreshes and the terminal size, and writes what
// render() returns (sql_client_table_terminal.h). Not thread-safe.
class CliTableResultView {
 public:
  // Flink's ResultTableOperation.
  enum class Operation { kQuit, kRefresh, kUp, kDown, kOpen, kGoto, kNext, kPrev, kLast, kIncRefresh, kDecRefresh };

  // `column_types` as Flink prints them in the row view ("INT", "STRING").
  CliTableResultView(std::vector<std::string> column_names, std::vector<std::string> column_types);

  // The operation bound to what a terminal sends for a key (Flink's getKeys()): q/Q/ESC/
  // Ctrl-C quit, r/R/F5 refresh, w/W/up and s/S/down select, o/O/Enter open, g/G go to a
  // page, n/N next, p/P previous, l/L/End last page, + and - the refresh interval.
  static std::optional<Operation> operationOf(std::string_view key);

  // The terminal's size; the page size is the height left for rows (at least 1).
  void setSize(int width, int height);
  int pageSize() const;

  // Flink's refresh(): the page count of `result` now and the rows of the page shown;
  // `finished` when the query's job has ended; `now` the time as HH:mm:ss.SSS.
  void refresh(const MaterializedResult& result, bool finished, std::string now);

  // Applies an operation other than kQuit and kGoto (which the caller handles by asking
  // for a page number and calling gotoPage). kOpen opens the selected row, if any.
  void evaluate(Operation operation, const MaterializedResult& result);
  // Shows page `page` (1 to pageCount()); false, changing nothing, when out of range.
  bool gotoPage(int page, const MaterializedResult& result);

  // The refresh interval in milliseconds, -1 for none (Flink's REFRESH_INTERVALS).
  long refreshIntervalMillis() const;
  int page() const { return page_; }  // 0: the last page, as Flink's LAST_PAGE
  int pageCount() const { return page_count_; }
  bool retrieving() const { return retrieving_; }
  bool rowOpen() const { return open_row_.has_value(); }
  void closeRow() { open_row_.reset(); }

  // The whole screen, its lines separated by "\r\n", with ANSI styles (inverse, bold,
  // underline) as Flink's jline attributes.
  std::string render() const;
  // "Enter page number: [1 to N]" with what was typed so far, as Flink's CliInputView.
  std::string renderInput(const std::string& typed) const;

 private:
  void updatePage(const MaterializedResult& result);
  std::vector<std::string> statusLines() const;
  std::string titleLine(const std::string& title) const;
  std::string rowLine(size_t index) const;

  std::vector<std::string> column_names_;
  std::vector<std::string> column_types_;
  std::vector<int> column_widths_;
  int width_ = 80;
  int height_ = 30;
  int refresh_interval_ = 3;  // index into the intervals: "1 s"
  int page_ = 0;
  int page_count_ = 1;
  int previous_results_page_ = 1;
  bool retrieving_ = true;
  std::string last_retrieval_;
  std::vector<ResultRow> results_;
  std::optional<std::vector<ResultRow>> previous_results_;
  int selected_row_ = -1;
  std::optional<ResultRow> open_row_;
};

}  // namespace eddy::cli
