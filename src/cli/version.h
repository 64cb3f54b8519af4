#pragma once

namespace eddy::cli {

// The version `eddy --version` prints.
inline constexpr const char* kVersion = "0.1.0";

}  // namespace eddy::cli
