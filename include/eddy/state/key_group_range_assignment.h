#pragma once

#include <cstdint>

#include "eddy/state/key_group_range.h"

namespace eddy::state {

// Flink's default upper bound of max parallelism and the default used when none is set.
inline constexpr int kUpperBoundMaxParallelism = 1 << 15;
inline constexpr int kDefaultLowerBoundMaxParallelism = 1 << 7;

// Flink's MathUtils.murmurHash: one round of murmur3 over a 32-bit hash code, made
// non-negative exactly as Flink does (so the key group of a key equals Flink's).
constexpr int32_t murmurHash(int32_t code) {
  auto rotl = [](uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
  uint32_t h = static_cast<uint32_t>(code);
  h *= 0xcc9e2d51u;
  h = rotl(h, 15);
  h *= 0x1b873593u;
  h = rotl(h, 13);
  h = h * 5 + 0xe6546b64u;
  h ^= 4u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  int32_t signed_h = static_cast<int32_t>(h);
  if (signed_h >= 0) return signed_h;
  if (signed_h != INT32_MIN) return -signed_h;
  return 0;
}

// Flink's KeyGroupRangeAssignment, formula for formula.
struct KeyGroupRangeAssignment {
  // Key group of a key whose Java-compatible hash code is `key_hash`.
  static constexpr int computeKeyGroupForKeyHash(int32_t key_hash, int max_parallelism) {
    return murmurHash(key_hash) % max_parallelism;
  }

  // Index of the parallel operator instance that owns `key_group`.
  static constexpr int computeOperatorIndexForKeyGroup(int max_parallelism, int parallelism, int key_group) {
    return static_cast<int>(static_cast<int64_t>(key_group) * parallelism / max_parallelism);
  }

  static constexpr int assignKeyHashToParallelOperator(int32_t key_hash, int max_parallelism, int parallelism) {
    return computeOperatorIndexForKeyGroup(max_parallelism, parallelism,
                                           computeKeyGroupForKeyHash(key_hash, max_parallelism));
  }

  // The key groups owned by operator instance `operator_index`.
  static constexpr KeyGroupRange computeKeyGroupRangeForOperatorIndex(int max_parallelism, int parallelism,
                                                                      int operator_index) {
    int start = static_cast<int>((static_cast<int64_t>(operator_index) * max_parallelism + parallelism - 1) / parallelism);
    int end = static_cast<int>((static_cast<int64_t>(operator_index + 1) * max_parallelism - 1) / parallelism);
    return KeyGroupRange{start, end};
  }

  // Flink's default max parallelism for an operator of the given parallelism:
  // roundUpToPowerOfTwo(p + p / 2), clamped to [128, 32768].
  static constexpr int computeDefaultMaxParallelism(int operator_parallelism) {
    int64_t want = operator_parallelism + operator_parallelism / 2;
    int64_t pow2 = 1;
    while (pow2 < want) pow2 <<= 1;
    if (pow2 < kDefaultLowerBoundMaxParallelism) pow2 = kDefaultLowerBoundMaxParallelism;
    if (pow2 > kUpperBoundMaxParallelism) pow2 = kUpperBoundMaxParallelism;
    return static_cast<int>(pow2);
  }
};

}  // namespace eddy::state
