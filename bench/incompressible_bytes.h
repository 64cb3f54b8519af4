#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace eddy::bench {

// Overwrites `value` with splitmix64 bytes derived from `seed`: state that compression cannot
// shrink, so that a benchmark's state is as large on disk as in memory.
inline void fillIncompressible(std::string& value, uint64_t seed) {
  uint64_t x = seed;
  for (size_t i = 0; i + 8 <= value.size(); i += 8) {
    x += 0x9e3779b97f4a7c15ULL;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    std::memcpy(value.data() + i, &z, 8);
  }
}

}  // namespace eddy::bench
