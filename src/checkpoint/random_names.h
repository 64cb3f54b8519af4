#pragma once

#include <string>

namespace eddy::checkpoint {

// Random names for new files and directories, so that concurrent writers (tasks, retried
// savepoints) never collide. Thread-safe.

// A random (version 4) UUID in its usual text form, as Flink names its state files.
std::string randomUuid();
// `n` random lower-case hex digits (Flink's FileUtils.getRandomFilename uses 12).
std::string randomHex(int n);

}  // namespace eddy::checkpoint
