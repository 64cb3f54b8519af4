#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace eddy::e2e {

// The output of the chaos jobs' running sums when nothing fails, and how a killed and
// restored run's output differs from it: the oracle of the chaos tests. Free functions and
// a plain struct; thread-compatible.

// Keys of the generated records (i % kRunningSumKeys, i); the jobs use the same.
constexpr int64_t kRunningSumKeys = 7;

// Every line the job commits when nothing fails: per key, "(key,sum)" after each value, with
// how often it occurs.
std::map<std::string, int> expectedRunningSums(int64_t records);

// How many lines a run's output lacks, repeats, or has that the oracle does not.
struct LineDiscrepancies {
  int64_t missing = 0;
  int64_t duplicated = 0;
  int64_t unexpected = 0;
};

// Compares occurrence counts per line.
LineDiscrepancies compareLines(const std::map<std::string, int>& expected, const std::map<std::string, int>& actual);

}  // namespace eddy::e2e
