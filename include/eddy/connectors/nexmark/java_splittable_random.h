#pragma once

#include <cstdint>

namespace eddy::connectors::nexmark {

// java.util.SplittableRandom, bit for bit (the JDK 17 algorithm: SplitMix64 with the golden
// gamma), so that a generator seeded the same way yields the same values as the Java
// reference. Only the methods the Nexmark generator calls. Not thread-safe.
class JavaSplittableRandom {
 public:
  explicit JavaSplittableRandom(int64_t seed) : seed_(static_cast<uint64_t>(seed)) {}

  int32_t nextInt() { return mix32(nextSeed()); }
  int64_t nextLong() { return static_cast<int64_t>(mix64(nextSeed())); }
  // Uniform in [0, bound). REQUIRES: bound > 0.
  int32_t nextInt(int32_t bound) {
    int32_t r = nextInt();
    const int32_t m = bound - 1;
    if ((bound & m) == 0) return r & m;
    // Java's rejection loop: `u + m - r < 0` is an int overflow test.
    for (uint32_t u = static_cast<uint32_t>(r) >> 1;; u = static_cast<uint32_t>(nextInt()) >> 1) {
      r = static_cast<int32_t>(u % static_cast<uint32_t>(bound));
      if (static_cast<int32_t>(u + static_cast<uint32_t>(m) - static_cast<uint32_t>(r)) >= 0) return r;
    }
  }
  // Uniform in [0, 1) with 53 random bits.
  double nextDouble() { return static_cast<double>(mix64(nextSeed()) >> 11) * 0x1.0p-53; }

 private:
  static constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

  uint64_t nextSeed() { return seed_ += kGoldenGamma; }
  static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static int32_t mix32(uint64_t z) {
    z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ULL;
    return static_cast<int32_t>(((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ULL) >> 32);
  }

  uint64_t seed_;
};

}  // namespace eddy::connectors::nexmark
