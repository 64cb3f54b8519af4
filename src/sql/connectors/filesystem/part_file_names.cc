#include "sql/connectors/filesystem/part_file_names.h"

#include <random>

#include <fmt/format.h>

namespace eddy::sql {

std::string randomUuid() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  uint64_t high = random();
  uint64_t low = random();
  high = (high & ~uint64_t{0xF000}) | 0x4000;                                 // version 4
  low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);              // IETF variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF,
                     low >> 48, low & 0xFFFFFFFFFFFFULL);
}

std::string partFileName(std::string_view sink_uuid, int subtask_index, int64_t counter) {
  return fmt::format("part-{}-{}-{}", sink_uuid, subtask_index, counter);
}

std::string inProgressFileName(std::string_view name) { return fmt::format(".{}.inprogress.{}", name, randomUuid()); }

}  // namespace eddy::sql
