#pragma once

#include <map>
#include <string>
#include <vector>

#include "eddy/common/status.h"
#include "sql/connectors/dynamic_table.h"

namespace eddy::sql {

// Validates a table's options against what its factory declares, as Flink's
// FactoryUtil.TableFactoryHelper#validate / #validateExcept:
// - a required key missing: "One or more required options are missing.\n\nMissing
//   required options are:\n\n<keys, one a line, sorted>";
// - a key neither required nor optional (nor 'connector', nor under one of
//   `prefixes_to_skip`, e.g. "fields." for datagen): "Unsupported options found for
//   '<identifier>'.\n\nUnsupported options:\n\n<keys>\n\nSupported options:\n\n<keys>",
//   both lists sorted, the supported list including 'connector'.
// Both are InvalidArgument.
Status validateFactoryOptions(const DynamicTableFactory& factory, const std::map<std::string, std::string>& options,
                              const std::vector<std::string>& prefixes_to_skip = {});

// The value of `key` in `options`, or `default_value`.
std::string optionOr(const std::map<std::string, std::string>& options, const std::string& key,
                     const std::string& default_value);

// A boolean option as Flink reads one ("true"/"false", case-insensitive); InvalidArgument
// naming the key otherwise.
Result<bool> booleanOption(const std::map<std::string, std::string>& options, const std::string& key,
                           bool default_value);

}  // namespace eddy::sql
