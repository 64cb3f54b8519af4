#include <cctype>

#include "eddy/connectors/jdbc/jdbc_sink.h"

namespace eddy::connectors::jdbc {
namespace {

// The next word of `sql` from `at` (skipping blanks), advancing `at` past it.
std::string_view nextWord(std::string_view sql, size_t& at) {
  while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
  size_t start = at;
  while (at < sql.size() && !std::isspace(static_cast<unsigned char>(sql[at])) && sql[at] != '(') ++at;
  return sql.substr(start, at - start);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::string statementTableName(std::string_view sql) {
  size_t at = 0;
  std::string_view verb = nextWord(sql, at);
  if (equalsIgnoreCase(verb, "insert") || equalsIgnoreCase(verb, "replace") || equalsIgnoreCase(verb, "merge") ||
      equalsIgnoreCase(verb, "delete")) {
    std::string_view word = nextWord(sql, at);
    if (equalsIgnoreCase(word, "into") || equalsIgnoreCase(word, "from")) word = nextWord(sql, at);
    if (!word.empty()) return std::string(word);
  } else if (equalsIgnoreCase(verb, "update")) {
    std::string_view word = nextWord(sql, at);
    if (!word.empty()) return std::string(word);
  }
  return "?";
}

}  // namespace eddy::connectors::jdbc
