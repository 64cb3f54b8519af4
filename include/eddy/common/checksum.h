#pragma once

#include <cstdint>
#include <string_view>

// CRC32C (Castagnoli), the checksum of every file Eddy writes for checkpoints and
// savepoints. Uses the SSE4.2 crc32 instruction when the CPU has it, a table otherwise; both
// give the same values. Thread-safe: pure functions.
namespace eddy::crc32c {

// The CRC32C of `data` appended to bytes whose CRC32C was `crc`, so that a stream's checksum
// can be computed piece by piece: extend(value(a), b) == value(a + b).
uint32_t extend(uint32_t crc, std::string_view data);

// extend() without the SSE4.2 instruction: the table-driven code that CPUs without it run.
// Public so that tests check both paths give the same values.
uint32_t extendPortable(uint32_t crc, std::string_view data);

// The CRC32C of `data`.
inline uint32_t value(std::string_view data) { return extend(0, data); }

}  // namespace eddy::crc32c
