#pragma once

// Prefetching that the compiler keeps.
//
// GCC finds a function whose only work is __builtin_prefetch (and the loads that compute
// its address) "pure", and removes calls to a pure function whose result is unused. So a
// prefetch wrapped in a helper that is not inlined early (a map's prefetch(hash), an
// operator's prefetchKey(row)) silently compiles to nothing. An empty volatile asm is an
// effect GCC keeps: it makes the function and its callers impure, and costs no instruction.
namespace eddy {

// Makes the calling function one whose calls are kept; for functions that prefetch through
// a library (e.g. absl's raw_hash_set::prefetch).
[[gnu::always_inline]] inline void keepPrefetchCall() { asm volatile(""); }

// Starts loading the cache line of `address` for a read that follows soon.
[[gnu::always_inline]] inline void prefetchForRead(const void* address) {
  __builtin_prefetch(address);
  keepPrefetchCall();
}

}  // namespace eddy
