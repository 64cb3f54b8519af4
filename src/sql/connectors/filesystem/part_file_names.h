#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The names of the filesystem sink's part files, as Flink's FileSystemTableSink (part prefix
// "part-<uuid>") and Buckets (prefix-subtask-counter) and LocalRecoverableWriter (the hidden
// in-progress file) make them.
namespace eddy::sql {

// A random java.util.UUID#toString: 8-4-4-4-12 lower-case hex digits, version 4.
std::string randomUuid();

// "part-<uuid>-<subtask>-<counter>".
std::string partFileName(std::string_view sink_uuid, int subtask_index, int64_t counter);

// ".<name>.inprogress.<random uuid>".
std::string inProgressFileName(std::string_view name);

}  // namespace eddy::sql
