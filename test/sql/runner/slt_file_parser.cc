#include "slt_file_parser.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

namespace eddy::slt {
namespace {

std::string_view trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> splitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

bool isBlank(std::string_view line) { return trim(line).empty(); }

Result<types::RowKind> parseRowKind(std::string_view text) {
  if (text == "+I") return types::RowKind::INSERT;
  if (text == "-U") return types::RowKind::UPDATE_BEFORE;
  if (text == "+U") return types::RowKind::UPDATE_AFTER;
  if (text == "-D") return types::RowKind::DELETE;
  return InvalidArgument(fmt::format("unknown row kind '{}' (expected +I, -U, +U or -D)", text));
}

// Epoch millis of `yyyy-MM-dd HH:mm:ss[.SSS]` read as UTC, as Flink reads a TIMESTAMP(3)
// rowtime when it compares it with watermarks.
Result<int64_t> parseTimestampMillis(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  char fraction[4] = "000";
  int fraction_length = 0;
  const int read = std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d %2d:%2d:%2d.%3[0-9]%n", &year, &month, &day,
                               &hour, &minute, &second, fraction, &fraction_length);
  if (read < 6) return InvalidArgument(fmt::format("bad watermark '{}': expected epoch millis or yyyy-MM-dd HH:mm:ss[.SSS]", text));
  if (read == 7) {
    std::string digits(fraction);
    digits.resize(3, '0');
    millis = std::stoi(digits);
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return InvalidArgument(fmt::format("bad watermark date '{}'", text));
  const int64_t days = sys_days{date}.time_since_epoch().count();
  return ((days * 24 + hour) * 60 + minute) * 60'000 + second * 1'000 + millis;
}

Result<Cell> parseInputCell(std::string_view raw) {
  std::string_view text = trim(raw);
  if (text == "NULL") return Cell{};
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    std::string value;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      value += text[i];
      if (text[i] == '\'') {
        if (i + 2 >= text.size() || text[i + 1] != '\'') return InvalidArgument(fmt::format("bad quoted cell {}", text));
        ++i;
      }
    }
    return Cell{value};
  }
  return Cell{std::string(text)};
}

// Splits on commas outside 'quotes'.
std::vector<std::string_view> splitCells(std::string_view text) {
  std::vector<std::string_view> cells;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\'') quoted = !quoted;
    if (text[i] == ',' && !quoted) {
      cells.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  cells.push_back(text.substr(start));
  return cells;
}

// Joins lines [begin, end) into one SQL text.
std::string joinLines(const std::vector<std::string_view>& lines, size_t begin, size_t end) {
  std::string sql;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) sql += '\n';
    sql += lines[i];
  }
  return sql;
}

// The record header's words after the first: `error` then a message, or options.
struct ErrorHeader {
  bool expect_error = false;
  std::string message;
};

ErrorHeader readErrorHeader(std::string_view header, std::string_view keyword) {
  std::string_view rest = trim(header.substr(keyword.size()));
  if (rest.substr(0, 5) != "error" || (rest.size() > 5 && rest[5] != ' ' && rest[5] != '\t')) return {};
  return {true, std::string(trim(rest.substr(5)))};
}

class FileParser {
 public:
  explicit FileParser(std::string_view text) : lines_(splitLines(text)) {}

  Result<std::vector<Record>> parse() {
    std::vector<Record> records;
    while (next_ < lines_.size()) {
      const std::string_view line = trim(lines_[next_]);
      if (line.empty() || line.front() == '#') {
        ++next_;
        continue;
      }
      const int line_number = static_cast<int>(next_) + 1;
      Result<Record> record = parseRecord(line);
      if (!record.ok()) return InvalidArgument(fmt::format("line {}: {}", line_number, record.status().message()));
      record->line = line_number;
      records.push_back(std::move(*record));
    }
    return records;
  }

 private:
  Result<Record> parseRecord(std::string_view header) {
    const std::vector<std::string_view> words = splitWords(header);
    ++next_;
    if (words[0] == "statement") return parseStatement(header);
    if (words[0] == "query") return parseQuery(header, words);
    if (words[0] == "input") return parseInput(words);
    if (words[0] == "sink") return parseSink(words);
    return InvalidArgument(fmt::format("unknown record '{}' (expected statement, query, input or sink)", words[0]));
  }

  // The SQL lines up to a blank line or `----`; leaves next_ on the terminator.
  Result<std::string> readSql() {
    const size_t begin = next_;
    while (next_ < lines_.size() && !isBlank(lines_[next_]) && trim(lines_[next_]) != "----") ++next_;
    if (next_ == begin) return InvalidArgument("the record has no SQL");
    return joinLines(lines_, begin, next_);
  }

  // After `----`: the lines up to a blank line (or the end).
  std::vector<std::string> readResultLines() {
    std::vector<std::string> result;
    if (next_ >= lines_.size() || trim(lines_[next_]) != "----") return result;
    ++next_;
    while (next_ < lines_.size() && !isBlank(lines_[next_])) result.emplace_back(lines_[next_++]);
    return result;
  }

