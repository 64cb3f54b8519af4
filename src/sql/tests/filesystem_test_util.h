#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/types/row.h"
#include "sql/connectors/factory_registry.h"
#include "sql/connectors/filesystem/filesystem_table_factory.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// Every file below `dir` (relative paths, sorted), with its content.
inline std::map<std::string, std::string> listFiles(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files[std::filesystem::relative(entry.path(), dir).string()] = text.str();
  }
  return files;
}

// The context of a filesystem table "t" of `row_type` with `options` ('connector' added).
inline DynamicTableContext filesystemTableContext(types::LogicalType row_type, std::map<std::string, std::string> options,
                                                  std::vector<std::string> partition_keys = {}) {
  options.emplace("connector", "filesystem");
  CatalogTable table;
  table.options = std::move(options);
  table.partition_keys = std::move(partition_keys);
  return DynamicTableContext{ObjectIdentifier{"default_catalog", "default_database", "t"}, std::move(table),
                             std::move(row_type), Configuration(), false};
}

// The filesystem connector's factory, which makes its sources and its sinks.
inline const DynamicTableSourceFactory& filesystemSourceFactory() {
  static FactoryRegistry* registry = [] {
    auto* r = new FactoryRegistry();
    registerFileSystemFactories(*r);
    return r;
  }();
  return **registry->sourceFactory("filesystem");
}

inline const DynamicTableSinkFactory& filesystemSinkFactory() {
  return dynamic_cast<const DynamicTableSinkFactory&>(filesystemSourceFactory());
}

// Sends `rows` of `type` to `op` as one chunk on its first input.
inline void writeRows(runtime::StreamOperator& op, const types::LogicalType& type, const std::vector<types::Row>& rows) {
  auto batch = std::make_shared<types::ColumnBatch>(type);
  for (const types::Row& row : rows) EXPECT_TRUE(batch->appendRow(row).ok());
  runtime::RecordBatch<RowChunk> records;
  records.add(RowChunk{batch}, runtime::kNoTimestamp);
  op.processBatch(records, 0);
}

}  // namespace eddy::sql
