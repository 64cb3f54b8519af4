#include "checkpoint/random_names.h"

#include <fmt/format.h>

#include <random>

namespace eddy::checkpoint {
namespace {

std::mt19937_64& generator() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) | device();
  }()};
  return engine;
}

}  // namespace

std::string randomUuid() {
  uint64_t high = generator()();
  uint64_t low = generator()();
  high = (high & ~0xF000ull) | 0x4000ull;                           // version 4
  low = (low & ~(0xC000ull << 48)) | (0x8000ull << 48);             // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF,
                     low >> 48, low & 0xFFFFFFFFFFFFull);
}

std::string randomHex(int n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(kDigits[generator()() & 0xF]);
  return out;
}

}  // namespace eddy::checkpoint
