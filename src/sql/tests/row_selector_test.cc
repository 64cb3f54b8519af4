#include "sql/runtime/row_selector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "eddy/state/java_hash.h"
#include "eddy/state/key_group_range_assignment.h"

namespace eddy::sql {
namespace {

TEST(RowSelectorTest, KeyGroupOfKeyIsFlinksForAnyMaxParallelism) {
  for (int max_parallelism : {1, 2, 100, 128, 4096, 32768}) {
    for (int i = 0; i < 2000; ++i) {
      // Encoded keys: a tag byte and big-endian bytes, many of them 0x80 and above.
      std::string key = "\x01";
      for (int b = 3; b >= 0; --b) key.push_back(static_cast<char>((static_cast<uint32_t>(i) * 7919u + 0x7fff0000u) >> (8 * b)));
      ASSERT_EQ(keyGroupOfKey(key, max_parallelism),
                state::KeyGroupRangeAssignment::computeKeyGroupForKeyHash(state::javaHashCode(key), max_parallelism))
          << "max parallelism " << max_parallelism << ", key " << i;
    }
  }
}

}  // namespace
}  // namespace eddy::sql
