#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/value.h"

// Partition directories of the filesystem connector, as Flink's PartitionPathUtils and
// RowPartitionComputer write and read them: "k1=v1/k2=v2", values escaped for paths.
namespace eddy::sql {

// The default 'partition.default-name': the directory value of a null or empty value.
inline constexpr std::string_view kDefaultPartitionName = "__DEFAULT_PARTITION__";

// PartitionPathUtils.escapePathName: control characters and " # % ' * / : = ? \ { [ ] ^ and
// DEL as %XX (upper-case hex).
std::string escapePathName(std::string_view name);
// PartitionPathUtils.unescapePathName: %XX back to its character; other text as it is.
std::string unescapePathName(std::string_view name);

// The directory of a row's partition values, "k1=v1/k2=v2" (no trailing '/'): each value as
// Flink prints it (Value::toString), or `default_name` when null or empty.
std::string partitionPath(const std::vector<std::string>& keys, const std::vector<types::Value>& values,
                          std::string_view default_name);

// The k=v parts of `relative_dir` (a file's directory below the table path), unescaped, in
// order; parts without '=' are ignored (PartitionPathUtils.extractPartitionSpecFromPath).
std::vector<std::pair<std::string, std::string>> extractPartitionSpec(std::string_view relative_dir);

// The value of partition column text (RowPartitionComputer.restorePartValueFromType): null
// for `default_name`, else the text converted to `type` (strings, BOOLEAN, integers,
// FLOAT, DOUBLE, DECIMAL, DATE). InvalidArgument naming the value when it does not convert;
// NotSupported for other types.
Result<types::Value> restorePartitionValue(const std::string& text, const types::LogicalType& type,
                                           std::string_view default_name);

}  // namespace eddy::sql
