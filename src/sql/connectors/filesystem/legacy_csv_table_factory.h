#pragma once

#include <memory>
#include <string>

#include "sql/connectors/dynamic_table.h"
#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// The legacy descriptor table Flink still creates from `'connector.type' = 'filesystem'`,
// `'connector.path'` and `'format.type' = 'csv'` (CsvAppendTableSourceFactory and its
// CsvTableSource, the side input of Nexmark q13). Such a table has no 'connector' option;
// the planner finds its factory under kLegacyCsvFactoryIdentifier through
// legacyFactoryIdentifier.
inline constexpr const char* kLegacyCsvFactoryIdentifier = "legacy-filesystem-csv";

// kLegacyCsvFactoryIdentifier when `options` describe a legacy filesystem table
// ('connector.type' = 'filesystem' without 'connector'), else empty.
std::string legacyFactoryIdentifier(const std::map<std::string, std::string>& options);

// Registers the legacy csv factory: required 'connector.type' = 'filesystem',
// 'format.type' = 'csv' and 'connector.path' (a local file or directory); optional
// 'connector.property-version', 'format.property-version', 'update-mode' = 'append',
// 'format.derive-schema', 'format.fields.#.name|type|data-type', 'format.field-delimiter'
// (Default: ","), 'format.line-delimiter' (Default: "\n"), 'format.quote-character'
// (Default: none, values are not unquoted), 'format.comment-prefix' (Default: none),
// 'format.ignore-first-line' and 'format.ignore-parse-errors' (Default: false). The source
// scans the file(s) and can be looked up (LookupTableSource): a lookup join loads every row
// once per task, as CsvTableSource's lookup function does, and never reloads.
void registerLegacyCsvFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
