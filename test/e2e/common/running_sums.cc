#include "e2e/common/running_sums.h"

#include <vector>

namespace eddy::e2e {

std::map<std::string, int> expectedRunningSums(int64_t records) {
  std::map<std::string, int> lines;
  std::vector<int64_t> sums(kRunningSumKeys, 0);
  for (int64_t i = 0; i < records; ++i) {
    sums[i % kRunningSumKeys] += i;
    ++lines["(" + std::to_string(i % kRunningSumKeys) + "," + std::to_string(sums[i % kRunningSumKeys]) + ")"];
  }
  return lines;
}

LineDiscrepancies compareLines(const std::map<std::string, int>& expected, const std::map<std::string, int>& actual) {
  LineDiscrepancies result;
  for (const auto& [line, n] : expected) {
    auto it = actual.find(line);
    int got = it == actual.end() ? 0 : it->second;
    if (got < n) result.missing += n - got;
    if (got > n) result.duplicated += got - n;
  }
  for (const auto& [line, n] : actual) result.unexpected += expected.count(line) ? 0 : n;
  return result;
}

}  // namespace eddy::e2e