  Result<Record> parseStatement(std::string_view header) {
    StatementRecord record;
    const ErrorHeader error = readErrorHeader(header, "statement");
    if (!error.expect_error && trim(header.substr(9)) != "ok") {
      return InvalidArgument(fmt::format("expected 'statement ok' or 'statement error [message]', got '{}'", header));
    }
    record.expect_error = error.expect_error;
    record.expected_error = error.message;
    EDDY_ASSIGN_OR_RETURN(record.sql, readSql());
    std::vector<std::string> message = readResultLines();
    if (!message.empty()) {
      if (!record.expect_error || !record.expected_error.empty()) {
        return InvalidArgument("only 'statement error' without a message on its header may take one after ----");
      }
      record.expected_error = joinLines({message.begin(), message.end()}, 0, message.size());
    }
    return Record{0, std::move(record)};
  }

  Result<Record> parseQuery(std::string_view header, const std::vector<std::string_view>& words) {
    QueryRecord record;
    const ErrorHeader error = readErrorHeader(header, "query");
    if (error.expect_error) {
      record.expect_error = true;
      record.expected_error = error.message;
    } else {
      if (words.size() < 2) return InvalidArgument("'query' needs its column types, e.g. 'query IT'");
      record.column_types = std::string(words[1]);
      for (size_t i = 2; i < words.size(); ++i) {
        if (words[i] == "rowsort") record.rowsort = true;
        else if (words[i] == "nosort") record.rowsort = false;
        else if (words[i] == "changelog") record.changelog = true;
        else if (words[i] == "duckdb") record.duckdb = true;
        else return InvalidArgument(fmt::format("unknown query option '{}' (expected rowsort, nosort, changelog or duckdb)", words[i]));
      }
      if (record.changelog && record.duckdb) {
        return InvalidArgument("'duckdb' compares final rows of an insert-only query; it does not go with 'changelog'");
      }
    }
    EDDY_ASSIGN_OR_RETURN(record.sql, readSql());
    record.expected_lines = readResultLines();
    if (record.expect_error && !record.expected_lines.empty()) {
      if (!record.expected_error.empty()) return InvalidArgument("the error message is on the header or after ----, not both");
      record.expected_error = joinLines({record.expected_lines.begin(), record.expected_lines.end()}, 0,
                                        record.expected_lines.size());
      record.expected_lines.clear();
    }
    return Record{0, std::move(record)};
  }

  Result<Record> parseInput(const std::vector<std::string_view>& words) {
    if (words.size() != 2) return InvalidArgument("expected 'input <data-id>'");
    InputRecord record{std::string(words[1]), {}};
    while (next_ < lines_.size() && !isBlank(lines_[next_])) {
      Result<InputElement> element = parseInputLine(lines_[next_]);
      if (!element.ok()) {
        return InvalidArgument(fmt::format("line {}: {}", next_ + 1, element.status().message()));
      }
      record.elements.push_back(std::move(*element));
      ++next_;
    }
    return Record{0, std::move(record)};
  }

  Result<Record> parseSink(const std::vector<std::string_view>& words) {
    SinkRecord record;
    if (words.size() < 2 || words.size() > 3 || (words.size() == 3 && words[2] != "rowsort")) {
      return InvalidArgument("expected 'sink <table> [rowsort]'");
    }
    record.table = std::string(words[1]);
    record.rowsort = words.size() == 3;
    if (next_ >= lines_.size() || trim(lines_[next_]) != "----") return InvalidArgument("'sink' needs ---- and its rows");
    record.expected_lines = readResultLines();
    return Record{0, std::move(record)};
  }

  std::vector<std::string_view> lines_;
  size_t next_ = 0;
};

}  // namespace

Result<std::vector<Record>> parseTestFile(std::string_view text) { return FileParser(text).parse(); }

Result<InputElement> parseInputLine(std::string_view line) {
  std::string_view text = trim(line);
  if (text.substr(0, 10) == "watermark ") {
    const std::string_view value = trim(text.substr(10));
    int64_t millis = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), millis);
    if (error == std::errc() && end == value.data() + value.size()) return InputElement{InputWatermark{millis}};
    EDDY_ASSIGN_OR_RETURN(millis, parseTimestampMillis(value));
    return InputElement{InputWatermark{millis}};
  }
  ChangelogRow row;
  if (text.size() >= 2 && (text[0] == '+' || text[0] == '-') && (text.size() == 2 || text[2] == ' ')) {
    EDDY_ASSIGN_OR_RETURN(row.kind, parseRowKind(text.substr(0, 2)));
    text = text.substr(2);
  }
  for (std::string_view raw : splitCells(text)) {
    EDDY_ASSIGN_OR_RETURN(Cell cell, parseInputCell(raw));
    row.cells.push_back(std::move(cell));
  }
  return InputElement{std::move(row)};
}

CellRow parseResultLine(std::string_view line) {
  CellRow cells;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    const std::string_view text = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (text == "NULL") cells.emplace_back();
    else if (text == "(empty)") cells.emplace_back("");
    else cells.emplace_back(std::string(text));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

std::string formatCell(const Cell& cell) {
  if (!cell) return "NULL";
  if (cell->empty()) return "(empty)";
  return *cell;
}

}  // namespace eddy::slt
