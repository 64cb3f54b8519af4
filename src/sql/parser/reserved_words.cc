#include "sql/parser/reserved_words.h"

#include <algorithm>
#include <iterator>
#include <cctype>

namespace eddy::sql {

namespace {

// Sorted, upper case.
constexpr std::string_view kReserved[] = {
    "ALL",          "AND",          "ANY",          "ARRAY",         "AS",           "ASYMMETRIC",
    "BETWEEN",      "BOTH",         "BY",           "CASE",          "CAST",         "CONSTRAINT",
    "CREATE",       "CROSS",        "CUBE",         "CURRENT_DATE",  "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "DATE",         "DISTINCT",     "ELSE",         "END",           "ESCAPE",       "EXCEPT",
    "EXISTS",       "FALSE",        "FETCH",        "FILTER",        "FOR",          "FROM",
    "FULL",         "GROUP",        "GROUPING",     "HAVING",        "IN",           "INNER",
    "INSERT",       "INTERSECT",    "INTERVAL",     "INTO",          "IS",           "JOIN",
    "LATERAL",      "LEADING",      "LEFT",         "LIKE",          "LIMIT",        "LOCALTIME",
    "LOCALTIMESTAMP", "MAP",        "MATCH_RECOGNIZE", "NATURAL",    "NOT",          "NULL",
    "OFFSET",       "ON",           "OR",           "ORDER",         "OUTER",        "OVER",
    "OVERLAPS",     "PARTITION",    "RIGHT",        "ROLLUP",       "ROW",           "SELECT",       "SIMILAR",
    "SOME",         "SYMMETRIC",    "SYSTEM_TIME",  "TABLE",         "THEN",         "TIME",
    "TIMESTAMP",    "TO",           "TRAILING",     "TRUE",          "UNION",        "UNKNOWN",
    "UNNEST",       "USING",        "VALUES",       "WHEN",          "WHERE",        "WINDOW",
    "WITH",
};

constexpr size_t kMaxReservedLength = 17;

}  // namespace

bool isReservedWord(std::string_view word) {
  if (word.size() > kMaxReservedLength) return false;
  char upper[kMaxReservedLength];
  for (size_t i = 0; i < word.size(); ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[i])));
  const std::string_view key(upper, word.size());
  return std::binary_search(std::begin(kReserved), std::end(kReserved), key);
}

bool isCallableReservedWord(std::string_view word) {
  if (word.size() > 8) return false;
  char upper[8];
  for (size_t i = 0; i < word.size(); ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[i])));
  const std::string_view key(upper, word.size());
  return key == "LEFT" || key == "RIGHT" || key == "GROUPING";
}

}  // namespace eddy::sql
