// keyBy must put every key on the key group and subtask that Flink puts it on. The vectors in
// data/keygroup_vectors.tsv were printed by the real Flink jars (tools/flink_vectors/generate.sh);
// every row is checked against javaHashCode and KeyGroupRangeAssignment here.

#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "eddy/state/java_hash.h"
#include "eddy/state/key_group_range_assignment.h"
#include "eddy/testing/source_dir.h"

namespace eddy::state {
namespace {

// One non-comment line of the TSV, with its line number for failure messages.
struct VectorRow {
  int line = 0;
  std::string text;
  std::vector<std::string> fields;
};

std::filesystem::path vectorsPath() {
  return std::filesystem::path(::eddy::testing::kSourceDir) / "src" / "state" / "tests" / "data" / "keygroup_vectors.tsv";
}

std::vector<std::string> splitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

std::vector<VectorRow> readVectors() {
  std::ifstream in(vectorsPath(), std::ios::binary);
  EXPECT_TRUE(in.is_open()) << "cannot open " << vectorsPath();
  std::vector<VectorRow> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(VectorRow{number, line, splitTabs(line)});
  }
  return rows;
}

// Reverses KeyGroupVectors.escape: \\, \t, \n, \r and \xHH.
std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    if (c == 't') {
      out.push_back('\t');
    } else if (c == 'n') {
      out.push_back('\n');
    } else if (c == 'r') {
      out.push_back('\r');
    } else if (c == 'x' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

template <typename Int>
Int parseInt(std::string_view s) {
  Int value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  EXPECT_TRUE(ec == std::errc() && end == s.data() + s.size()) << "not an integer: '" << s << "'";
  return value;
}

bool parseBool(std::string_view s) {
  EXPECT_TRUE(s == "true" || s == "false") << "not a boolean: '" << s << "'";
  return s == "true";
}

// Java's toString of a double ("NaN", "Infinity", "4.9E-324", …) read back exactly.
double parseDouble(const std::string& s) {
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  EXPECT_EQ(*end, '\0') << "not a double: '" << s << "'";
  return value;
}

float parseFloat(const std::string& s) {
  char* end = nullptr;
  float value = std::strtof(s.c_str(), &end);
  EXPECT_EQ(*end, '\0') << "not a float: '" << s << "'";
  return value;
}

// eddy's javaHashCode of the key in a row, through the C++ type a job would key by;
// nullopt for a key type this test does not know.
std::optional<int32_t> eddyHashOf(const std::string& type, const std::string& key) {
  if (type == "Integer") return javaHashCode(parseInt<int32_t>(key));
  if (type == "Long") return javaHashCode(parseInt<int64_t>(key));
  if (type == "String") return javaHashCode(unescape(key));
  if (type == "Double") return javaHashCode(parseDouble(key));
  if (type == "Float") return javaHashCode(parseFloat(key));
  if (type == "Boolean") return javaHashCode(parseBool(key));
  if (type == "Tuple2<String,Integer>") {
    size_t comma = key.rfind(',');
    auto tuple = std::make_tuple(unescape(key.substr(0, comma)), parseInt<int32_t>(key.substr(comma + 1)));
    int32_t as_tuple = javaHashCode(tuple);
    int32_t as_pair = javaHashCode(std::make_pair(std::get<0>(tuple), std::get<1>(tuple)));
    EXPECT_EQ(as_tuple, as_pair) << "std::tuple and std::pair disagree for " << key;
    return as_tuple;
  }
  if (type == "Tuple3<Long,String,Boolean>") {
    size_t first = key.find(',');
    size_t last = key.rfind(',');
    return javaHashCode(std::make_tuple(parseInt<int64_t>(key.substr(0, first)),
                                        unescape(key.substr(first + 1, last - first - 1)),
                                        parseBool(key.substr(last + 1))));
  }
  return std::nullopt;
}

void checkKeyRow(const VectorRow& row) {
  ASSERT_EQ(row.fields.size(), 7u) << "malformed row";
  const std::string& type = row.fields[0];
  int32_t flink_hash = parseInt<int32_t>(row.fields[2]);
  int max_parallelism = parseInt<int>(row.fields[3]);
  int parallelism = parseInt<int>(row.fields[4]);
  int flink_key_group = parseInt<int>(row.fields[5]);
  int flink_operator_index = parseInt<int>(row.fields[6]);

  std::optional<int32_t> hash = eddyHashOf(type, row.fields[1]);
  ASSERT_TRUE(hash.has_value()) << "unknown key type " << type;
  EXPECT_EQ(*hash, flink_hash) << "javaHashCode";
  EXPECT_EQ(KeyGroupRangeAssignment::computeKeyGroupForKeyHash(flink_hash, max_parallelism), flink_key_group)
      << "computeKeyGroupForKeyHash";
  EXPECT_EQ(KeyGroupRangeAssignment::assignKeyHashToParallelOperator(flink_hash, max_parallelism, parallelism),
            flink_operator_index)
      << "assignKeyHashToParallelOperator";
  EXPECT_EQ(KeyGroupRangeAssignment::computeOperatorIndexForKeyGroup(max_parallelism, parallelism, flink_key_group),
            flink_operator_index)
      << "computeOperatorIndexForKeyGroup";
}

void checkRangeRow(const VectorRow& row) {
  ASSERT_EQ(row.fields.size(), 6u) << "malformed row";
  int max_parallelism = parseInt<int>(row.fields[1]);
  int parallelism = parseInt<int>(row.fields[2]);
  int operator_index = parseInt<int>(row.fields[3]);
  KeyGroupRange flink_range{parseInt<int>(row.fields[4]), parseInt<int>(row.fields[5])};
  // Compared as text so that a failure prints both ranges.
  EXPECT_EQ(
      KeyGroupRangeAssignment::computeKeyGroupRangeForOperatorIndex(max_parallelism, parallelism, operator_index)
          .toString(),
      flink_range.toString())
      << "computeKeyGroupRangeForOperatorIndex";
}

TEST(FlinkKeyGroupVectorsTest, EveryRowEqualsFlink) {
  std::vector<VectorRow> rows = readVectors();
  std::map<std::string, int> rows_per_type;
  for (const VectorRow& row : rows) {
    SCOPED_TRACE("keygroup_vectors.tsv:" + std::to_string(row.line) + ": " + row.text);
    ++rows_per_type[row.fields[0]];
    if (row.fields[0] == "KeyGroupRange") {
      checkRangeRow(row);
    } else {
      checkKeyRow(row);
    }
  }
  // Every kind of row the generator writes is present, so a truncated file cannot pass.
  for (const char* type : {"Integer", "Long", "String", "Double", "Float", "Boolean", "Tuple2<String,Integer>",
                           "Tuple3<Long,String,Boolean>", "KeyGroupRange"}) {
    EXPECT_GT(rows_per_type[type], 0) << "no rows of type " << type;
  }
}

TEST(FlinkKeyGroupVectorsTest, StringKeysCoverNonAsciiText) {
  // The vectors hold the keys whose UTF-16 hashing is easy to get wrong.
  std::vector<VectorRow> rows = readVectors();
  std::map<std::string, bool> seen{{"", false}, {"é", false}, {"中文", false}, {"😀", false}, {"\U0010FFFF", false}};
  for (const VectorRow& row : rows) {
    if (row.fields[0] != "String") continue;
    auto it = seen.find(unescape(row.fields[1]));
    if (it != seen.end()) it->second = true;
  }
  for (const auto& [key, found] : seen) EXPECT_TRUE(found) << "no vector for key '" << key << "'";
}

}  // namespace
}  // namespace eddy::state
