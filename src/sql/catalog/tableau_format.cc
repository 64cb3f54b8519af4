#include <algorithm>

#include "sql/catalog/table_result.h"

namespace eddy::sql {

namespace {

constexpr const char* kNullColumn = "<NULL>";

// The display width of UTF-8 text: one per code point (wide CJK glyphs are not doubled).
size_t displayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

void appendBorder(std::string& out, const std::vector<size_t>& widths) {
  out += '+';
  for (size_t width : widths) {
    out.append(width + 2, '-');
    out += '+';
  }
  out += '\n';
}

void appendRow(std::string& out, const std::vector<size_t>& widths, const std::vector<std::string>& cells) {
  out += '|';
  for (size_t i = 0; i < widths.size(); ++i) {
    out += ' ';
    out.append(widths[i] - displayWidth(cells[i]), ' ');
    out += cells[i];
    out += " |";
  }
  out += '\n';
}

}  // namespace

std::string printTableau(const TableResult& result) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : result.rows) {
    std::vector<std::string> printed;
    for (const auto& value : row) printed.push_back(value ? *value : kNullColumn);
    cells.push_back(std::move(printed));
  }
  if (cells.empty()) return "Empty set\n";
  std::vector<size_t> widths;
  for (const std::string& column : result.columns) widths.push_back(displayWidth(column));
  for (const auto& row : cells) {
    for (size_t i = 0; i < widths.size(); ++i) widths[i] = std::max(widths[i], displayWidth(row[i]));
  }
  std::string out;
  appendBorder(out, widths);
  appendRow(out, widths, result.columns);
  appendBorder(out, widths);
  for (const auto& row : cells) appendRow(out, widths, row);
  appendBorder(out, widths);
  out += std::to_string(cells.size()) + (cells.size() == 1 ? " row in set\n" : " rows in set\n");
  return out;
}

}  // namespace eddy::sql
