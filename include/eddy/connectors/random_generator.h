#pragma once

#include <cstdint>
#include <string>

namespace eddy::connectors {

// Random field values for generated records, deterministic per (seed, index): the record
// with a given index gets the same values whichever subtask generates it and however
// often the job runs. Usable inside a DataGeneratorSource's generator function:
//
//   [](int64_t i) { auto r = RandomGenerator::forIndex(42, i); return r.nextLong(0, 99); }
//
// SplitMix64 underneath: cheap to create (no allocation), not for cryptography.
class RandomGenerator {
 public:
  static RandomGenerator forIndex(uint64_t seed, int64_t index) {
    RandomGenerator r(seed);
    r.state_ = mix(r.state_ ^ mix(static_cast<uint64_t>(index) + 0x9E3779B97F4A7C15ULL));
    return r;
  }

  // 64 random bits.
  uint64_t nextBits() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix(state_);
  }
  // Uniform in [min, max], both included (as Flink's RandomDataGenerator.nextLong).
  // REQUIRES: min <= max.
  int64_t nextLong(int64_t min, int64_t max) {
    uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min) + 1;
    if (range == 0) return static_cast<int64_t>(nextBits());  // the whole int64 range
    // Lemire's multiply-and-reject: unbiased without a division in the common case.
    unsigned __int128 m = static_cast<unsigned __int128>(nextBits()) * range;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < range) {
      uint64_t threshold = (0 - range) % range;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(nextBits()) * range;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<int64_t>(static_cast<uint64_t>(min) + static_cast<uint64_t>(m >> 64));
  }
  // Uniform in [min, max], both included. REQUIRES: min <= max.
  int32_t nextInt(int32_t min, int32_t max) { return static_cast<int32_t>(nextLong(min, max)); }
  // Uniform in [min, max). REQUIRES: min < max.
  double nextDouble(double min, double max) {
    double unit = static_cast<double>(nextBits() >> 11) * 0x1.0p-53;
    return min + unit * (max - min);
  }
  bool nextBoolean() { return (nextBits() >> 63) != 0; }
  // `length` lowercase hex digits, as Flink's datagen makes random strings
  // (RandomDataGenerator.nextHexString).
  std::string nextString(size_t length) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(length, '0');
    uint64_t bits = 0;
    for (size_t i = 0; i < length; ++i) {
      if (i % 16 == 0) bits = nextBits();
      out[i] = kDigits[bits & 0xF];
      bits >>= 4;
    }
    return out;
  }

 private:
  explicit RandomGenerator(uint64_t seed) : state_(seed) {}

  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  uint64_t state_;
};

}  // namespace eddy::connectors
