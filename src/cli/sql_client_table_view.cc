#include "cli/sql_client_table_view.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

namespace eddy::cli {
namespace {

constexpr const char* kInverse = "\x1b[7m";
constexpr const char* kUnderline = "\x1b[4m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kMargin = " ";  // CliStrings.DEFAULT_MARGIN
constexpr int kMaxColumnWidth = 30;   // 'sql-client.display.max-column-width'
constexpr int kMinRefreshInterval = 1;

// Flink's CliResultView.REFRESH_INTERVALS (Flink waits 100 ms at "500 ms"; Eddy 500).
struct RefreshInterval {
  const char* name;
  long millis;
};
constexpr std::array<RefreshInterval, 8> kRefreshIntervals{{{"Fastest", 0},
                                                            {"100 ms", 100},
                                                            {"500 ms", 500},
                                                            {"1 s", 1'000},
                                                            {"5 s", 5'000},
                                                            {"10 s", 10'000},
                                                            {"1 min", 60'000},
                                                            {"-", -1}}};

std::string spaces(int n) { return n > 0 ? std::string(static_cast<size_t>(n), ' ') : std::string(); }

// CliUtils.normalizeColumn: right-aligned in `width`, cut with '~' when longer.
std::string normalizeColumn(const std::string& value, int width) {
  if (static_cast<int>(value.size()) > width) return value.substr(0, static_cast<size_t>(width - 1)) + "~";
  return spaces(width - static_cast<int>(value.size())) + value;
}

// The precision in "TYPE(p)" or "TYPE(p, s)", or `fallback`.
int precisionOf(const std::string& type, int fallback) {
  const size_t open = type.find('(');
  return open == std::string::npos ? fallback : std::atoi(type.c_str() + open + 1);
}

// The widest value of a type, as Flink's TableauStyle infers column widths from types.
int typeWidth(const std::string& type) {
  auto is = [&](const char* prefix) { return type.rfind(prefix, 0) == 0; };
  if (is("BOOLEAN")) return 5;
  if (is("TINYINT")) return 4;
  if (is("SMALLINT")) return 6;
  if (is("INT")) return 11;
  if (is("BIGINT")) return 20;
  if (is("DECIMAL")) return precisionOf(type, 10) + 2;
  if (is("DATE")) return 10;
  if (is("TIME(")) return 8 + (precisionOf(type, 0) > 0 ? precisionOf(type, 0) + 1 : 0);
  if (is("TIMESTAMP")) return 19 + (precisionOf(type, 6) > 0 ? precisionOf(type, 6) + 1 : 0);
  if (is("CHAR") || is("VARCHAR")) return precisionOf(type, kMaxColumnWidth);
  return kMaxColumnWidth;
}

// CliUtils.formatTwoLineHelpOptions: options alternate between two lines, each padded to
// 11 characters plus the space the width leaves per column.
std::vector<std::string> helpLines(int width, const std::vector<std::pair<std::string, std::string>>& options) {
  const int columns = static_cast<int>((options.size() + 1) / 2);
  const int space = (width - 1 - columns * 13) / columns;
  std::array<std::string, 2> lines;
  for (size_t i = 0; i < options.size(); ++i) {
    const auto& [key, name] = options[i];
    lines[i % 2] += std::string(kInverse) + key + kReset + " " + name + spaces(11 - static_cast<int>(name.size()) + space);
  }
  return {lines[0], lines[1]};
}

}  // namespace

CliTableResultView::CliTableResultView(std::vector<std::string> column_names, std::vector<std::string> column_types)
    : column_names_(std::move(column_names)), column_types_(std::move(column_types)) {
  for (size_t i = 0; i < column_names_.size(); ++i) {
    const std::string& type = i < column_types_.size() ? column_types_[i] : std::string();
    int width = std::max(typeWidth(type), static_cast<int>(column_names_[i].size()));
    if (type.find("NOT NULL") == std::string::npos) width = std::max(width, 4);  // "NULL"
    column_widths_.push_back(std::min(width, kMaxColumnWidth));
  }
}

std::optional<CliTableResultView::Operation> CliTableResultView::operationOf(std::string_view key) {
  if (key == "q" || key == "Q" || key == "\x1b" || key == "\x03") return Operation::kQuit;
  if (key == "r" || key == "R" || key == "\x1b[15~") return Operation::kRefresh;
  if (key == "w" || key == "W" || key == "\x1b[A" || key == "\x1bOA") return Operation::kUp;
  if (key == "s" || key == "S" || key == "\x1b[B" || key == "\x1bOB") return Operation::kDown;
  if (key == "o" || key == "O" || key == "\r") return Operation::kOpen;
  if (key == "g" || key == "G") return Operation::kGoto;
  if (key == "n" || key == "N") return Operation::kNext;
  if (key == "p" || key == "P") return Operation::kPrev;
  if (key == "l" || key == "L" || key == "\x1b[F" || key == "\x1b[4~" || key == "\x1bOF") return Operation::kLast;
  if (key == "+") return Operation::kIncRefresh;
  if (key == "-") return Operation::kDecRefresh;
  return std::nullopt;
}

void CliTableResultView::setSize(int width, int height) {
  width_ = width > 0 ? width : 80;
  height_ = height > 0 ? height : 30;
}

// Flink's getVisibleMainHeight: the height without the title, the status line and the
// line after it, the column names and the two help lines.
int CliTableResultView::pageSize() const { return std::max(1, height_ - 6); }

long CliTableResultView::refreshIntervalMillis() const {
  return kRefreshIntervals[static_cast<size_t>(refresh_interval_)].millis;
}

void CliTableResultView::refresh(const MaterializedResult& result, bool finished, std::string now) {
  page_count_ = result.pageCount(pageSize());
  if (page_ > page_count_) page_ = 0;
  updatePage(result);
  if (finished) retrieving_ = false;
  last_retrieval_ = std::move(now);
}

void CliTableResultView::updatePage(const MaterializedResult& result) {
  page_count_ = result.pageCount(pageSize());
  const int retrieval_page = page_ == 0 || page_ > page_count_ ? page_count_ : page_;
  std::vector<ResultRow> rows = result.retrievePage(retrieval_page, pageSize());
  // Values new since the last refresh of the same page are shown in bold.
  if (previous_results_page_ == retrieval_page) {
    previous_results_ = std::move(results_);
  } else {
    previous_results_.reset();
    previous_results_page_ = retrieval_page;
  }
  results_ = std::move(rows);
  if (selected_row_ >= static_cast<int>(results_.size())) selected_row_ = -1;
}

void CliTableResultView::evaluate(Operation operation, const MaterializedResult& result) {
  const int current = page_ == 0 ? page_count_ : page_;
  switch (operation) {
    case Operation::kQuit:
    case Operation::kGoto:
    case Operation::kRefresh:
      break;
    case Operation::kUp:
      if (selected_row_ < 0) {
        selected_row_ = static_cast<int>(results_.size()) - 1;
      } else if (selected_row_ > 0) {
        --selected_row_;
      }
      return;
    case Operation::kDown:
      if (selected_row_ < 0) {
        selected_row_ = results_.empty() ? -1 : 0;
      } else if (selected_row_ + 1 < static_cast<int>(results_.size())) {
        ++selected_row_;
      }
      return;
    case Operation::kOpen:
      if (selected_row_ >= 0) open_row_ = results_[static_cast<size_t>(selected_row_)];
      return;
    case Operation::kNext:
      if (current < page_count_) page_ = current + 1;
      break;
    case Operation::kPrev:
      if (current > 1) page_ = current - 1;
      break;
    case Operation::kLast:
      page_ = 0;
      break;
    case Operation::kIncRefresh:
      refresh_interval_ = std::min(static_cast<int>(kRefreshIntervals.size()) - 1, refresh_interval_ + 1);
      return;
    case Operation::kDecRefresh:
      refresh_interval_ = std::max(kMinRefreshInterval, refresh_interval_ - 1);
      return;
  }
  updatePage(result);
}

bool CliTableResultView::gotoPage(int page, const MaterializedResult& result) {
  if (page < 1 || page > page_count_) return false;
  page_ = page;
  updatePage(result);
  return true;
}

std::string CliTableResultView::titleLine(const std::string& title) const {
  const int total_margin = width_ - static_cast<int>(title.size());
  const int margin = total_margin / 2;
  return std::string(kInverse) + spaces(margin) + title + spaces(margin + total_margin % 2) + kReset;
}

// Flink's computeHeaderLines: the inverse status line, then an empty line.
std::vector<std::string> CliTableResultView::statusLines() const {
  const std::string left = retrieving_ ? std::string(kMargin) + "Refresh: " +
                                             kRefreshIntervals[static_cast<size_t>(refresh_interval_)].name
                                       : std::string(kMargin) + "Table program finished.";
  const std::string middle =
      "Page: " + (page_ == 0 ? std::string("Last") : std::to_string(page_)) + " of " + std::to_string(page_count_);
  const std::string right =
      "Updated: " + (last_retrieval_.empty() ? std::string("Unknown") : last_retrieval_) + kMargin;
  std::string line = left + spaces((width_ - static_cast<int>(middle.size())) / 2 - static_cast<int>(left.size())) + middle;
  line += spaces(width_ - static_cast<int>(line.size()) - static_cast<int>(right.size())) + right;
  return {std::string(kInverse) + line + kReset, ""};
}

std::string CliTableResultView::rowLine(size_t index) const {
  const ResultRow& row = results_[index];
  const bool selected = static_cast<int>(index) == selected_row_;
  std::string line = selected ? kInverse : "";
  for (size_t c = 0; c < row.size() && c < column_widths_.size(); ++c) {
    line += ' ';
    const bool changed = previous_results_ && !selected && retrieving_ &&
                         (index >= previous_results_->size() || (*previous_results_)[index][c] != row[c]);
    const std::string value = normalizeColumn(row[c], column_widths_[c]);
    line += changed ? std::string(kBold) + value + kReset : value;
  }
  return selected ? line + kReset : line;
}

std::string CliTableResultView::render() const {
  std::vector<std::string> lines;
  std::vector<std::string> footer;
  if (open_row_) {
    // Flink's CliRowView.
    lines.push_back(titleLine("Row Summary"));
    lines.emplace_back();
    for (size_t c = 0; c < column_names_.size() && c < open_row_->size(); ++c) {
      const std::string type = c < column_types_.size() ? column_types_[c] : std::string();
      lines.push_back(std::string(kMargin) + kBold + column_names_[c] + " (" + type + "):" + kReset);
      lines.push_back(std::string(kMargin) + (*open_row_)[c]);
      lines.emplace_back();
    }
    footer.push_back(std::string("Press ") + kInverse + "Q" + kReset + " to go back.");
  } else {
    lines.push_back(titleLine("SQL Query Result (Table)"));
    for (std::string& line : statusLines()) lines.push_back(std::move(line));
    std::string header;
    for (size_t c = 0; c < column_names_.size(); ++c) {
      header += std::string(" ") + kUnderline + normalizeColumn(column_names_[c], column_widths_[c]) + kReset;
    }
    lines.push_back(std::move(header));
    for (size_t i = 0; i < results_.size() && static_cast<int>(i) < pageSize(); ++i) lines.push_back(rowLine(i));
    footer = helpLines(width_, {{"Q", "Quit"},
                                {"R", "Refresh"},
                                {"+", "Inc Refresh"},
                                {"-", "Dec Refresh"},
                                {"G", "Goto Page"},
                                {"L", "Last Page"},
                                {"N", "Next Page"},
                                {"P", "Prev Page"},
                                {"O", "Open Row"}});
  }
  while (static_cast<int>(lines.size() + footer.size()) < height_) lines.emplace_back();
  lines.insert(lines.end(), footer.begin(), footer.end());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += lines[i];
  }
  return out;
}

std::string CliTableResultView::renderInput(const std::string& typed) const {
  std::vector<std::string> lines{titleLine("Input Dialog"), "",
                                 std::string(kMargin) + "Enter page number: [1 to " + std::to_string(page_count_) + "]",
                                 std::string(kMargin) + "> " + typed};
  const std::string help = std::string("Press ") + kInverse + "Enter" + kReset + " to submit. Press " + kInverse +
                           "ESC" + kReset + " or submit an empty string to cancel.";
  while (static_cast<int>(lines.size()) + 1 < height_) lines.emplace_back();
  lines.push_back(help);
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += lines[i];
  }
  return out;
}

}  // namespace eddy::cli
