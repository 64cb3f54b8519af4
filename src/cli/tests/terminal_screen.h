#pragma once

#include <regex>
#include <string>
#include <vector>

namespace eddy::cli {

// A screen as the table view draws it, without its ANSI escapes, one string per line
// (lines end in "\r\n").
inline std::vector<std::string> screenLines(const std::string& screen) {
  const std::string plain = std::regex_replace(screen, std::regex("\x1b\\[[0-9;?]*[A-Za-z]"), "");
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    const size_t end = plain.find("\r\n", start);
    lines.push_back(plain.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return lines;
}

}  // namespace eddy::cli
