#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

// Checks for programming errors (broken invariants), on in every build. They print both
// operands and abort. Never use them for bad user input: return a Status instead.
namespace eddy::detail {
[[noreturn]] void checkFailed(const char* file, int line, const std::string& what);
}  // namespace eddy::detail

#define EDDY_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) ::eddy::detail::checkFailed(__FILE__, __LINE__, "check " #cond); \
  } while (0)

#define EDDY_CHECK_OP(a, op, b)                                                        \
  do {                                                                                 \
    const auto& _eddy_a = (a);                                                         \
    const auto& _eddy_b = (b);                                                         \
    if (!(_eddy_a op _eddy_b))                                                         \
      ::eddy::detail::checkFailed(                                                     \
          __FILE__, __LINE__,                                                          \
          fmt::format("check {} {} {} ({} vs {})", #a, #op, #b, _eddy_a, _eddy_b));    \
  } while (0)

#define EDDY_CHECK_EQ(a, b) EDDY_CHECK_OP(a, ==, b)
#define EDDY_CHECK_NE(a, b) EDDY_CHECK_OP(a, !=, b)
#define EDDY_CHECK_LT(a, b) EDDY_CHECK_OP(a, <, b)
#define EDDY_CHECK_LE(a, b) EDDY_CHECK_OP(a, <=, b)
#define EDDY_CHECK_GT(a, b) EDDY_CHECK_OP(a, >, b)
#define EDDY_CHECK_GE(a, b) EDDY_CHECK_OP(a, >=, b)
